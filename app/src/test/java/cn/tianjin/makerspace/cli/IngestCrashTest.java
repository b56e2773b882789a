package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.ingestion.CuratedTables;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real ingest process (SIGKILL) at each step of its write path and at arbitrary moments,
 * then checks that readers still see the previous complete snapshot, and that the next run
 * completes with exactly the tables a clean run produces.
 */
@Tag("process")
class IngestCrashTest {
  static final List<String> POINTS =
      List.of("after-reference", "after-reports", "after-events", "before-publish", "before-current-swap");

  @TempDir Path tmp;

  @Test
  void killedIngestNeverLeavesAPartialSnapshot() throws Exception {
    Path landing = tmp.resolve("landing");
    new LandingGenerator(0.05, 7).generate(landing);
    Path wh = tmp.resolve("wh");
    assertEquals(0, ingest(landing, wh, null, 0).exitCode());
    SnapshotStore store = new SnapshotStore(wh);
    Snapshot before = store.requireCurrent();
    Map<String, Long> rowsBefore = viewCounts(store);

    // the next delivery: a changed reference file (everything is rebuilt) and a new day
    Files.writeString(landing.resolve("reference/districts.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
    Path day = landing.resolve("request_logs/2026-10-12");
    Files.createDirectories(day);
    Files.writeString(day.resolve("late.jsonl"), "{\"event_id\":\"LATE1\",\"request_id\":\"RLATE\",\"type\":\"RECEIVED\",\"ts\":\"2026-10-09T10:00:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S0001\",\"category\":\"EVENTS\"}\n");

    for (String point : POINTS) {
      WarehouseProcess.Run r = ingest(landing, wh, point, 0);
      assertTrue(r.output().contains("PAUSED AT " + point), point + ":\n" + r.output());
      assertConsistentAndUnchanged(store, before, rowsBefore, point);
    }
    for (long delayMillis : new long[] {3_000, 7_000}) {
      ingest(landing, wh, null, delayMillis);
      Snapshot now = store.requireCurrent();
      assertEquals(List.of(), store.verify(now), "after a kill at " + delayMillis + " ms");
      viewCounts(store); // every table still reads
    }

    Path clean = tmp.resolve("clean");
    CompletableFuture<WarehouseProcess.Run> cleanRun = WarehouseProcess.start(ingestArgs(landing, clean)); // at the same time
    WarehouseProcess.Run finish = ingest(landing, wh, null, 0);
    assertEquals(0, finish.exitCode(), finish.output());
    assertEquals(0, cleanRun.get().exitCode(), cleanRun.get().output());
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

  private static Map<String, Long> viewCounts(SnapshotStore store) {
    return WarehouseProcess.viewCounts(store);
  }

  /** Runs {@code warehouse ingest} in a child JVM, killed at a pause point or after a delay (see WarehouseProcess). */
  private static WarehouseProcess.Run ingest(Path landing, Path wh, String pauseAt, long killAfterMillis) throws IOException, InterruptedException {
    return WarehouseProcess.run(ingestArgs(landing, wh), pauseAt, killAfterMillis);
  }

  private static List<String> ingestArgs(Path landing, Path wh) {
    return List.of("ingest", "--landing", landing.toString(), "--warehouse", wh.toString(), "--master", "local[2]");
  }
}
