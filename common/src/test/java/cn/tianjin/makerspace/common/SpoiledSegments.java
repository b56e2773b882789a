package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spoils a table as written on disk, for the tests that show the data checks catch it: run from
 * a fail point after a writer has written its segments and before it checks and publishes them.
 */
public final class SpoiledSegments {
  private SpoiledSegments() {}

  /**
   * Adds a copy of {@code table}'s row with the smallest {@code orderBy} value to the newest
   * segment of {@code table} (the one just written), as one more Parquet file in its folder.
   */
  public static void duplicateFirstRow(Path warehouse, String table, String orderBy) {
    Path segment = newestSegment(warehouse.resolve("data").resolve(table));
    Dataset<Row> rows = SparkSession.active().read().parquet(segment.toString());
    rows.orderBy(orderBy).limit(1).coalesce(1).write().mode("append").parquet(segment.toString());
  }

  private static Path newestSegment(Path tableFolder) {
    try (Stream<Path> segments = Files.list(tableFolder)) {
      // segment names begin with their UTC time (SnapshotStore.newSegmentPath), so the greatest is the newest
      return segments.filter(Files::isDirectory).max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow(() -> new IllegalStateException("no segment in " + tableFolder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
