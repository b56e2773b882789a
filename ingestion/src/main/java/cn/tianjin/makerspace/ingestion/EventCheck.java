package cn.tianjin.makerspace.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract's checks of one request-log line (section 1 and the rulings of section 3), in the
 * contract's order. Runs on the Spark executors; holds the space ids and category codes it
 * checks against.
 */
public final class EventCheck implements Serializable {
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Set<String> TYPES = Set.of("RECEIVED", "ASSIGNED", "FEEDBACK", "CLOSED");
  static final Set<String> CHANNELS = Set.of("ONSITE", "HOTLINE", "WEB", "WECHAT");
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");

  /**
   * What the check of one line yields: {@code kind} A (accepted: the event columns are set) or Q
   * (quarantined: reason_code, detail and raw are set).
   */
  public static final StructType CHECKED_SCHEMA =
      CuratedTables.nullable(CuratedTables.REQUEST_EVENTS_SCHEMA)
          .add("kind", DataTypes.StringType, false)
          .add("reason_code", DataTypes.StringType)
          .add("detail", DataTypes.StringType)
          .add("raw", DataTypes.StringType);

  private final Set<String> spaces;
  private final Set<String> categories;

  EventCheck(Set<String> spaces, Set<String> categories) {
    this.spaces = Set.copyOf(spaces);
    this.categories = Set.copyOf(categories);
  }

  /** The row for a file that cannot be read on from {@code lineNumber}. */
  Row unreadable(String sourceFile, long lineNumber, String detail) {
    return RowFactory.create(
        null, null, null, null, null, null, null, null, null, null, sourceFile, lineNumber, "Q",
        ReasonCode.UNREADABLE_FILE.name(), detail, null);
  }

  /** Checks one non-blank line; never throws. */
  public Row check(ObjectMapper json, String line, String sourceFile, long lineNumber) {
    try {
      return accepted(json, line, sourceFile, lineNumber);
    } catch (Rejected e) {
      return RowFactory.create(
          null, null, null, null, null, null, null, null, null, null, sourceFile, lineNumber,
          "Q", e.reason().name(), e.detail(), line);
    }
  }

  private Row accepted(ObjectMapper json, String line, String sourceFile, long lineNumber)
      throws Rejected {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new Rejected(ReasonCode.NOT_JSON, "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new Rejected(ReasonCode.NOT_JSON, "the line is JSON but not an object");
    }
    String eventId = required(node, "event_id");
    String requestId = required(node, "request_id");
    String type = required(node, "type");
    String tsText = required(node, "ts");
    boolean received = type.equals("RECEIVED");
    String channel = text(node, "channel");
    String space = text(node, "space_id");
    String category = text(node, "category");
    if (received) {
      required(node, "channel");
      required(node, "space_id");
      required(node, "category");
    }
    if (!TYPES.contains(type)) {
      throw new Rejected(ReasonCode.UNKNOWN_TYPE, "type '" + type + "' is unknown");
    }
    if (channel != null && !CHANNELS.contains(channel)) {
      throw new Rejected(ReasonCode.UNKNOWN_CHANNEL, "channel '" + channel + "' is unknown");
    }
    if (category != null && !categories.contains(category)) {
      throw new Rejected(ReasonCode.UNKNOWN_CATEGORY, "category '" + category + "' is unknown");
    }
    if (space != null && !spaces.contains(space)) {
      throw new Rejected(ReasonCode.UNKNOWN_SPACE, "space_id '" + space + "' is unknown");
    }
    Instant ts = parseTimestamp(tsText);
    Integer satisfaction = null;
    JsonNode sat = node.get("satisfaction");
    if (sat != null && !sat.isNull()) {
      if (!sat.isIntegralNumber() || sat.asLong() < 1 || sat.asLong() > 5) {
        throw new Rejected(
            ReasonCode.BAD_SATISFACTION, "satisfaction " + sat + " is not an integer from 1 to 5");
      }
      satisfaction = sat.intValue();
    }
    return RowFactory.create(
        eventId, requestId, type, ts, channel, space, category, text(node, "commissioner_id"),
        satisfaction, text(node, "note"), sourceFile, lineNumber, "A", null, null, null);
  }

  /**
   * An ISO-8601 timestamp. With an offset it is converted; without one it is Asia/Shanghai
   * local time (the contract's rule).
   */
  static Instant parseTimestamp(String s) throws Rejected {
    try {
      if (s.length() > 10 && s.charAt(10) == ' ') {
        return LocalDateTime.parse(s, SPACED).atZone(SHANGHAI).toInstant();
      }
      boolean hasOffset = s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
      return hasOffset
          ? OffsetDateTime.parse(s).toInstant()
          : LocalDateTime.parse(s).atZone(SHANGHAI).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejected(ReasonCode.BAD_TIMESTAMP, "ts '" + s + "' is not an ISO-8601 timestamp");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private static String required(JsonNode node, String field) throws Rejected {
    String v = text(node, field);
    if (v == null) {
      throw new Rejected(ReasonCode.MISSING_FIELD, field + " is missing");
    }
    return v;
  }
}
