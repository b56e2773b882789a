package cn.tianjin.makerspace.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
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
 */
public final class SnapshotStore {
  /** Manifests (and their segments) kept for readers still on an older snapshot. */
  public static final int SNAPSHOTS_KEPT = 5;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  public SnapshotStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** The live snapshot, if anything was ever published. */
  public Optional<Snapshot> current() {
    Path pointer = root.resolve("CURRENT");
    String id;
    try {
      id = Files.readString(pointer, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(read(id));
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

  Snapshot read(String id) {
    Path manifest = root.resolve("snapshots").resolve(id + ".json");
    try {
      Map<String, Object> m = JSON.readValue(manifest.toFile(), new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      Map<String, String> props = (Map<String, String>) m.get("properties");
      @SuppressWarnings("unchecked")
      Map<String, List<Map<String, Object>>> tables =
          (Map<String, List<Map<String, Object>>>) m.get("tables");
      Map<String, List<Snapshot.Segment>> parsed = new LinkedHashMap<>();
      tables.forEach(
          (table, segs) ->
              parsed.put(
                  table,
                  segs.stream()
                      .map(
                          s ->
                              new Snapshot.Segment(
                                  (String) s.get("path"),
                                  (String) s.get("label"),
                                  ((Number) s.get("rows")).longValue()))
                      .toList()));
      return new Snapshot(id, Instant.parse((String) m.get("created_at")), props, parsed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read snapshot manifest " + manifest, e);
    }
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
    return new Snapshot.Segment(relativePath, label, countRows(root.resolve(relativePath)));
  }

  /** The footer key under which Spark (and {@link SmallTableWriter}) record a file's Spark schema. */
  public static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * A table's segments as one Spark Dataset. The schema is taken from the first file's footer on
   * the driver: without it Spark infers it with a job of its own, about 0.3 s per table.
   */
  public Dataset<Row> read(SparkSession spark, List<Snapshot.Segment> segments) {
    String[] paths = segments.stream().map(s -> root.resolve(s.path()).toString()).toArray(String[]::new);
    DataFrameReader reader = spark.read();
    Optional<StructType> schema = sparkSchema(segments);
    return (schema.isPresent() ? reader.schema(schema.get()) : reader).parquet(paths);
  }

  private Optional<StructType> sparkSchema(List<Snapshot.Segment> segments) {
    for (Snapshot.Segment seg : segments) {
      for (Path file : parquetFiles(root.resolve(seg.path()))) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration(false)))) {
          String json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
          return json == null ? Optional.empty() : Optional.of((StructType) DataType.fromJson(json));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read Parquet footer of " + file, e);
        }
      }
    }
    return Optional.empty();
  }

  /** Parquet files of a segment folder, sorted by name. */
  public static List<Path> parquetFiles(Path segmentDir) {
    try (Stream<Path> files = Files.list(segmentDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list segment " + segmentDir, e);
    }
  }

  /**
   * The smallest and largest value of a column over some segments, from the Parquet footers'
   * statistics (no data is read): a timestamp column as instants, a date column as dates, a
   * string column as strings; empty when the segments hold no value.
   */
  public <T> Optional<List<T>> range(List<Snapshot.Segment> segments, String column, Class<T> type) {
    Configuration conf = new Configuration(false);
    Object min = null;
    Object max = null;
    for (Snapshot.Segment seg : segments) {
      for (Path file : parquetFiles(root.resolve(seg.path()))) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
          for (var block : reader.getFooter().getBlocks()) {
            for (var chunk : block.getColumns()) {
              Statistics<?> stats = chunk.getStatistics();
              if (chunk.getPath().toDotString().equals(column) && stats != null && stats.hasNonNullValue()) {
                min = min == null || compare(stats, stats.genericGetMin(), min) < 0 ? stats.genericGetMin() : min;
                max = max == null || compare(stats, stats.genericGetMax(), max) > 0 ? stats.genericGetMax() : max;
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read Parquet footer of " + file, e);
        }
      }
    }
    if (min == null) {
      return Optional.empty();
    }
    return Optional.of(List.of(as(min, type), as(max, type)));
  }

  /** Two values of a column in the column's own order (unsigned bytes for strings). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Statistics stats, Object a, Object b) {
    return stats.comparator().compare(a, b);
  }

  private static <T> T as(Object raw, Class<T> type) {
    Object value;
    if (type == Instant.class && raw instanceof Long us) {
      value = micros(us);
    } else if (type == LocalDate.class && raw instanceof Integer days) {
      value = LocalDate.ofEpochDay(days);
    } else if (type == String.class && raw instanceof Binary bytes) {
      value = bytes.toStringUsingUTF8();
    } else {
      throw new IllegalArgumentException("a " + raw.getClass().getSimpleName() + " column read as " + type.getSimpleName());
    }
    return type.cast(value);
  }

  private static Instant micros(long us) {
    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
  }

  static long countRows(Path segmentDir) {
    Configuration conf = new Configuration(false);
    long rows = 0;
    for (Path file : parquetFiles(segmentDir)) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
        rows += reader.getRecordCount();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Parquet footer of " + file, e);
      }
    }
    return rows;
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
                } else if (countRows(dir) != s.rows()) {
                  problems.add(table + ": " + s.path() + " holds " + countRows(dir) + " rows, manifest says " + s.rows());
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
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("id", snapshot.id());
    manifest.put("created_at", snapshot.createdAt().toString());
    manifest.put("properties", snapshot.properties());
    Map<String, Object> tables = new LinkedHashMap<>();
    snapshot
        .tables()
        .forEach(
            (t, segs) ->
                tables.put(
                    t,
                    segs.stream()
                        .map(s -> Map.of("path", s.path(), "label", s.label(), "rows", s.rows()))
                        .toList()));
    manifest.put("tables", tables);
    try {
      Files.createDirectories(root.resolve("snapshots"));
      writeAtomically(
          root.resolve("snapshots").resolve(id + ".json"), JSON.writeValueAsBytes(manifest));
      FailPoints.reached("before-current-swap");
      writeAtomically(root.resolve("CURRENT"), (id + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish snapshot in " + root, e);
    }
    collectGarbage();
    return snapshot;
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target + " cannot rename atomically", e);
    }
  }

  /**
   * Takes the writer lock. The operating system releases it when the process dies, so a crashed
   * writer never blocks the next one.
   */
  public WriteLock lockForWrite() {
    try {
      Files.createDirectories(root);
      FileChannel ch =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this same process
      }
      if (lock == null) {
        ch.close();
        throw new UserError("another process is writing to the warehouse " + root);
      }
      return new WriteLock(ch, lock);
    } catch (IOException e) {
      throw new UserError("cannot lock the warehouse " + root + ": " + e.getMessage(), e);
    }
  }

  /** Held while writing; closing it releases the lock. */
  public static final class WriteLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    WriteLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Removes what no kept snapshot needs: manifests beyond the newest {@link #SNAPSHOTS_KEPT}, and
   * segment folders that no kept manifest names (including those left by a crashed writer). Call
   * while holding the write lock.
   */
  public void collectGarbage() {
    Path snapshots = root.resolve("snapshots");
    Path data = root.resolve("data");
    if (!Files.isDirectory(snapshots) || !Files.isDirectory(data)) {
      return;
    }
    try {
      List<String> ids = new ArrayList<>();
      try (Stream<Path> s = Files.list(snapshots)) {
        s.forEach(
            p -> {
              String n = p.getFileName().toString();
              if (n.endsWith(".json")) {
                ids.add(n.substring(0, n.length() - ".json".length()));
              } else {
                deleteQuietly(p); // a half-written manifest.tmp
              }
            });
      }
      ids.sort(Comparator.reverseOrder());
      String live = current().map(Snapshot::id).orElse(null);
      Set<String> referenced = new HashSet<>();
      List<String> kept = new ArrayList<>();
      for (String id : ids) {
        boolean newerThanLive = live != null && id.compareTo(live) > 0; // published by a crash
        if (!newerThanLive && kept.size() < SNAPSHOTS_KEPT) {
          kept.add(id);
          read(id).tables().values().forEach(l -> l.forEach(seg -> referenced.add(seg.path())));
        } else {
          Files.deleteIfExists(snapshots.resolve(id + ".json"));
        }
      }
      try (Stream<Path> tables = Files.list(data)) {
        for (Path table : tables.toList()) {
          try (Stream<Path> segs = Files.list(table)) {
            for (Path seg : segs.toList()) {
              String rel = "data/" + table.getFileName() + "/" + seg.getFileName();
              if (!referenced.contains(rel)) {
                deleteRecursively(seg);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + root, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the next clean-up tries again
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
