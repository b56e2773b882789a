package cn.tianjin.makerspace.ingestion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * 64-bit fingerprints of event ids, to find the few ids that occur more than once without
 * shuffling millions of them: each partition sends one packed array of fingerprints to the
 * driver, which sorts them and keeps those seen twice. A fingerprint collision only makes an id
 * a candidate that then turns out not to be a duplicate; it never hides one.
 */
final class EventIdHashes {
  static final StructType PACKED = new StructType().add("hashes", DataTypes.BinaryType, false);

  private EventIdHashes() {}

  /** FNV-1a over the id's UTF-16 code units. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  static Row pack(long[] values, int n) {
    ByteBuffer buf = ByteBuffer.allocate(n * 8);
    for (int i = 0; i < n; i++) {
      buf.putLong(values[i]);
    }
    return RowFactory.create((Object) buf.array());
  }

  static long[] unpackAll(List<Row> rows) {
    int total = 0;
    for (Row r : rows) {
      total += ((byte[]) r.get(0)).length / 8;
    }
    long[] all = new long[total];
    int k = 0;
    for (Row r : rows) {
      ByteBuffer buf = ByteBuffer.wrap((byte[]) r.get(0));
      while (buf.hasRemaining()) {
        all[k++] = buf.getLong();
      }
    }
    return all;
  }

  /** Sorted, distinct fingerprints that occur at least twice in {@code all}. */
  static long[] repeated(long[] all) {
    long[] sorted = all.clone();
    Arrays.sort(sorted);
    List<Long> out = new ArrayList<>();
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1] && (out.isEmpty() || out.get(out.size() - 1) != sorted[i])) {
        out.add(sorted[i]);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Sorted, distinct fingerprints of {@code a} that are also in {@code b}. */
  static long[] common(long[] a, long[] b) {
    long[] sb = b.clone();
    Arrays.sort(sb);
    return Arrays.stream(a).filter(x -> Arrays.binarySearch(sb, x) >= 0).sorted().distinct().toArray();
  }

  static long[] union(long[] a, long[] b) {
    return java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
  }

  /** Packs the fingerprints of a partition's {@code event_id} column (existing events). */
  static final class OfColumn implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      long[] values = new long[1024];
      int n = 0;
      while (rows.hasNext()) {
        if (n == values.length) {
          values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = hash(rows.next().getString(0));
      }
      return List.of(pack(values, n)).iterator();
    }
  }
}
