package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The warehouse and its one publishing mechanism.
 *
 * <pre>
 * &lt;warehouse&gt;/
 *   CURRENT                      id of the live snapshot (replaced by an atomic rename)
 *   snapshots/&lt;id&gt;.json         manifest: table -&gt; segments (+ run properties)
 *   data/&lt;table&gt;/&lt;segment&gt;/    immutable Parquet files, shared between snapshots
 *   .lock                        held by the one process that may write (a lease on HDFS)
 * </pre>
 *
 * A writer puts new segments under {@code data/}, then {@link #publish} writes the manifest
 * and swaps {@code CURRENT}. A reader resolves {@code CURRENT} once and reads only the
 * segments its manifest names, so it sees the previous complete snapshot or the new complete
 * one, never a mix. A crash leaves unreferenced segments behind; the next writer removes them.
 *
 * <p>The warehouse is a local (or NFS) folder or a folder on HDFS; {@link Folder} does the
 * file operations of each. This class is the entry point; the work is done by {@link Manifests}
 * (the manifests and {@code CURRENT}), {@link WriteLock}, {@link SnapshotExpiry} (the clean-up),
 * {@link ParquetFooters} (what a segment's footers say) and, for a warehouse on HDFS, {@link
 * SegmentMirror} (local copies for DuckDB).
 */
public final class SnapshotStore {
  /** Manifests (and their segments) kept for readers still on an older snapshot. */
  public static final int SNAPSHOTS_KEPT = 5;

  /** The folder of the segments, {@code data/<table>/<segment>}. */
  static final String DATA = "data";

  private static final DateTimeFormatter ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Folder files;
  private final Manifests manifests;
  private final SnapshotExpiry expiry;
  private final SegmentMirror mirror; // null for a local warehouse
  private WriteLock held;

  /** The warehouse in the local folder {@code root}. */
  public SnapshotStore(Path root) {
    this(new LocalFolder(root), null);
  }

  private SnapshotStore(Folder files, Path mirror) {
    this.files = files;
    this.manifests = new Manifests(files);
    this.expiry = new SnapshotExpiry(files, manifests, SNAPSHOTS_KEPT);
    this.mirror = files instanceof LocalFolder ? null : SegmentMirror.of(files, mirror);
  }

  /**
   * The warehouse at {@code location}: a local folder ({@code /srv/warehouse}, {@code file:/…}) or
   * a folder on HDFS ({@code hdfs://namenode:8020/warehouse}).
   *
   * @throws UserError for a location whose file system cannot publish atomically (s3a://, …)
   */
  public static SnapshotStore at(String location) {
    return at(location, null);
  }

  /**
   * As {@link #at(String)}, with the local mirror of a warehouse that is not on this machine in
   * {@code mirror} (null: {@code -Dwarehouse.mirror}, else a folder under {@code java.io.tmpdir};
   * see {@link SegmentMirror}).
   */
  public static SnapshotStore at(String location, Path mirror) {
    return new SnapshotStore(Folder.open(location), mirror);
  }

  /** The warehouse's location, for messages and commands: an absolute local path or an hdfs:// URI. */
  public String location() {
    return files.location();
  }

  /** {@code relative} (a segment's path) as a URI with its scheme, for Spark to write or read it. */
  public String location(String relative) {
    return files.location(relative);
  }

  /** Whether the warehouse is a folder of this machine's file system (else DuckDB reads a local mirror). */
  public boolean isLocal() {
    return files instanceof LocalFolder;
  }

  /**
   * The local file of {@code relative} in a local warehouse.
   *
   * @throws IllegalStateException when the warehouse is not local (read segments with {@link #localFolder})
   */
  public Path resolve(String relative) {
    return files.localPath(relative).orElseThrow(() -> new IllegalStateException(location() + " is not a local folder"));
  }

  /**
   * A local folder holding the files of {@code segment}: the segment itself in a local warehouse,
   * else its copy in the local mirror (made now if need be), for DuckDB.
   */
  public Path localFolder(Snapshot.Segment segment) {
    Optional<Path> local = files.localPath(segment.path());
    if (local.isPresent()) {
      return local.get();
    }
    return mirror.folder(segment.path());
  }

  /** The Parquet files of {@code segment} in its {@link #localFolder}, sorted by name. */
  public List<Path> localFiles(Snapshot.Segment segment) {
    Path folder = localFolder(segment);
    return ParquetFooters.files(new LocalFolder(folder), "").stream().map(f -> folder.resolve(f.substring(f.lastIndexOf('/') + 1))).toList();
  }

  /** Whether the warehouse's folder exists. */
  public boolean exists() {
    try {
      return files.isDirectory("");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location(), e);
    }
  }

  /** The live snapshot, if anything was ever published. */
  public Optional<Snapshot> current() {
    return manifests.current();
  }

  /** The live snapshot, or a clear error naming the folder when there is none. */
  public Snapshot requireCurrent() {
    if (!exists()) {
      throw new UserError("warehouse folder not found: " + location());
    }
    return current()
        .orElseThrow(
            () ->
                new UserError(
                    "no snapshot published in "
                        + location()
                        + " (run './warehouse ingest --landing DIR --warehouse "
                        + location()
                        + "' first)"));
  }

  /** The path of segment {@code name} of {@code table}, relative to the warehouse. */
  static String segmentPath(String table, String name) {
    return DATA + "/" + table + "/" + name;
  }

  /** The paths of every segment folder under {@code data/} of {@code files}, named or not. */
  static List<String> segmentsIn(Folder files) throws IOException {
    List<String> segments = new ArrayList<>();
    for (String table : files.list(DATA)) {
      for (String name : files.list(DATA + "/" + table)) {
        segments.add(segmentPath(table, name));
      }
    }
    return segments;
  }

  /** A fresh, unused folder (relative path) for Spark to write one segment of {@code table}. */
  public String newSegmentPath(String table) {
    String name =
        ID_FORMAT.format(Instant.now())
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    return segmentPath(table, name);
  }

  /** Describes a written segment folder, counting its rows from the Parquet footers. */
  public Snapshot.Segment segment(String relativePath, String label) {
    return new Snapshot.Segment(relativePath, label, ParquetFooters.countRows(files, relativePath));
  }

  /**
   * Writes a small table held on the driver (see {@link SmallTableWriter}) as the one file of the
   * new segment folder {@code segmentPath}.
   */
  public void writeSmallTable(String segmentPath, StructType schema, List<Row> rows) {
    try {
      files.createDirectories(segmentPath);
      SmallTableWriter.write(files.outputFile(segmentPath + "/part-00000.snappy.parquet"), schema, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + files.location(segmentPath), e);
    }
  }

  /**
   * A table's segments as one Spark Dataset. The schema is taken from the first file's footer on
   * the driver: without it Spark infers it with a job of its own, about 0.3 s per table.
   */
  public Dataset<Row> read(SparkSession spark, List<Snapshot.Segment> segments) {
    List<String> paths = segments.stream().map(Snapshot.Segment::path).toList();
    DataFrameReader reader = spark.read();
    Optional<StructType> schema = ParquetFooters.sparkSchema(files, paths);
    return (schema.isPresent() ? reader.schema(schema.get()) : reader).parquet(paths.stream().map(files::location).toArray(String[]::new));
  }

  /**
   * The smallest and largest value of a column over some segments, from the Parquet footers'
   * statistics (no data is read): a timestamp column as instants, a date column as dates, a
   * string column as strings; empty when the segments hold no value.
   */
  public <T> Optional<List<T>> range(List<Snapshot.Segment> segments, String column, Class<T> type) {
    return ParquetFooters.range(files, segments.stream().map(Snapshot.Segment::path).toList(), column, type);
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
                if (!isDirectory(s.path())) {
                  problems.add(table + ": segment missing: " + s.path());
                  continue;
                }
                long rows = ParquetFooters.countRows(files, s.path());
                if (rows != s.rows()) {
                  problems.add(table + ": " + s.path() + " holds " + rows + " rows, manifest says " + s.rows());
                }
              }
            });
    return problems;
  }

  private boolean isDirectory(String relative) {
    try {
      return files.isDirectory(relative);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.location(relative), e);
    }
  }

  /**
   * Makes {@code next} the live snapshot: writes its manifest, then swaps {@code CURRENT} with
   * an atomic rename, then removes what no kept snapshot needs (every writer publishes through
   * here, so every writer cleans up). Call while holding {@link #lockForWrite()}; a writer whose
   * lease was lost meanwhile publishes nothing.
   */
  public Snapshot publish(Snapshot.Builder next) {
    for (List<Snapshot.Segment> segments : next.tables().values()) {
      for (Snapshot.Segment s : segments) {
        if (!isDirectory(s.path())) {
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
      if (held != null) {
        held.checkHeld();
      }
      manifests.swapCurrent(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish snapshot in " + location(), e);
    }
    collectGarbage();
    return snapshot;
  }

  /**
   * Takes the writer lock: an operating-system lock in a local folder, which a crashed writer's
   * process gives up at once; a lease on HDFS, which the next writer takes over once it has run
   * out (see {@link WriteLock}).
   */
  public WriteLock lockForWrite() {
    WriteLock lock = files.lock();
    held = lock;
    return lock;
  }

  /**
   * Removes what no kept snapshot needs: manifests beyond the newest {@link #SNAPSHOTS_KEPT}, and
   * segment folders that no kept manifest names (including those left by a crashed writer), here
   * and in the local mirror. Call while holding the write lock.
   */
  public void collectGarbage() {
    Set<String> kept = expiry.run();
    if (mirror != null && !kept.isEmpty()) {
      mirror.retain(kept);
    }
  }

  /** The local mirror's folder of a warehouse that is not on this machine; empty for a local one. */
  public Optional<Path> mirror() {
    return Optional.ofNullable(mirror).map(SegmentMirror::dir);
  }

  /**
   * Drops the mirror's copies of segments no kept snapshot names, without touching the warehouse:
   * what a reader (the dashboard) does when it follows a new snapshot. Nothing for a local warehouse.
   */
  public void pruneMirror() {
    if (mirror != null) {
      Set<String> kept = expiry.referenced();
      if (!kept.isEmpty()) {
        mirror.retain(kept);
      }
    }
  }
}
