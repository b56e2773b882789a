package cn.tianjin.makerspace.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's state under {@code <warehouse>/dashboard/} — {@code users.json} (password
 * hashes), {@code audit.log} (every analyst's SQL), {@code saved-queries.json},
 * {@code pipeline-runs.jsonl}, {@code alerts.json} (the SMTP password) — is for the server's own
 * account only: the folder is created {@value #DIRECTORY_MODE}, each file {@value #FILE_MODE},
 * from the start (never created readable and narrowed afterwards). On a file system without POSIX
 * permissions (Windows) the files are created as the system creates them.
 */
public final class PrivateFiles {
  /** The folder's mode. */
  public static final String DIRECTORY_MODE = "rwx------";
  /** Each file's mode. */
  public static final String FILE_MODE = "rw-------";

  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString(DIRECTORY_MODE);
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString(FILE_MODE);

  private PrivateFiles() {}

  /** {@code <warehouse>/dashboard}. */
  public static Path folder(Path warehouse) {
    return warehouse.resolve("dashboard");
  }

  /** Creates the folder (and its parents) if missing; the folder itself {@value #DIRECTORY_MODE}. */
  public static void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      if (posix(dir.getParent())) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // created meanwhile (by another store)
    }
  }

  /** Replaces {@code file} with {@code text} (UTF-8) by an atomic rename of a private temporary file. */
  public static void replace(Path file, String text) throws IOException {
    replace(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code file} with {@code bytes} by an atomic rename of a private temporary file. */
  public static void replace(Path file, byte[] bytes) throws IOException {
    createFolder(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, attributes(file.getParent()));
    Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Appends {@code text} (UTF-8) to {@code file}, creating it private first if it does not exist. */
  public static void append(Path file, String text) throws IOException {
    createFolder(file.getParent());
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, attributes(file.getParent()));
      } catch (FileAlreadyExistsException e) {
        // created meanwhile
      }
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  /**
   * Makes the folder {@value #DIRECTORY_MODE} and every file in it {@value #FILE_MODE} (files an
   * earlier version created readable by all, or that an administrator wrote by hand): run when
   * the server starts. What it cannot change (another account's) is logged and left as it is.
   */
  public static void secure(Path warehouse) {
    Path dir = folder(warehouse);
    if (!Files.isDirectory(dir) || !posix(dir)) {
      return;
    }
    setMode(dir, DIRECTORY);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          setMode(f, FILE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void setMode(Path p, Set<PosixFilePermission> mode) {
    try {
      Files.setPosixFilePermissions(p, mode);
    } catch (IOException e) {
      LOG.warn("cannot make {} private ({}): set its mode to {} by hand", p, e.toString(), PosixFilePermissions.toString(mode));
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attributes(Path dir) {
    return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }
}
