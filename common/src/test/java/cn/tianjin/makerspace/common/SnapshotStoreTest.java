package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir Path dir;

  @Test
  void noSnapshotUntilPublished() {
    SnapshotStore store = new SnapshotStore(dir);
    assertTrue(store.current().isEmpty());
    UserError e = assertThrows(UserError.class, store::requireCurrent);
    assertTrue(e.getMessage().contains("no snapshot published"), e.getMessage());
  }

  @Test
  void publishSwapsTheLiveSnapshotAndCleanupKeepsOnlyReferencedSegments() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (WriteLock lock = store.lockForWrite()) {
      String a = store.newSegmentPath("t");
      Files.createDirectories(store.resolve(a));
      Snapshot first = store.publish(Snapshot.builder().append("t", new Snapshot.Segment(a, "x", 0)));
      assertEquals(first.id(), store.requireCurrent().id());

      String b = store.newSegmentPath("t");
      Files.createDirectories(store.resolve(b));
      Snapshot second = store.publish(first.toBuilder().replace("t", "x", new Snapshot.Segment(b, "x", 0)));
      assertTrue(second.id().compareTo(first.id()) > 0);
      assertEquals(b, store.requireCurrent().segments("t").get(0).path());

      String orphan = store.newSegmentPath("t"); // what a crashed writer leaves behind
      Files.createDirectories(store.resolve(orphan));
      store.collectGarbage();
      assertFalse(Files.exists(store.resolve(orphan)));
      assertTrue(Files.exists(store.resolve(a)), "kept: an older snapshot still names it");
      assertTrue(Files.exists(store.resolve(b)));
    }
  }

  @Test
  void rangeOfAColumnFromTheFootersAcrossSegments() {
    SnapshotStore store = new SnapshotStore(dir);
    StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("day", DataTypes.DateType)
        .add("quarter", DataTypes.StringType).add("empty", DataTypes.StringType);
    Instant early = Instant.parse("2024-12-31T16:30:00Z");
    Instant late = Instant.parse("2026-03-01T00:00:00.000001Z");
    List<Snapshot.Segment> segments = List.of(
        segment(store, schema, List.of(
            RowFactory.create(late, LocalDate.of(2025, 1, 1), "2025Q1", null),
            RowFactory.create(early, LocalDate.of(2026, 2, 28), "2026Q1", null))),
        segment(store, schema, List.of(RowFactory.create(null, LocalDate.of(2024, 2, 29), "2024Q4", null))));
    assertEquals(List.of(early, late), store.range(segments, "ts", Instant.class).orElseThrow());
    assertEquals(List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2026, 2, 28)), store.range(segments, "day", LocalDate.class).orElseThrow());
    assertEquals(List.of("2024Q4", "2026Q1"), store.range(segments, "quarter", String.class).orElseThrow());
    assertTrue(store.range(segments, "empty", String.class).isEmpty(), "no value, no range");
    assertThrows(IllegalArgumentException.class, () -> store.range(segments, "day", String.class));
  }

  private static Snapshot.Segment segment(SnapshotStore store, StructType schema, List<Row> rows) {
    String path = store.newSegmentPath("t");
    store.writeSmallTable(path, schema, rows);
    return store.segment(path, "x");
  }

  @Test
  void secondWriterIsRefused() {
    SnapshotStore store = new SnapshotStore(dir);
    try (WriteLock lock = store.lockForWrite()) {
      UserError e = assertThrows(UserError.class, store::lockForWrite);
      assertTrue(e.getMessage().contains("another process"), e.getMessage());
    }
  }
}
