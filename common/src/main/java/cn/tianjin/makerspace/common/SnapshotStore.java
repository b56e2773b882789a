package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The warehouse folder and its one publishing mechanism.
 *
 * <pre>
 * &lt;warehouse&gt;/
 *   CURRENT                      id of the live snapshot (replaced by an atomic rename)
 *   snapshots/&lt;id&gt;.json         manifest: table -&gt; segments (+ run properties)
 *   data/&lt;table&gt;/&lt;segment&gt;/    immutable Parquet files, shared between snapshots
 *   .lock                        held by the one process that may write
 * </pre>
 *
 * A writer puts new segments under {@code data/}, then {@link #publish} writes the manifest
 * and swaps {@code CURRENT}. A reader resolves {@code CURRENT} once and reads only the
 * segments its manifest names, so it sees the previous complete snapshot or the new complete
 * one, never a mix. A crash leaves unreferenced segments behind; the next writer removes them.
 *
 * <p>This class is the entry point; the work is done by {@link Manifests} (the manifests and
 * {@code CURRENT}), {@link WriteLock}, {@link SnapshotExpiry} (the clean-up) and {@link
 * ParquetFooters} (what a segment's footers say).
 */
public final class SnapshotStore {
  /** Manifests (and their segments) kept for readers still on an older snapshot. */
  public static final int SNAPSHOTS_KEPT = 5;

  private static final DateTimeFormatter ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Manifests manifests;
  private final SnapshotExpiry expiry;

  public SnapshotStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.manifests = new Manifests(this.root);
    this.expiry = new SnapshotExpiry(this.root, manifests, SNAPSHOTS_KEPT);
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** The live snapshot, if anything was ever published. */
  public Optional<Snapshot> current() {
    return manifests.current();
  }

  /** The live snapshot, or a clear error naming the folder when there is none. */
  public Snapshot requireCurrent() {
    if (!Files.isDirectory(root)) {
      throw new UserError("warehouse folder not found: " + root);
    }
    return current()
        .orElseThrow(
            () ->
                new UserError(
                    "no snapshot published in "
                        + root
                        + " (run './warehouse ingest --landing DIR --warehouse "
                        + root
                        + "' first)"));
  }

  /** A fresh, unused folder (relative path) for Spark to write one segment of {@code table}. */
  public String newSegmentPath(String table) {
    String name =
        ID_FORMAT.format(Instant.now())
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    return "data/" + table + "/" + name;
  }

  /** Describes a written segment folder, counting its rows from the Parquet footers. */
  public Snapshot.Segment segment(String relativePath, String label) {
    return new Snapshot.Segment(relativePath, label, ParquetFooters.countRows(root.resolve(relativePath)));
  }

  /**
   * A table's segments as one Spark Dataset. The schema is taken from the first file's footer on
   * the driver: without it Spark infers it with a job of its own, about 0.3 s per table.
   */
  public Dataset<Row> read(SparkSession spark, List<Snapshot.Segment> segments) {
    List<Path> folders = folders(segments);
    String[] paths = folders.stream().map(Path::toString).toArray(String[]::new);
    DataFrameReader reader = spark.read();
    Optional<StructType> schema = ParquetFooters.sparkSchema(folders);
    return (schema.isPresent() ? reader.schema(schema.get()) : reader).parquet(paths);
  }

  /**
   * The smallest and largest value of a column over some segments, from the Parquet footers'
   * statistics (no data is read): a timestamp column as instants, a date column as dates, a
   * string column as strings; empty when the segments hold no value.
   */
  public <T> Optional<List<T>> range(List<Snapshot.Segment> segments, String column, Class<T> type) {
    return ParquetFooters.range(folders(segments), column, type);
  }

  private List<Path> folders(List<Snapshot.Segment> segments) {
    return segments.stream().map(s -> root.resolve(s.path())).toList();
  }

  /**
   * Checks that every segment the snapshot names exists and holds the rows its manifest
   * recorded. Returns the problems found (none for a complete snapshot).
   */
  public List<String> verify(Snapshot snapshot) {
    List<String> problems = new ArrayList<>();
    snapshot
        .tables()
        .forEach(
            (table, segments) -> {
              if (segments.isEmpty()) {
                problems.add(table + ": no segment");
              }
              for (Snapshot.Segment s : segments) {
                Path dir = root.resolve(s.path());
                if (!Files.isDirectory(dir)) {
                  problems.add(table + ": segment missing: " + s.path());
                  continue;
                }
                long rows = ParquetFooters.countRows(dir);
                if (rows != s.rows()) {
                  problems.add(table + ": " + s.path() + " holds " + rows + " rows, manifest says " + s.rows());
                }
              }
            });
    return problems;
  }

  /**
   * Makes {@code next} the live snapshot: writes its manifest, then swaps {@code CURRENT} with
   * an atomic rename, then removes what no kept snapshot needs (every writer publishes through
   * here, so every writer cleans up). Call while holding {@link #lockForWrite()}.
   */
  public Snapshot publish(Snapshot.Builder next) {
    for (List<Snapshot.Segment> segments : next.tables().values()) {
      for (Snapshot.Segment s : segments) {
        if (!Files.isDirectory(root.resolve(s.path()))) {
          throw new IllegalStateException("segment missing before publish: " + s.path());
        }
      }
    }
    Instant now = Instant.now();
    String id = ID_FORMAT.format(now);
    Optional<Snapshot> previous = current();
    if (previous.isPresent() && previous.get().id().compareTo(id) >= 0) {
      id = previous.get().id() + "1"; // same millisecond: keep ids strictly increasing
    }
    Snapshot snapshot = next.build(id, now);
    try {
      manifests.write(snapshot);
      FailPoints.reached("before-current-swap");
      manifests.swapCurrent(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish snapshot in " + root, e);
    }
    collectGarbage();
    return snapshot;
  }

  /**
   * Takes the writer lock. The operating system releases it when the process dies, so a crashed
   * writer never blocks the next one.
   */
  public WriteLock lockForWrite() {
    return WriteLock.acquire(root);
  }

  /**
   * Removes what no kept snapshot needs: manifests beyond the newest {@link #SNAPSHOTS_KEPT}, and
   * segment folders that no kept manifest names (including those left by a crashed writer). Call
   * while holding the write lock.
   */
  public void collectGarbage() {
    expiry.run();
  }
}
