package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/** A local (or NFS) folder: java.nio, and an operating-system lock for the one writer. */
final class LocalFolder implements Folder {
  private final Path root;

  LocalFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  @Override
  public String location() {
    return root.toString();
  }

  /** A {@code file:} URI: Spark resolves a bare path against {@code fs.defaultFS}, which may be HDFS. */
  @Override
  public String location(String relative) {
    return root.resolve(relative).toUri().toString();
  }

  @Override
  public Optional<Path> localPath(String relative) {
    return Optional.of(root.resolve(relative));
  }

  @Override
  public boolean exists(String relative) {
    return Files.exists(root.resolve(relative));
  }

  @Override
  public boolean canRead(String relative) {
    return Files.isReadable(root.resolve(relative));
  }

  @Override
  public List<Entry> walk(String relative) throws IOException {
    Path dir = root.resolve(relative);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        entries.add(new Entry(root.relativize(p).toString().replace('\\', '/'), Files.size(p), Files.getLastModifiedTime(p).toMillis()));
      }
    }
    entries.sort(Comparator.comparing(Entry::path));
    return entries;
  }

  @Override
  public InputStream newInputStream(String relative) throws IOException {
    return Files.newInputStream(root.resolve(relative));
  }

  @Override
  public boolean isDirectory(String relative) {
    return Files.isDirectory(root.resolve(relative));
  }

  @Override
  public List<String> list(String relative) throws IOException {
    Path dir = root.resolve(relative);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public Optional<byte[]> read(String relative) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(root.resolve(relative)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void writeAtomically(String relative, byte[] content) throws IOException {
    Path target = root.resolve(relative);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp"); // hidden: a landing-zone scan skips it
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(content));
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target + " cannot rename atomically", e);
    }
  }

  @Override
  public void createDirectories(String relative) throws IOException {
    Files.createDirectories(root.resolve(relative));
  }

  @Override
  public void delete(String relative) throws IOException {
    Path p = root.resolve(relative);
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @Override
  public InputFile inputFile(String relative) {
    return new LocalInputFile(root.resolve(relative));
  }

  @Override
  public OutputFile outputFile(String relative) {
    return new LocalOutputFile(root.resolve(relative));
  }

  @Override
  public WriteLock lock() {
    return OsFileLock.acquire(root);
  }
}
