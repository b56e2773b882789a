package cn.tianjin.makerspace.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One published, immutable state of the warehouse: for each table, the list of segments
 * (folders of Parquet files under {@code data/}) that make it up. A new snapshot may reuse
 * segments of the previous one, which is how an incremental ingest avoids rewriting history.
 *
 * @param id sortable identifier, also the manifest's file name
 * @param createdAt when it was published
 * @param properties free-form facts about the run that produced it (as-of date, run id, ...)
 * @param tables table name to its segments, in a stable order
 */
public record Snapshot(
    String id, Instant createdAt, Map<String, String> properties, Map<String, List<Segment>> tables) {

  /**
   * A folder of Parquet files that belongs to one table.
   *
   * @param path relative to the warehouse root, e.g. {@code data/request_events/20250703T...-1}
   * @param label what produced it (e.g. {@code reference}, {@code events}); a rebuild of a part
   *     replaces the segments with its label
   * @param rows number of rows, read from the Parquet footers when it was written
   */
  public record Segment(String path, String label, long rows) {}

  /** The property the transform records its as-of date in (the day its marts were computed for). */
  public static final String AS_OF = "as_of";

  public Snapshot {
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    Map<String, List<Segment>> copy = new TreeMap<>();
    tables.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    tables = Collections.unmodifiableMap(copy);
  }

  public List<Segment> segments(String table) {
    List<Segment> segments = tables.get(table);
    if (segments == null) {
      throw new UserError("table '" + table + "' is not in snapshot " + id);
    }
    return segments;
  }

  /** The as-of date of this snapshot's marts; empty before the first transform. */
  public Optional<LocalDate> asOf() {
    String day = properties.get(AS_OF);
    if (day == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(day));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("snapshot " + id + " has an as-of date that is not a date: " + day, e);
    }
  }

  public boolean has(String table) {
    return tables.containsKey(table);
  }

  /** A mutable copy to build the next snapshot from this one. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.properties.putAll(properties);
    tables.forEach((k, v) -> b.tables.put(k, new ArrayList<>(v)));
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the segments of the next snapshot; {@link SnapshotStore#publish} makes it live. */
  public static final class Builder {
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, List<Segment>> tables = new LinkedHashMap<>();

    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** Replaces every segment of {@code table} that has {@code label} with {@code segment}. */
    public Builder replace(String table, String label, Segment segment) {
      List<Segment> list = tables.computeIfAbsent(table, k -> new ArrayList<>());
      list.removeIf(s -> s.label().equals(label));
      list.add(segment);
      return this;
    }

    /** Removes the segments of {@code table} whose label matches. */
    public Builder removeLabel(String table, String label) {
      List<Segment> list = tables.get(table);
      if (list != null) {
        list.removeIf(s -> s.label().equals(label));
      }
      return this;
    }

    public Builder append(String table, Segment segment) {
      tables.computeIfAbsent(table, k -> new ArrayList<>()).add(segment);
      return this;
    }

    public Map<String, List<Segment>> tables() {
      return tables;
    }

    Snapshot build(String id, Instant createdAt) {
      return new Snapshot(id, createdAt, properties, tables);
    }
  }
}
