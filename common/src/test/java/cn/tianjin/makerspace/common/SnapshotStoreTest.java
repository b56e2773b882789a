package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    try (SnapshotStore.WriteLock lock = store.lockForWrite()) {
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
  void secondWriterIsRefused() {
    SnapshotStore store = new SnapshotStore(dir);
    try (SnapshotStore.WriteLock lock = store.lockForWrite()) {
      UserError e = assertThrows(UserError.class, store::lockForWrite);
      assertTrue(e.getMessage().contains("another process"), e.getMessage());
    }
  }
}
