package cn.tianjin.makerspace.contract;

import cn.tianjin.makerspace.common.ProgrammeClock;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract's checks of one request-log line (section 1 and the rulings of section 3), in the
 * contract's order. Runs on the Spark executors; holds the space ids and category codes it
 * checks against.
 */
public final class EventCheck implements Serializable {
  public static final Set<String> TYPES = Set.of("RECEIVED", "ASSIGNED", "FEEDBACK", "CLOSED");
  public static final Set<String> CHANNELS = Set.of("ONSITE", "HOTLINE", "WEB", "WECHAT");
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");

  /**
   * A line that needs a second look is an exception row: the 12 event columns (source_file and
   * line_number among them), then its {@link Kind}'s code, then — for a rejected line — reason_code,
   * detail and the raw line.
   */
  public static final int KIND = 12;
  /** Columns of an exception row, by position (it is a Spark row without a schema). */
  public static final int EVENT_ID = 0, SOURCE_FILE = 10, LINE_NUMBER = 11, REASON_CODE = 13, DETAIL = 14, RAW = 15;

  /** What an exception row is. */
  public enum Kind {
    /** Rejected: reason_code, detail and raw follow. */
    QUARANTINED("Q"),
    /** Accepted, but its event_id may be a duplicate (see EventIdHashes). */
    CANDIDATE("C");

    /** The code the row carries. */
    public final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The kind of an exception row. */
    public static Kind of(Row exception) {
      return QUARANTINED.code.equals(exception.getString(KIND)) ? QUARANTINED : CANDIDATE;
    }
  }

  private final Map<String, String> spaceDistricts; // the known spaces, with their district
  private final Set<String> categories;

  public EventCheck(Map<String, String> spaceDistricts, Set<String> categories) {
    this.spaceDistricts = Map.copyOf(spaceDistricts);
    this.categories = Set.copyOf(categories);
  }

  /** The row for a file that cannot be read on from {@code lineNumber}. */
  public Row unreadable(String sourceFile, long lineNumber, String detail) {
    return RowFactory.create(
        null, null, null, null, null, null, null, null, null, null, sourceFile, lineNumber, Kind.QUARANTINED.code,
        ReasonCode.UNREADABLE_FILE.name(), detail, null);
  }

  /**
   * Checks one non-blank line; never throws. Returns a {@code request_events} row (12 columns)
   * when the line is accepted, else an exception row of kind Q.
   */
  public Row check(JsonFactory json, String line, String sourceFile, long lineNumber) {
    try {
      return accepted(json, line, sourceFile, lineNumber);
    } catch (Rejected e) {
      return RowFactory.create(
          null, null, null, null, null, null, null, null, null, null, sourceFile, lineNumber,
          Kind.QUARANTINED.code, e.reason().name(), e.detail(), line);
    }
  }

  /** An accepted event row as an exception row of the given kind. */
  public static Row withKind(Row event, Kind kind) {
    Object[] v = new Object[16];
    for (int i = 0; i < 12; i++) {
      v[i] = event.get(i);
    }
    v[KIND] = kind.code;
    return RowFactory.create(v);
  }

  /** The event_id of a line that is a JSON object naming one, else null (the pre-pass). */
  public static String eventIdOf(JsonFactory json, String line) {
    return fieldOf(json, line, "event_id");
  }

  /**
   * The district a rejected line belongs to (data contract v1.1, quarantine.district_code): that
   * of the maker space its own space_id names, when the line is a JSON object naming a known
   * space; else null.
   */
  public String districtOf(JsonFactory json, String line) {
    String space = line == null ? null : fieldOf(json, line, "space_id");
    return space == null ? null : spaceDistricts.get(space);
  }

  /** The known spaces as a small table {@code (space_id, district_code)}, for a broadcast join. */
  public Dataset<Row> spaceDistricts(SparkSession spark) {
    List<Row> rows = spaceDistricts.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
    return spark.createDataFrame(rows, new StructType().add("space_id", DataTypes.StringType).add("district_code", DataTypes.StringType));
  }

