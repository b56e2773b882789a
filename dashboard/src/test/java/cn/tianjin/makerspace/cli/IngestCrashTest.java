package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.ingestion.CuratedTables;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real ingest process (SIGKILL) at each step of its write path and at arbitrary moments,
 * then checks that readers still see the previous complete snapshot, and that the next run
 * completes with exactly the tables a clean run produces.
 */
class IngestCrashTest {
  static final List<String> POINTS =
      List.of("after-reference", "after-reports", "after-events", "before-publish", "before-current-swap");

  @TempDir Path tmp;

  @Test
  void killedIngestNeverLeavesAPartialSnapshot() throws Exception {
    Path landing = tmp.resolve("landing");
    new LandingGenerator(0.05, 7).generate(landing);
    Path wh = tmp.resolve("wh");
    assertEquals(0, ingest(landing, wh, null, 0).exitCode);
    SnapshotStore store = new SnapshotStore(wh);
    Snapshot before = store.requireCurrent();
    Map<String, Long> rowsBefore = viewCounts(store);

    // the next delivery: a changed reference file (everything is rebuilt) and a new day
    Files.writeString(landing.resolve("reference/districts.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
    Path day = landing.resolve("request_logs/2026-10-12");
    Files.createDirectories(day);
    Files.writeString(day.resolve("late.jsonl"), "{\"event_id\":\"LATE1\",\"request_id\":\"RLATE\",\"type\":\"RECEIVED\",\"ts\":\"2026-10-09T10:00:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S0001\",\"category\":\"EVENTS\"}\n");

    for (String point : POINTS) {
      Run r = ingest(landing, wh, point, 0);
      assertTrue(r.output.contains("PAUSED AT " + point), point + ":\n" + r.output);
      assertConsistentAndUnchanged(store, before, rowsBefore, point);
    }
    for (long delayMillis : new long[] {3_000, 7_000}) {
      ingest(landing, wh, null, delayMillis);
      Snapshot now = store.requireCurrent();
      assertEquals(List.of(), store.verify(now), "after a kill at " + delayMillis + " ms");
      viewCounts(store); // every table still reads
    }

    Run finish = ingest(landing, wh, null, 0);
    assertEquals(0, finish.exitCode, finish.output);
    Path clean = tmp.resolve("clean");
    assertEquals(0, ingest(landing, clean, null, 0).exitCode);
    Map<String, Long> expected = viewCounts(new SnapshotStore(clean));
    Map<String, Long> actual = viewCounts(store);
    expected.remove(CuratedTables.INGEST_RUNS);
    actual.remove(CuratedTables.INGEST_RUNS);
    assertEquals(expected, actual);
    assertEquals(List.of(), store.verify(store.requireCurrent()));
  }

  private static void assertConsistentAndUnchanged(SnapshotStore store, Snapshot before, Map<String, Long> rowsBefore, String point) {
    Snapshot now = store.requireCurrent();
    assertEquals(before.id(), now.id(), "killed at " + point + ": the previous snapshot stays live");
    assertEquals(List.of(), store.verify(now), "killed at " + point);
    assertEquals(rowsBefore, viewCounts(store), "killed at " + point);
  }

  /** Row count of every table, read the way analysts read it: DuckDB over the live snapshot. */
  private static Map<String, Long> viewCounts(SnapshotStore store) {
    Map<String, Long> counts = new TreeMap<>();
    try (SnapshotDatabase db = SnapshotDatabase.open(store)) {
      for (String table : db.snapshot().tables().keySet()) {
        counts.put(table, ((Number) db.query("SELECT count(*) FROM " + table, 1).rows().get(0).get(0)).longValue());
      }
    }
    return counts;
  }

  record Run(int exitCode, String output) {}

  /**
   * Runs {@code warehouse ingest} in a child JVM. With a pause point, kills it (SIGKILL) as soon as
   * it reports the point; with a delay, kills it after that many milliseconds.
   */
  private static Run ingest(Path landing, Path wh, String pauseAt, long killAfterMillis) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(List.of(System.getProperty("warehouse.test.jvm.opens", "").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    cmd.addAll(List.of(Warehouse.class.getName(), "ingest", "--landing", landing.toString(), "--warehouse", wh.toString(), "--master", "local[2]"));
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
      throw new AssertionError("ingest did not finish:\n" + out);
    }
    reader.join(10_000);
    synchronized (out) {
      return new Run(p.exitValue(), out.toString());
    }
  }
}
