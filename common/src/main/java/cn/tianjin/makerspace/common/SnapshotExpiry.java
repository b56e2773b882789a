package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what no kept snapshot needs: the manifests beyond the newest {@code kept} ones, those
 * newer than {@code CURRENT} (written by a writer that died before the swap), and every segment
 * folder under {@code data/} that no kept manifest names (including those a crashed writer left).
 * Run while holding the {@link WriteLock}.
 */
final class SnapshotExpiry {
  private final Folder files;
  private final Manifests manifests;
  private final int kept;

  SnapshotExpiry(Folder files, Manifests manifests, int kept) {
    this.files = files;
    this.manifests = manifests;
    this.kept = kept;
  }

  /** The segment paths the kept snapshots name (what {@link #run} would keep); nothing is removed. */
  Set<String> referenced() {
    Set<String> referenced = new HashSet<>();
    try {
      if (!manifests.folderExists()) {
        return referenced;
      }
      String live = manifests.currentId().orElse(null);
      int keeping = 0;
      for (String id : manifests.idsNewestFirst()) {
        if ((live == null || id.compareTo(live) <= 0) && keeping < kept) {
          keeping++;
          manifests.read(id).tables().values().forEach(l -> l.forEach(seg -> referenced.add(seg.path())));
        }
      }
      return referenced;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the snapshots of " + files.location(), e);
    }
  }

  /** Removes what no kept snapshot needs; returns the segment paths the kept snapshots name. */
  Set<String> run() {
    Set<String> referenced = new HashSet<>();
    try {
      if (!manifests.folderExists() || !files.isDirectory(SnapshotStore.DATA)) {
        return referenced;
      }
      List<String> ids = manifests.idsNewestFirst();
      String live = manifests.currentId().orElse(null);
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
      for (String segment : SnapshotStore.segmentsIn(files)) {
        if (!referenced.contains(segment)) {
          files.delete(segment);
        }
      }
      return referenced;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + files.location(), e);
    }
  }
}
