package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;
import static cn.tianjin.makerspace.ingestion.CuratedTables.REQUEST_EVENTS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Orphan requests: requests with accepted events but no accepted RECEIVED, quarantined as
 * {@code ORPHAN_REQUEST}, one row per request at its first event (segment label {@code orphans}).
 * Re-evaluated on every run that reads request logs, as events are added.
 */
final class OrphanRequests {
  private final SparkSession spark;
  private final SnapshotStore store;
  private final SegmentWriter segments;
  private final Progress progress;

  OrphanRequests(SparkSession spark, SnapshotStore store, SegmentWriter segments, Progress progress) {
    this.spark = spark;
    this.store = store;
    this.segments = segments;
    this.progress = progress;
  }

  /**
   * Writes the orphans of {@code next}'s request events, replacing its {@code orphans} segment;
   * returns how many there are. A hash aggregate finds the (few) orphan request ids; their first
   * event is then looked up. After a rebuild every request is evaluated; after an append
   * ({@code previous} given) only the requests with an event in the new segments can have
   * changed (events are only ever added), so only they are evaluated, over all their events, and
   * the previous run's rows for every other request are kept. An orphan's district is that of the
   * space named by the first of its events (in file, line order) that names a known space.
   */
  long write(Snapshot.Builder next, EventCheck check, Optional<Snapshot> previous) {
    Dataset<Row> all = store.read(spark, next.tables().get(REQUEST_EVENTS));
    Dataset<Row> scope = all;
    Dataset<Row> kept = null;
    List<Snapshot.Segment> before = previous.map(p -> p.has(REQUEST_EVENTS) ? p.segments(REQUEST_EVENTS) : null).orElse(null);
    List<Snapshot.Segment> previousRows = previous.map(p -> p.has(QUARANTINE) ? p.segments(QUARANTINE) : List.<Snapshot.Segment>of())
        .orElse(List.of()).stream().filter(s -> s.label().equals("orphans")).toList();
    if (before != null && previousRows.size() == 1) {
      List<Snapshot.Segment> added = next.tables().get(REQUEST_EVENTS).stream().filter(s -> !before.contains(s)).toList();
      List<String> ids = added.isEmpty() ? List.of()
          : store.read(spark, added).select("request_id").distinct().as(Encoders.STRING()).collectAsList();
      Dataset<Row> touched = broadcast(spark.createDataset(ids, Encoders.STRING()).toDF("request_id"));
      scope = all.join(touched, "request_id", "left_semi");
      kept = store.read(spark, previousRows)
          .withColumn("request_id", requestIdOf(col("detail")))
          .join(touched, "request_id", "left_anti")
          .drop("request_id");
    }
    Dataset<Row> orphanIds =
        scope.groupBy("request_id")
            .agg(max(when(col("type").equalTo("RECEIVED"), 1).otherwise(0)).as("has_received"), count(lit(1)).as("events"))
            .filter(col("has_received").equalTo(0))
            .drop("has_received");
    Dataset<Row> orphans =
        scope.join(broadcast(orphanIds), "request_id")
            .groupBy("request_id", "events")
            .agg(min(struct("source_file", "line_number", "event_id", "type", "ts", "commissioner_id")).as("first"),
                min(when(col("space_id").isNotNull(), struct("source_file", "line_number", "space_id"))).as("first_space"))
            .select(
                col("first.source_file").as("source_file"),
                col("first.line_number").as("line_number"),
                lit(ReasonCode.ORPHAN_REQUEST.name()).as("reason_code"),
                detail(col("request_id"), col("events")).as("detail"),
                to_json(col("first")).as("raw"),
                col("first_space.space_id").as("first_space_id"))
            .join(broadcast(check.spaceDistricts(spark)), col("first_space_id").equalTo(col("space_id")), "left")
            .drop("first_space_id", "space_id");
    if (kept != null) {
      orphans = kept.unionByName(orphans);
    }
    Snapshot.Segment seg = segments.write(QUARANTINE, "orphans", orphans.coalesce(1));
    next.replace(QUARANTINE, "orphans", seg);
    progress.say("orphan requests re-evaluated (%s)", kept == null ? "all requests" : "the requests of the new events");
    return seg.rows();
  }

  /** An orphan's detail: "request R has N event(s) but no RECEIVED". */
  private static Column detail(Column requestId, Column events) {
    return concat(lit("request "), requestId, lit(" has "), events.cast("string"), lit(" event(s) but no RECEIVED"));
  }

  /** The request id in an orphan's detail (as {@link #detail} writes it). */
  private static Column requestIdOf(Column detail) {
    return regexp_extract(detail, "^request (.*) has [0-9]+ event\\(s\\) but no RECEIVED$", 1);
  }
}
