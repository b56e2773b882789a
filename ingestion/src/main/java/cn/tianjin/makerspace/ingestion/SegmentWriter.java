package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the new segments of one ingest run into the store. A small table held on the driver
 * is written as one Parquet file, with no Spark job; the small tables that replace a part of the
 * snapshot (reference data, 季报, misnamed files) are written on background threads while the
 * request logs are read, and {@link #replacePending} puts them into the next snapshot. One writer
 * serves one run: {@link #close} stops its threads.
 */
final class SegmentWriter implements AutoCloseable {
  /** A small table's segment being written in the background. */
  private record Pending(String table, String label, Future<Snapshot.Segment> segment) {}

  private final SnapshotStore store;
  private final ExecutorService background = Executors.newFixedThreadPool(2);
  private final List<Pending> pending = new ArrayList<>();

  SegmentWriter(SnapshotStore store) {
    this.store = store;
  }

  /**
   * Writes a small table's segment on a background thread (Spark runs jobs of several threads at
   * once), to replace the segment with the same label when {@link #replacePending} runs.
   */
  void replaceLater(String table, String label, List<Row> rows, StructType schema) {
    pending.add(new Pending(table, label, background.submit(() -> write(table, label, rows, schema))));
  }

  /**
   * Waits for the background writes and puts their segments into {@code next}, in the order they
   * were asked for, each replacing the segments of its table that have its label. A failed write
   * throws its own exception.
   */
  void replacePending(Snapshot.Builder next) {
    for (Pending p : pending) {
      next.replace(p.table(), p.label(), join(p.segment()));
    }
    pending.clear();
  }

  /** A small table held on the driver: one Parquet file, no Spark job (see SmallTableWriter). */
  Snapshot.Segment write(String table, String label, List<Row> rows, StructType schema) {
    String path = store.newSegmentPath(table);
    store.writeSmallTable(path, schema, rows);
    return store.segment(path, label);
  }

  /** A table computed by Spark, written by a Spark job. */
  Snapshot.Segment write(String table, String label, Dataset<Row> data) {
    String path = store.newSegmentPath(table);
    data.write().parquet(store.location(path));
    return store.segment(path, label);
  }

  /** Stops the background threads; a write still pending is abandoned (its run has failed). */
  @Override
  public void close() {
    background.shutdownNow();
    pending.clear();
  }

  private static Snapshot.Segment join(Future<Snapshot.Segment> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }
}
