package cn.tianjin.makerspace.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background writes of a run land in the snapshot in the order asked; a failure is thrown. */
class SegmentWriterTest {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType, false);

  @TempDir Path tmp;

  private static List<Row> rows(String... ids) {
    return Arrays.stream(ids).map(id -> RowFactory.create(id)).toList();
  }

  private static List<String> labels(Snapshot.Builder next, String table) {
    return next.tables().get(table).stream().map(s -> s.label() + ":" + s.rows()).toList();
  }

  @Test
  void pendingSegmentsReplaceTheirLabelInTheOrderAsked() {
    SnapshotStore store = new SnapshotStore(tmp);
    Snapshot.Builder next = Snapshot.builder();
    try (SegmentWriter w = new SegmentWriter(store)) {
      next.append("t", w.write("t", "kept", rows("a"), SCHEMA));
      next.append("t", w.write("t", "reports", rows("b"), SCHEMA));
      w.replaceLater("t", "reports", rows("c", "d"), SCHEMA);
      w.replaceLater("u", "files", rows(), SCHEMA);
      w.replaceLater("t", "reference", rows("e"), SCHEMA);
      w.replacePending(next);
    }
    assertEquals(List.of("kept:1", "reports:2", "reference:1"), labels(next, "t"));
    assertEquals(List.of("files:0"), labels(next, "u"));
    next.tables().values().forEach(segments -> segments.forEach(s -> assertTrue(Files.isDirectory(store.resolve(s.path())), s.path())));
  }

  @Test
  void aFailedBackgroundWriteThrowsItsOwnException() {
    try (SegmentWriter w = new SegmentWriter(new SnapshotStore(tmp))) {
      w.replaceLater("t", "reports", List.of(RowFactory.create((Object) null)), SCHEMA);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.replacePending(Snapshot.builder()));
      assertTrue(e.getMessage().contains("may not be null"), e.getMessage());
    }
  }

  @Test
  void aClosedWriterTakesNoMoreBackgroundWrites() {
    SegmentWriter w = new SegmentWriter(new SnapshotStore(tmp));
    w.close();
    assertThrows(RejectedExecutionException.class, () -> w.replaceLater("t", "reports", rows("a"), SCHEMA));
  }
}
