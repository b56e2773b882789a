package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.INGEST_RUNS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.ingestion.ChangePlan.Action;
import cn.tianjin.makerspace.ingestion.ChangePlan.Entry;
import cn.tianjin.makerspace.ingestion.ChangePlan.FileState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest manifest, table {@code ingest_runs}: one row per landing file and run. It is read
 * for what it last recorded about each file (from which {@link ChangePlan} tells what changed),
 * and each run appends the rows of the files it read or found removed.
 */
final class IngestManifest {
  private final SparkSession spark;
  private final SnapshotStore store;

  IngestManifest(SparkSession spark, SnapshotStore store) {
    this.spark = spark;
    this.store = store;
  }

  /**
   * Whether a snapshot's curated tables have today's columns; if not, its manifest is not
   * trusted and an ingest rebuilds every table.
   */
  boolean hasCurrentLayout(Snapshot snapshot) {
    return !snapshot.has(QUARANTINE)
        || Arrays.asList(store.read(spark, snapshot.segments(QUARANTINE)).columns()).contains("district_code");
  }

  /** The manifest's last word on each landing file (files last recorded as REMOVED are gone). */
  Map<String, FileState> fileStates(Snapshot snapshot) {
    if (!snapshot.has(INGEST_RUNS)) {
      return Map.of();
    }
    Map<String, Row> latest = new LinkedHashMap<>();
    for (Row r :
        store.read(spark, snapshot.segments(INGEST_RUNS))
            .select("source_file", "source", "action", "size_bytes", "modified_at", "sha256", "run_id")
            .collectAsList()) {
      latest.merge(r.getString(0), r, (a, b) -> a.getString(6).compareTo(b.getString(6)) >= 0 ? a : b);
    }
    Map<String, FileState> states = new LinkedHashMap<>();
    for (Row r : latest.values()) {
      if (!r.getString(2).equals("REMOVED")) {
        Instant m = r.getAs(4);
        states.put(r.getString(0), new FileState(r.getString(0), r.getString(1), r.getLong(3), m.toEpochMilli(), r.getString(5)));
      }
    }
    return states;
  }

  /**
   * The run's rows: one per file it read ({@code recorded}, an unchanged file read again is
   * REPROCESSED), then one per file gone since the last run.
   */
  List<Row> rows(String runId, ChangePlan plan, List<FileCounts> recorded) {
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (FileCounts c : recorded) {
      Entry e = plan.entries.get(c.file.path());
      String action = e.action() == Action.UNCHANGED ? "REPROCESSED" : e.action().name();
      rows.add(
          RowFactory.create(
              runId, c.file.source().label, c.file.path(), action, c.file.size(),
              Instant.ofEpochMilli(c.file.modifiedMillis()), e.sha256(), c.encoding, c.read,
              c.accepted, c.quarantined, c.duplicates, c.counted, now));
    }
    for (FileState r : plan.removed) {
      rows.add(RowFactory.create(runId, r.source(), r.path(), "REMOVED", 0L, null, null, null, 0L, 0L, 0L, 0L, false, now));
    }
    return rows;
  }
}