  /**
   * A top-level scalar field of a line that is a JSON object, trimmed; null when absent, null or
   * blank. A key given twice counts as the main pass ({@link #read}) takes it: the last one (else
   * the pre-pass would miss the id of an accepted event, and a duplicate of it would be kept).
   */
  private static String fieldOf(JsonFactory json, String line, String field) {
    String value = null;
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        if (name.equals(field)) {
          value = null;
          if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            String v = p.getText().trim();
            value = v.isEmpty() ? null : v;
          }
        }
        p.skipChildren();
      }
      return value;
    } catch (IOException e) {
      return value; // not JSON past here: the main pass rejects the line
    }
  }

  /** The fields of one line, read with Jackson's streaming parser (no tree). */
  private static final class Fields {
    String eventId;
    String requestId;
    String type;
    String ts;
    String channel;
    String space;
    String category;
    String commissioner;
    String note;
    boolean hasSatisfaction;
    Long satisfaction; // null with hasSatisfaction: present but not a JSON integer
    String satisfactionText;
  }

  private static Fields read(JsonFactory factory, String line) throws Rejected {
    Fields f = new Fields();
    try (JsonParser p = factory.createParser(line)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new Rejected(ReasonCode.NOT_JSON, "the line is JSON but not an object");
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        if (name.equals("satisfaction")) {
          f.hasSatisfaction = t != JsonToken.VALUE_NULL;
          // an integer past a long is JSON all the same: BAD_SATISFACTION, not NOT_JSON
          f.satisfaction = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
              ? p.getLongValue() : null;
          f.satisfactionText = t.isScalarValue() ? p.getText() : t.asString();
          p.skipChildren();
          continue;
        }
        String v = null;
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
          v = p.getText().trim();
          if (v.isEmpty()) {
            v = null;
          }
        } else {
          p.skipChildren();
        }
        switch (name) {
          case "event_id" -> f.eventId = v;
          case "request_id" -> f.requestId = v;
          case "type" -> f.type = v;
          case "ts" -> f.ts = v;
          case "channel" -> f.channel = v;
          case "space_id" -> f.space = v;
          case "category" -> f.category = v;
          case "commissioner_id" -> f.commissioner = v;
          case "note" -> f.note = v;
          default -> { }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new Rejected(ReasonCode.NOT_JSON, "not JSON: unexpected content after the object");
      }
    } catch (IOException e) {
      String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new Rejected(ReasonCode.NOT_JSON, "not JSON: " + m);
    }
    return f;
  }

  private Row accepted(JsonFactory factory, String line, String sourceFile, long lineNumber)
      throws Rejected {
    Fields f = read(factory, line);
    required(f.eventId, "event_id");
    required(f.requestId, "request_id");
    required(f.type, "type");
    required(f.ts, "ts");
    if (f.type.equals("RECEIVED")) {
      required(f.channel, "channel");
      required(f.space, "space_id");
      required(f.category, "category");
    }
    if (!TYPES.contains(f.type)) {
      throw new Rejected(ReasonCode.UNKNOWN_TYPE, "type '" + f.type + "' is unknown");
    }
    if (f.channel != null && !CHANNELS.contains(f.channel)) {
      throw new Rejected(ReasonCode.UNKNOWN_CHANNEL, "channel '" + f.channel + "' is unknown");
    }
    if (f.category != null && !categories.contains(f.category)) {
      throw new Rejected(ReasonCode.UNKNOWN_CATEGORY, "category '" + f.category + "' is unknown");
    }
    if (f.space != null && !spaceDistricts.containsKey(f.space)) {
      throw new Rejected(ReasonCode.UNKNOWN_SPACE, "space_id '" + f.space + "' is unknown");
    }
    Instant ts = parseTimestamp(f.ts);
    Integer satisfaction = null;
    if (f.hasSatisfaction) {
      if (f.satisfaction == null || f.satisfaction < 1 || f.satisfaction > 5) {
        throw new Rejected(
            ReasonCode.BAD_SATISFACTION,
            "satisfaction " + f.satisfactionText + " is not an integer from 1 to 5");
      }
      satisfaction = f.satisfaction.intValue();
    }
    return RowFactory.create(
        f.eventId, f.requestId, f.type, ts, f.channel, f.space, f.category, f.commissioner,
        satisfaction, f.note, sourceFile, lineNumber);
  }

  private static void required(String value, String field) throws Rejected {
    if (value == null) {
      throw new Rejected(ReasonCode.MISSING_FIELD, field + " is missing");
    }
  }

  /**
   * An ISO-8601 timestamp. With an offset it is converted; without one it is Asia/Shanghai
   * local time (the contract's rule).
   */
  public static Instant parseTimestamp(String s) throws Rejected {
    Instant ts = fastTimestamp(s);
    if (ts == null) {
      try {
        if (s.length() > 10 && s.charAt(10) == ' ') {
          ts = LocalDateTime.parse(s, SPACED).atZone(ProgrammeClock.ZONE).toInstant();
        } else {
          boolean hasOffset = s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
          ts = hasOffset
              ? OffsetDateTime.parse(s).toInstant()
              : LocalDateTime.parse(s).atZone(ProgrammeClock.ZONE).toInstant();
        }
      } catch (DateTimeParseException e) {
        throw new Rejected(ReasonCode.BAD_TIMESTAMP, "ts '" + s + "' is not an ISO-8601 timestamp");
      }
    }
    // ISO-8601 allows years of up to nine digits; a TIMESTAMP column holds 0001-9999 (Spark's
    // encoder fails the whole job on a value past that)
    if (ts.isBefore(FIRST_INSTANT) || !ts.isBefore(END_INSTANT)) {
      throw new Rejected(ReasonCode.BAD_TIMESTAMP, "ts '" + s + "' is not between the years 0001 and 9999 (UTC)");
    }
    return ts;
  }

  private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant END_INSTANT = Instant.parse("+10000-01-01T00:00:00Z");


  /**
   * The common shapes {@code yyyy-MM-ddTHH:mm:ss} followed by nothing, {@code Z} or {@code ±HH:MM},
   * parsed without a formatter; anything else (or an impossible date) returns null and takes
   * the general path.
   */
  private static Instant fastTimestamp(String s) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int offsetSeconds;
    if (n == 19) {
      offsetSeconds = 8 * 3600; // no offset: Asia/Shanghai, which has had no DST since 1991
    } else if (n == 20 && s.charAt(19) == 'Z') {
      offsetSeconds = 0;
    } else if (n == 25 && (s.charAt(19) == '+' || s.charAt(19) == '-') && s.charAt(22) == ':') {
      int h = digits(s, 20, 22);
      int m = digits(s, 23, 25);
      if (h < 0 || m < 0 || h > 18 || m > 59) {
        return null;
      }
      offsetSeconds = (s.charAt(19) == '-' ? -1 : 1) * (h * 3600 + m * 60);
    } else {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 1992 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second)
          .toInstant(java.time.ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
