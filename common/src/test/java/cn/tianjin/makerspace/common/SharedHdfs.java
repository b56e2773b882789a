package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
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
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Files.createTempDirectory("minidfs").toString());
      // The DataNodes want Hadoop's own LocalFileSystem; a SparkSession started earlier in this JVM
      // left our NioLocalFileSystem in Hadoop's cache under file:, so the cluster takes a fresh one.
      conf.setBoolean("fs.file.impl.disable.cache", true);
      MiniDFSCluster c = new MiniDFSCluster.Builder(conf).numDataNodes(2).build();
      c.waitActive();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test HDFS", e);
    }
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

  /** A client of the shared HDFS. */
  public static FileSystem fileSystem() {
    try {
      return cluster.getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
