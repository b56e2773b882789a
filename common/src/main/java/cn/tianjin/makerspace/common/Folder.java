package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * A folder of the product's (the warehouse, the landing zone) and the file operations on it, by
 * path relative to its root ({@code CURRENT}, {@code data/<table>/<segment>},
 * {@code quarterly_reports/2025Q3/120101.2025-10-08.csv}). Two file systems qualify, because both
 * replace a file by an atomic rename, which the snapshot store's publish and an upload need: a
 * local (or NFS) folder ({@link LocalFolder}, java.nio and an operating-system lock) and HDFS
 * ({@link HdfsFolder}, Hadoop's {@code FileSystem} and a lease). Any other scheme is refused by
 * {@link #open}.
 */
public sealed interface Folder permits LocalFolder, HdfsFolder {

  /** A file found by {@link #walk}: its path relative to the root ('/' separators), bytes, last modification. */
  record Entry(String path, long size, long modifiedMillis) {}

  /**
   * The folder at {@code location}: a local folder ({@code /srv/wh}, {@code wh}, {@code file:/srv/wh})
   * or an HDFS folder ({@code hdfs://namenode:8020/wh}). Nothing is created.
   *
   * @throws UserError for any other scheme, naming what it would take
   */
  static Folder open(String location) {
    URI uri = parse(location);
    String scheme = uri.getScheme();
    if (scheme == null || scheme.length() == 1) { // no scheme, or a Windows drive letter
      return new LocalFolder(Path.of(location));
    }
    return switch (scheme) {
      case "file" -> new LocalFolder(Path.of(uri));
      case "hdfs" -> new HdfsFolder(uri);
      default -> throw new UserError("cannot use " + location + ": the warehouse publishes a snapshot by replacing CURRENT"
          + " with an atomic rename (and the landing zone takes an upload the same way), which " + scheme + ":// does not"
          + " offer (an object store's rename is a copy); use a local or NFS folder, or hdfs://."
          + " See docs/deploy.md, Where the landing zone and the warehouse live.");
    };
  }

  private static URI parse(String location) {
    if (!location.contains("://") && !location.startsWith("file:")) {
      return Path.of(location).toUri(); // a local path, perhaps with characters a URI does not allow
    }
    try {
      return URI.create(location);
    } catch (IllegalArgumentException e) {
      throw new UserError("not a folder's location: " + location + " (" + e.getMessage() + ")");
    }
  }

  /** The root as people name it: an absolute local path, or an hdfs:// URI. */
  String location();

  /** {@code relative} under the root as a URI with its scheme, for Spark ({@code file:…} or {@code hdfs://…}). */
  String location(String relative);

  /** The local file of {@code relative}; empty when the folder is not on this machine's file system. */
  Optional<Path> localPath(String relative);

  boolean exists(String relative) throws IOException;

  boolean isDirectory(String relative) throws IOException;

  /** Whether this process may read file {@code relative}. */
  boolean canRead(String relative) throws IOException;

  /** Every file under folder {@code relative} (recursively), sorted by path; empty when it does not exist. */
  List<Entry> walk(String relative) throws IOException;

  /** Reads file {@code relative}; a missing file throws {@link java.nio.file.NoSuchFileException} or {@link java.io.FileNotFoundException}. */
  InputStream newInputStream(String relative) throws IOException;

  /** The names of the entries of folder {@code relative}, sorted; empty when it does not exist. */
  List<String> list(String relative) throws IOException;

  /** The content of file {@code relative}; empty when it does not exist. */
  Optional<byte[]> read(String relative) throws IOException;

  /**
   * Writes {@code content} to {@code relative} under a temporary name, forces it to disk and renames
   * it over the target atomically: a reader finds the old file or the new one, never half of one.
   */
  void writeAtomically(String relative, byte[] content) throws IOException;

  /** Creates folder {@code relative} and its parents. */
  void createDirectories(String relative) throws IOException;

  /** Deletes file or folder {@code relative} with everything in it; nothing when it does not exist. */
  void delete(String relative) throws IOException;

  /** File {@code relative}, to read a Parquet footer or file. */
  InputFile inputFile(String relative) throws IOException;

  /** A new file {@code relative}, to write a Parquet file (its folder must exist). */
  OutputFile outputFile(String relative) throws IOException;

  /**
   * Takes the one-writer lock of the folder (the warehouse's), creating the folder if need be.
   *
   * @throws UserError when another writer holds it
   */
  WriteLock lock();
}
