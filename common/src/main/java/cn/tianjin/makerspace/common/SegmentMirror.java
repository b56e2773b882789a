package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Local copies of the segments of a warehouse that is not on this machine (HDFS), for DuckDB, which
 * reads local files only (the data checks, the dashboard, the SQL console). A segment never changes
 * once written, so it is copied once, whole (into a temporary folder, then renamed into place),
 * and shared by every later snapshot that names it; {@link #retain} drops the copies no kept
 * snapshot names.
 *
 * <p>The mirror folder is {@code -Dwarehouse.mirror} when set, else {@code
 * <java.io.tmpdir>/warehouse-mirror/<hash of the warehouse's location>}.
 */
final class SegmentMirror {
  private static final String COPYING = ".copying-";

  private final Folder files;
  private final LocalFolder local;
  private final Path dir;

  SegmentMirror(Folder files, Path dir) {
    this.files = files;
    this.local = new LocalFolder(dir);
    this.dir = local.root();
  }

  /** The mirror of {@code files} in {@code dir}, or when null in its default folder (see the class comment). */
  static SegmentMirror of(Folder files, Path dir) {
    String chosen = System.getProperty("warehouse.mirror");
    if (dir == null) {
      dir = chosen != null && !chosen.isBlank()
          ? Path.of(chosen)
          : Path.of(System.getProperty("java.io.tmpdir"), "warehouse-mirror", hash(files.location()));
    }
    return new SegmentMirror(files, dir);
  }

  Path dir() {
    return dir;
  }

  /** The local copy of segment folder {@code segment} (relative to the warehouse), copied now if need be. */
  Path folder(String segment) {
    Path copy = dir.resolve(segment);
    if (Files.isDirectory(copy)) {
      return copy;
    }
    String tmpName = COPYING + UUID.randomUUID();
    Path tmp = dir.resolve(tmpName);
    try {
      Files.createDirectories(tmp);
      for (String name : files.list(segment)) {
        try (InputStream in = files.inputFile(segment + "/" + name).newStream()) {
          Files.copy(in, tmp.resolve(name));
        }
      }
      Files.createDirectories(copy.getParent());
      try {
        Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(copy)) {
          throw e;
        }
        local.delete(tmpName); // another process copied it meanwhile
      }
      return copy;
    } catch (IOException e) {
      try {
        local.delete(tmpName);
      } catch (IOException ignored) {
        // the next retain removes it
      }
      throw new UncheckedIOException("cannot copy segment " + files.location(segment) + " into the local mirror " + dir, e);
    }
  }

  /**
   * Removes the copies of segments not in {@code kept}, and any copy left half-done an hour ago or
   * more (another process on this machine may be copying into the mirror now).
   */
  void retain(Set<String> kept) {
    try {
      long anHourAgo = System.currentTimeMillis() - 3_600_000;
      for (String name : local.list("")) {
        if (name.startsWith(COPYING) && Files.getLastModifiedTime(dir.resolve(name)).toMillis() < anHourAgo) {
          local.delete(name);
        }
      }
      for (String segment : SnapshotStore.segmentsIn(local)) {
        if (!kept.contains(segment)) {
          local.delete(segment);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up the local mirror " + dir, e);
    }
  }

  private static String hash(String location) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
