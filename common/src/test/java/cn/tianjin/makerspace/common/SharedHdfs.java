package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real HDFS per test JVM (a NameNode and two DataNodes of {@code hadoop-client-minicluster},
 * about 9 s to start), shut down when the JVM's tests are done, like {@link SharedSpark}. Each test
 * takes its own folder ({@link #newFolder}), so tests never see each other's files.
 */
public final class SharedHdfs implements BeforeAllCallback {
  private record Cluster(MiniDFSCluster cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.shutdown(true);
    }
  }

  private static final AtomicInteger FOLDERS = new AtomicInteger();
  private static volatile MiniDFSCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedHdfs.class, k -> new Cluster(start()), Cluster.class).cluster();
  }

  private static MiniDFSCluster start() {
    try {
      return start(Files.createTempDirectory("minidfs"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test HDFS", e);
    }
  }

  /** A NameNode (on {@code port}; 0: any free one) and two DataNodes keeping their blocks under {@code dir}. */
  static MiniDFSCluster start(Path dir, int port) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
    // The DataNodes want Hadoop's own LocalFileSystem; a SparkSession started earlier in this JVM
    // left our NioLocalFileSystem in Hadoop's cache under file:, so the cluster takes a fresh one.
    conf.setBoolean("fs.file.impl.disable.cache", true);
    MiniDFSCluster c = new MiniDFSCluster.Builder(conf).nameNodePort(port).numDataNodes(2).build();
    c.waitActive();
    return c;
  }

  /** A new, empty folder's URI on the shared HDFS, {@code hdfs://localhost:<port>/<name>-<n>}. */
  public static String newFolder(String name) {
    return uri() + "/" + name + "-" + FOLDERS.incrementAndGet();
  }

  /** {@code hdfs://localhost:<port>}. */
  public static String uri() {
    if (cluster == null) {
      throw new IllegalStateException("no shared HDFS: add @ExtendWith(SharedHdfs.class)");
    }
    return cluster.getURI().toString();
  }

  /**
   * Copies a local file or folder tree to {@code uri} on the shared HDFS, through streams (Hadoop's
   * {@code copyFromLocalFile} wants its own local file system, which a SparkSession may have
   * replaced in this JVM).
   */
  public static void copyIn(Path local, String uri) {
    copyIn(fileSystem(), local, uri);
  }

  static void copyIn(FileSystem fs, Path local, String uri) {
    try (Stream<Path> files = Files.walk(local)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = local.relativize(p).toString().replace('\\', '/');
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(rel.isEmpty() ? uri : uri + "/" + rel), true)) {
          Files.copy(p, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + local + " to " + uri, e);
    }
  }

  /** A client of the shared HDFS. */
  public static FileSystem fileSystem() {
    try {
      return cluster.getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
