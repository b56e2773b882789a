package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes what no kept snapshot needs: the manifests beyond the newest {@code kept} ones, those
 * newer than {@code CURRENT} (written by a writer that died before the swap), and every segment
 * folder under {@code data/} that no kept manifest names (including those a crashed writer left).
 * Run while holding the {@link WriteLock}.
 */
final class SnapshotExpiry {
  private final Path root;
  private final Path data;
  private final Manifests manifests;
  private final int kept;

  SnapshotExpiry(Path root, Manifests manifests, int kept) {
    this.root = root;
    this.data = root.resolve("data");
    this.manifests = manifests;
    this.kept = kept;
  }

  void run() {
    if (!manifests.folderExists() || !Files.isDirectory(data)) {
      return;
    }
    try {
      List<String> ids = manifests.idsNewestFirst();
      String live = manifests.current().map(Snapshot::id).orElse(null);
      Set<String> referenced = new HashSet<>();
      int keeping = 0;
      for (String id : ids) {
        boolean newerThanLive = live != null && id.compareTo(live) > 0; // published by a crash
        if (!newerThanLive && keeping < kept) {
          keeping++;
          manifests.read(id).tables().values().forEach(l -> l.forEach(seg -> referenced.add(seg.path())));
        } else {
          manifests.delete(id);
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
