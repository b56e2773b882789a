package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.transforms.Marts;
import cn.tianjin.makerspace.transforms.TransformJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code warehouse transform} process (SIGKILL) at its write steps, on a copy of the
 * test fixture (sample-data/ ingested and transformed as of {@link FixtureWarehouse#AS_OF}), then
 * checks that the previous snapshot stays live and complete — CURRENT unchanged, every table
 * readable with the same rows, {@code warehouse check} passing — and that the next transform
 * publishes exactly the tables a clean transform of the same input publishes, row for row.
 *
 * <p>The transform writes 13 marts (one segment each), award_rules, data_checks, then the
 * manifest, then swaps CURRENT. A transform of the fixture takes about 30 s a process here, so the
 * test kills it at the three points that leave each kind of state a kill can leave, rather than
 * after every write: after a mart in the middle (group_quarters, the 7th: segments written by
 * Spark, earlier marts already in place, no manifest), with every segment written — the marts,
 * and award_rules and data_checks, small tables written on the driver — but no manifest
 * ({@link TransformJob#BEFORE_PUBLISH}), and with the new manifest written but CURRENT not yet
 * swapped ({@code before-current-swap}, SnapshotStore). A kill anywhere else leaves one of these
 * states with fewer segments: written segments that no manifest names, or a manifest that
 * CURRENT does not name.
 */
@Tag("process")
class TransformCrashTest {
  /** A week after the fixture's as-of date: the killed runs would publish different marts. */
  static final LocalDate AS_OF = FixtureWarehouse.AS_OF.plusDays(7);

  static List<String> points() {
    return List.of(TransformJob.afterMart(Marts.GROUP_QUARTERS), TransformJob.BEFORE_PUBLISH, "before-current-swap");
  }

  /**
   * Columns that differ between two runs by nature, left out of the comparison (nothing else is):
   * when the data checks ran.
   */
  static final Map<String, String> EXCLUDE = Map.of("data_checks", "checked_at");

  @TempDir static Path tmp;
  static Path wh;
  static SnapshotStore store;
  static Snapshot before;
  static Map<String, String> tablesBefore;

  @BeforeAll
  static void copyTheFixture() throws IOException {
    wh = FixtureWarehouse.copyTree(FixtureWarehouse.get(), tmp.resolve("wh"));
    store = new SnapshotStore(wh);
    before = store.requireCurrent();
    tablesBefore = tables(store);
  }

  /**
   * The kills, one after another on the same warehouse (each leaves what the next run starts
   * from), then the run that finishes: one test, since its steps build on each other.
   */
  @Test
  void killedTransformsLeaveThePreviousSnapshotLiveAndTheNextOnePublishesWhatACleanOneDoes() throws Exception {
    for (String point : points()) {
      aKilledTransformLeavesThePreviousSnapshotLive(point);
    }
    theNextTransformPublishesWhatACleanOneDoes();
  }

  private static void aKilledTransformLeavesThePreviousSnapshotLive(String point) throws Exception {
    WarehouseProcess.Run r = transform(wh, point);
    assertTrue(r.output().contains("PAUSED AT " + point), point + ":\n" + r.output());
    Snapshot now = store.requireCurrent();
    assertEquals(before.id(), now.id(), "killed at " + point + ": the previous snapshot stays live");
    assertEquals(List.of(), store.verify(now), "killed at " + point);
    assertEquals(tablesBefore, tables(store), "killed at " + point + ": every table reads, with the same rows");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Warehouse.run(new String[] {"check", "--warehouse", wh.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, status, "killed at " + point + ": warehouse check\n" + out.toString(StandardCharsets.UTF_8));
  }

  private static void theNextTransformPublishesWhatACleanOneDoes() throws Exception {
    Path clean = FixtureWarehouse.copyTree(FixtureWarehouse.get(), tmp.resolve("clean"));
    CompletableFuture<WarehouseProcess.Run> cleanRun = WarehouseProcess.start(transformArgs(clean)); // at the same time
    WarehouseProcess.Run finish = transform(wh, null);
    assertEquals(0, finish.exitCode(), finish.output());
    assertEquals(0, cleanRun.get().exitCode(), cleanRun.get().output());

    Map<String, String> actual = tables(store);
    assertEquals(tables(new SnapshotStore(clean)), actual, "after the kills, the next run publishes what a clean run does");
    assertNotEquals(before.id(), store.requireCurrent().id());
    assertNotEquals(tablesBefore.get(Marts.REQUESTS), actual.get(Marts.REQUESTS), "the killed runs would have changed the marts");
    assertEquals(List.of(), store.verify(store.requireCurrent()));
  }

  /** Runs {@code warehouse transform} on {@code warehouse} as of {@link #AS_OF}, killed at {@code pauseAt} (or not). */
  private static WarehouseProcess.Run transform(Path warehouse, String pauseAt) throws IOException, InterruptedException {
    return WarehouseProcess.run(transformArgs(warehouse), pauseAt, 0);
  }

  private static List<String> transformArgs(Path warehouse) {
    return List.of("transform", "--warehouse", warehouse.toString(), "--as-of", AS_OF.toString(), "--master", "local[2]");
  }

  /**
   * Every table of the live snapshot as "rows:md5", the md5 of its rows' text (DuckDB's text of the
   * whole row: full precision, NULL distinct from empty) sorted — equal means equal row for row.
   */
  static Map<String, String> tables(SnapshotStore store) {
    Map<String, String> out = new TreeMap<>();
    try (SnapshotDatabase db = SnapshotDatabase.open(store)) {
      for (String table : db.snapshot().tables().keySet()) {
        String columns = EXCLUDE.containsKey(table) ? "* EXCLUDE (" + EXCLUDE.get(table) + ")" : "*";
        List<Object> row = db.query(
            "SELECT count(*), md5(coalesce(string_agg(CAST(r AS VARCHAR), chr(10) ORDER BY CAST(r AS VARCHAR)), ''))"
                + " FROM (SELECT " + columns + " FROM " + table + ") r", 1).rows().get(0);
        out.put(table, row.get(0) + ":" + row.get(1));
      }
    }
    return out;
  }
}
