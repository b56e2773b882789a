package cn.tianjin.makerspace.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.security.AccessControlException;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * A folder on HDFS, through Hadoop's {@code FileSystem} API: a file is replaced by HDFS's
 * atomic rename with overwrite, written before that with {@code hsync} (on the DataNodes' disks),
 * and the one writer holds a {@link LeaseLock}. The {@code FileSystem} instance is Hadoop's cached
 * one, shared with Spark, so it is never closed here.
 */
final class HdfsFolder implements Folder {
  private final String root;
  private final Configuration conf;
  private final DistributedFileSystem fs;

  HdfsFolder(URI uri) {
    String text = uri.toString();
    this.root = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.conf = new Configuration();
    try {
      if (!(FileSystem.get(uri, conf) instanceof DistributedFileSystem dfs)) {
        throw new UserError("cannot use " + uri + ": not HDFS");
      }
      this.fs = dfs;
    } catch (IOException e) {
      throw new UserError("cannot reach the HDFS of " + uri + ": " + e.getMessage(), e);
    }
  }

  private org.apache.hadoop.fs.Path path(String relative) {
    return new org.apache.hadoop.fs.Path(relative.isEmpty() ? root : root + "/" + relative);
  }

  @Override
  public String location() {
    return root;
  }

  @Override
  public String location(String relative) {
    return path(relative).toString();
  }

  @Override
  public Optional<Path> localPath(String relative) {
    return Optional.empty();
  }

  @Override
  public boolean exists(String relative) throws IOException {
    return fs.exists(path(relative));
  }

  @Override
  public boolean canRead(String relative) throws IOException {
    try {
      fs.access(path(relative), FsAction.READ);
      return true;
    } catch (AccessControlException e) {
      return false;
    }
  }

  @Override
  public List<Entry> walk(String relative) throws IOException {
    org.apache.hadoop.fs.Path dir = path(relative);
    String prefix = fs.makeQualified(path("")).toUri().getPath();
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    List<Entry> entries = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        entries.add(new Entry(f.getPath().toUri().getPath().substring(prefix.length()), f.getLen(), f.getModificationTime()));
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    entries.sort(Comparator.comparing(Entry::path));
    return entries;
  }

  @Override
  public InputStream newInputStream(String relative) throws IOException {
    return fs.open(path(relative));
  }

  @Override
  public boolean isDirectory(String relative) throws IOException {
    try {
      return fs.getFileStatus(path(relative)).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  @Override
  public List<String> list(String relative) throws IOException {
    try {
      return Arrays.stream(fs.listStatus(path(relative))).map(s -> s.getPath().getName()).sorted().toList();
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }

  @Override
  public Optional<byte[]> read(String relative) throws IOException {
    try (InputStream in = fs.open(path(relative))) {
      return Optional.of(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void writeAtomically(String relative, byte[] content) throws IOException {
    org.apache.hadoop.fs.Path target = path(relative);
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".tmp"); // hidden: a landing-zone scan skips it
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(content);
      out.hsync();
    }
    fs.rename(tmp, target, Options.Rename.OVERWRITE); // atomic on HDFS
  }

  @Override
  public void createDirectories(String relative) throws IOException {
    fs.mkdirs(path(relative));
  }

  @Override
  public void delete(String relative) throws IOException {
    fs.delete(path(relative), true);
  }

  @Override
  public InputFile inputFile(String relative) throws IOException {
    return HadoopInputFile.fromPath(path(relative), conf);
  }

  @Override
  public OutputFile outputFile(String relative) throws IOException {
    return HadoopOutputFile.fromPath(path(relative), conf);
  }

  @Override
  public WriteLock lock() {
    try {
      fs.mkdirs(path(""));
      return LeaseLock.acquire(fs, path(".lock"), root);
    } catch (IOException e) {
      throw new UserError("cannot lock the warehouse " + root + ": " + e.getMessage(), e);
    }
  }
}
