package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotExpiryTest {
  @TempDir Path dir;

  @Test
  void keepsTheNewestManifestsAndWhatTheyNameAndDropsWhatACrashedWriterLeft() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (WriteLock lock = store.lockForWrite()) {
      List<String> ids = new ArrayList<>();
      List<String> segments = new ArrayList<>();
      Snapshot.Builder next = Snapshot.builder();
      for (int i = 0; i < SnapshotStore.SNAPSHOTS_KEPT + 2; i++) {
        String path = store.newSegmentPath("t");
        Files.createDirectories(store.resolve(path));
        segments.add(path);
        Snapshot published = store.publish(next.replace("t", "x", new Snapshot.Segment(path, "x", 0)));
        ids.add(published.id());
        next = published.toBuilder();
      }
      List<String> kept = ids.subList(2, ids.size());
      assertEquals(kept, manifests(), "every publish cleans up");
      assertFalse(Files.exists(store.resolve(segments.get(0))));
      assertFalse(Files.exists(store.resolve(segments.get(1))));
      segments.subList(2, segments.size()).forEach(p -> assertTrue(Files.exists(store.resolve(p)), p));

      // a writer that dies between the manifest and the swap, and one that dies mid-manifest
      String late = store.newSegmentPath("t");
      Files.createDirectories(store.resolve(late));
      FailPoints.failAt("before-current-swap");
      try {
        Snapshot.Builder crashed = next.replace("t", "x", new Snapshot.Segment(late, "x", 0));
        assertThrows(IllegalStateException.class, () -> store.publish(crashed));
      } finally {
        FailPoints.failAt(null);
      }
      assertEquals(ids.get(ids.size() - 1), store.requireCurrent().id(), "not swapped");
      assertEquals(kept.size() + 1, manifests().size(), "its manifest is written");
      Files.writeString(dir.resolve("snapshots/99999999T999999.999Z.json.tmp"), "{");

      store.collectGarbage();
      assertEquals(kept, manifests());
      assertFalse(Files.exists(store.resolve(late)), "named only by a manifest that never went live");
      try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
        assertEquals(kept.size(), files.count(), "the half-written manifest is gone");
      }
      segments.subList(2, segments.size()).forEach(p -> assertTrue(Files.exists(store.resolve(p)), p));
      assertEquals(List.of(), store.verify(store.requireCurrent()));
    }
  }

  /** The ids of the manifests in the folder, oldest first. */
  private List<String> manifests() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    }
  }
}
