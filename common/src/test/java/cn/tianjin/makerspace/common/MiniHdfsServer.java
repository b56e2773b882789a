package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (one NameNode, two DataNodes of {@code hadoop-client-minicluster}) in a process of
 * its own, for the scripts that need one outside a test ({@code bench/cluster.sh --hdfs},
 * {@code bench/hdfs.sh}). Copies the local folders given into it, prints
 * {@code HDFS hdfs://127.0.0.1:PORT} once it is ready, and serves until it is stopped.
 *
 * <p>Usage: {@code MiniHdfsServer DIR PORT [LOCAL_FOLDER HDFS_PATH]...} — the NameNode listens on
 * PORT (0: any free one), the blocks are kept under DIR.
 */
public final class MiniHdfsServer {
  private MiniHdfsServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2 || args.length % 2 != 0) {
      System.err.println("usage: MiniHdfsServer DIR PORT [LOCAL_FOLDER HDFS_PATH]...");
      System.exit(2);
    }
    MiniDFSCluster cluster = SharedHdfs.start(Files.createDirectories(Path.of(args[0])), Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.shutdown(true)));
    String uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    for (int i = 2; i < args.length; i += 2) {
      SharedHdfs.copyIn(cluster.getFileSystem(), Path.of(args[i]), uri + args[i + 1]);
      System.out.println("copied " + args[i] + " to " + uri + args[i + 1]);
    }
    System.out.println("HDFS " + uri);
    System.out.flush();
    Thread.currentThread().join(); // until the process is stopped
  }
}
