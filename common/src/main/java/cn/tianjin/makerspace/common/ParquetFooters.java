package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * What the Parquet footers of segment folders tell without reading any data: the row count, a
 * column's smallest and largest value, and the Spark schema recorded under {@link
 * #SPARK_SCHEMA_KEY}. Also lists a segment folder's Parquet files.
 */
final class ParquetFooters {
  /** The footer key under which Spark (and {@link SmallTableWriter}) record a file's Spark schema. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private ParquetFooters() {}

  /** The Parquet files of the segment folder {@code segment} (relative to the store), sorted by name. */
  static List<String> files(Folder store, String segment) {
    try {
      return store.list(segment).stream().filter(n -> n.endsWith(".parquet")).map(n -> segment + "/" + n).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list segment " + store.location(segment), e);
    }
  }

  /** The rows of a segment folder: the sum of its files' footer row counts. */
  static long countRows(Folder store, String segment) {
    long rows = 0;
    for (String file : files(store, segment)) {
      rows += read(store, file, ParquetFileReader::getRecordCount);
    }
    return rows;
  }

  /**
   * The Spark schema recorded in the footer of the first file of the first non-empty folder; empty
   * when there is no file or that footer records none.
   */
  static Optional<StructType> sparkSchema(Folder store, List<String> segments) {
    for (String segment : segments) {
      for (String file : files(store, segment)) {
        String json = read(store, file, r -> r.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY));
        return json == null ? Optional.empty() : Optional.of((StructType) DataType.fromJson(json));
      }
    }
    return Optional.empty();
  }

  /**
   * The smallest and largest value of a column over some segment folders, from the footers'
   * statistics: a timestamp column as instants, a date column as dates, a string column as
   * strings; empty when the folders hold no value.
   *
   * @throws IllegalArgumentException when the column's values are not of {@code type}
   */
  static <T> Optional<List<T>> range(Folder store, List<String> segments, String column, Class<T> type) {
    Object min = null;
    Object max = null;
    for (String segment : segments) {
      for (String file : files(store, segment)) {
        for (var block : read(store, file, r -> r.getFooter().getBlocks())) {
          for (var chunk : block.getColumns()) {
            Statistics<?> stats = chunk.getStatistics();
            if (chunk.getPath().toDotString().equals(column) && stats != null && stats.hasNonNullValue()) {
              min = min == null || compare(stats, stats.genericGetMin(), min) < 0 ? stats.genericGetMin() : min;
              max = max == null || compare(stats, stats.genericGetMax(), max) > 0 ? stats.genericGetMax() : max;
            }
          }
        }
      }
    }
    if (min == null) {
      return Optional.empty();
    }
    return Optional.of(List.of(convert(min, type), convert(max, type)));
  }

  /** Opens {@code file}, applies {@code what} to its reader, closes it. */
  private static <R> R read(Folder store, String file, Function<ParquetFileReader, R> what) {
    try (ParquetFileReader reader = ParquetFileReader.open(store.inputFile(file))) {
      return what.apply(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Parquet footer of " + store.location(file), e);
    }
  }

  /** Two values of a column in the column's own order (unsigned bytes for strings). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Statistics stats, Object a, Object b) {
    return stats.comparator().compare(a, b);
  }

  /** A statistics value as {@code type}: microseconds to an instant, days to a date, bytes to a string. */
  private static <T> T convert(Object raw, Class<T> type) {
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
}
