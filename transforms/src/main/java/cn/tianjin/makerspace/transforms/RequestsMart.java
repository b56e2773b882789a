package cn.tianjin.makerspace.transforms;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SqlResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code requests} mart (marts/requests.sql, the one definition of its rows), computed in
 * full or refreshed.
 *
 * <p>A request's row depends only on its own events, its space, the working-day calendar and the
 * as-of date. So when the previous run's rows were computed from the same spaces, calendar and
 * SQL, from events that are all still there (a new day of request logs only adds segments), and
 * for an as-of date no later than this run's, only these requests can change: those with an event
 * in a new segment, those still open (their status moves with the as-of date), and those with an
 * event after the previous as-of date. A refresh runs the mart's SQL over the events of those
 * requests alone and keeps every other row as it was. Anything else recomputes every request.
 */
final class RequestsMart {
  /** Snapshot properties the transform records with the mart, for the next run's decision. */
  static final String BASIS = "requests.basis";
  static final String EVENT_SEGMENTS = "requests.event_segments";
  static final String AS_OF = "requests.as_of";


  /** The rows and what to record about them. */
  record Computed(Dataset<Row> rows, String how, Map<String, String> properties) {}

  private RequestsMart() {}

  static Computed compute(SparkSession spark, SnapshotStore store, Snapshot current, LocalDate asOf, Map<String, Object> params,
      boolean inFull) {
    String sql = SqlResources.load("marts/" + Marts.REQUESTS + ".sql");
    String basis = basis(current, sql);
    List<Snapshot.Segment> events = current.segments("request_events");
    Map<String, String> properties = Map.of(
        BASIS, basis,
        EVENT_SEGMENTS, String.join(",", events.stream().map(Snapshot.Segment::path).toList()),
        AS_OF, asOf.toString());
    Optional<String> why = inFull ? Optional.of("asked for") : whyInFull(current, asOf, basis);
    if (why.isPresent()) {
      return new Computed(spark.sql(sql, params), "computed in full: " + why.get(), properties);
    }

    Set<String> before = Set.of(current.properties().get(EVENT_SEGMENTS).split(","));
    LocalDate previousAsOf = LocalDate.parse(current.properties().get(AS_OF));
    Dataset<Row> previous = store.read(spark, current.segments(Marts.REQUESTS));
    List<Snapshot.Segment> added = events.stream().filter(s -> !before.contains(s.path())).toList();
    Dataset<Row> all = store.read(spark, events);

    Dataset<Row> changed = previous.where(col("sla_status").isin("OPEN_WITHIN_SLA", "OPEN_OVERDUE")).select("request_id")
        .union(all.where(col("ts").geq(lit(midnightAfter(previousAsOf))).and(col("ts").lt(lit(midnightAfter(asOf)))))
            .select("request_id"));
    if (!added.isEmpty()) {
      changed = changed.union(store.read(spark, added).select("request_id"));
    }
    // the ids once, on the driver: both joins below use them (a few percent of the requests)
    List<String> ids = changed.distinct().as(Encoders.STRING()).collectAsList();
    Dataset<Row> affected = broadcast(spark.createDataset(ids, Encoders.STRING()).toDF("request_id"));

    // the mart's own SQL over the affected requests' events; the view of all events comes back after
    all.join(affected, "request_id", "left_semi").createOrReplaceTempView("request_events");
    Dataset<Row> recomputed = spark.sql(sql, params); // analysed now: it keeps the filtered view
    all.createOrReplaceTempView("request_events");
    Dataset<Row> rows = previous.join(affected, "request_id", "left_anti").unionByName(recomputed);
    String how = String.format(Locale.ROOT,
        "refreshed: %,d requests recomputed (%d new event segments, open requests, events after %s)",
        ids.size(), added.size(), previousAsOf);
    return new Computed(rows, how, properties);
  }

  private static Instant midnightAfter(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ProgrammeClock.ZONE).toInstant();
  }

  /** Why the previous rows cannot be reused, or empty when they can. */
  static Optional<String> whyInFull(Snapshot current, LocalDate asOf, String basis) {
    Map<String, String> p = current.properties();
    if (!current.has(Marts.REQUESTS) || p.get(BASIS) == null || p.get(EVENT_SEGMENTS) == null || p.get(AS_OF) == null) {
      return Optional.of("no previous requests to refresh");
    }
    if (!p.get(BASIS).equals(basis)) {
      return Optional.of("the spaces, the calendar or the mart's SQL changed");
    }
    if (LocalDate.parse(p.get(AS_OF)).isAfter(asOf)) {
      return Optional.of("the as-of date moved back from " + p.get(AS_OF));
    }
    Set<String> now = Set.copyOf(current.segments("request_events").stream().map(Snapshot.Segment::path).toList());
    if (!now.containsAll(List.of(p.get(EVENT_SEGMENTS).split(",")))) {
      return Optional.of("the request events were rebuilt");
    }
    return Optional.empty();
  }

  /** What every row depends on besides its events: the SQL, the shipped calendar, the spaces and the overrides. */
  static String basis(Snapshot current, String sql) {
    try (InputStream calendar = RequestsMart.class.getResourceAsStream("/reference/workday_overrides.csv")) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(sql.getBytes(StandardCharsets.UTF_8));
      if (calendar != null) {
        sha.update(calendar.readAllBytes());
      }
      for (String table : List.of("maker_spaces", "workday_overrides")) {
        for (Snapshot.Segment s : current.segments(table)) {
          sha.update((table + ":" + s.path() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the requests mart's inputs", e);
    }
  }
}
