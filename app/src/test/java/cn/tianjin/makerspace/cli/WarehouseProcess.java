package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The crash tests' helpers: the {@code warehouse} command in a child JVM (as {@code ./warehouse}
 * runs it), which can be killed with SIGKILL at a fail point or after a delay, and the tables of
 * a live snapshot read the way analysts read them (DuckDB).
 */
final class WarehouseProcess {
  private WarehouseProcess() {}

  record Run(int exitCode, String output) {}

  /**
   * Runs {@code warehouse <args>} in a child JVM. With a pause point ({@code WAREHOUSE_PAUSE_AT},
   * see FailPoints), kills it (SIGKILL) as soon as it reports the point; with a delay, kills it
   * after that many milliseconds.
   */
  static Run run(List<String> args, String pauseAt, long killAfterMillis) throws IOException, InterruptedException {
    return run(List.of(), args, pauseAt, killAfterMillis);
  }

  /** {@link #run(List, String, long)} with more JVM options for the child ({@code -Dname=value}). */
  static Run run(List<String> jvmOptions, List<String> args, String pauseAt, long killAfterMillis) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.add("-XX:+UseParallelGC"); // as ./warehouse runs its batch commands
    // C1 only: a child lives well under a minute, and C2's compiler threads would take the two
    // cores from it (a transform of the fixture: 26 s instead of 38 s). Behaviour is the same.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of(System.getProperty("warehouse.test.jvm.opens", "").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    cmd.add(Warehouse.class.getName());
    cmd.addAll(args);
    cmd.removeIf(String::isEmpty);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (pauseAt != null) {
      pb.environment().put("WAREHOUSE_PAUSE_AT", pauseAt);
    }
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (out) {
            out.append(line).append('\n');
          }
          if (pauseAt != null && line.equals("PAUSED AT " + pauseAt)) {
            p.destroyForcibly(); // SIGKILL on Unix
          }
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    reader.start();
    if (killAfterMillis > 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(args.get(0) + " did not finish:\n" + out);
    }
    reader.join(10_000);
    synchronized (out) {
      return new Run(p.exitValue(), out.toString());
    }
  }

  /** {@link #run} in another thread: two runs at once share the machine's cores. */
  static CompletableFuture<Run> start(List<String> args) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return run(args, null, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  /** Row count of every table, read the way analysts read it: DuckDB over the live snapshot. */
  static Map<String, Long> viewCounts(SnapshotStore store) {
    Map<String, Long> counts = new TreeMap<>();
    try (SnapshotDatabase db = SnapshotDatabase.open(store)) {
      for (String table : db.snapshot().tables().keySet()) {
        counts.put(table, ((Number) db.query("SELECT count(*) FROM " + table, 1).rows().get(0).get(0)).longValue());
      }
    }
    return counts;
  }
}
