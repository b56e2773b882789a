package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SharedHdfs;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.ingestion.CuratedTables;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing zone and the warehouse on a real HDFS: the {@code warehouse} command's runs there give
 * the same tables, row for row, as the same runs on local folders, a first day and the refresh of a
 * second; a writer killed with its segments written, or with its manifest written just before the
 * swap, leaves the previous snapshot live and complete, and its lease is taken over by the next
 * writer once it has run out; the data checks and the SQL read the segments from a local mirror.
 */
@Tag("spark")
@Tag("hdfs")
@Tag("process")
@ExtendWith(SharedHdfs.class)
class WarehouseOnHdfsTest {
  /** What differs between two runs by nature: when they ran, and how long they took. */
  private static final Set<String> COMPARED_BY_COUNT = Set.of(CuratedTables.INGEST_RUNS, "data_checks");

  @TempDir Path tmp;

  @Test
  void theRunsOnHdfsGiveTheLocalTablesAndAKilledWriterLeavesTheSnapshotWhole() throws Exception {
    System.setProperty("warehouse.mirror", tmp.resolve("mirror").toString());
    try {
      Path landing = tmp.resolve("landing");
      new LandingGenerator(0.05, 7).generate(landing);
      String hdfsLanding = copyToHdfs(landing);
      Path local = tmp.resolve("local");
      String hdfs = SharedHdfs.newFolder("warehouse");

      cli("run", "--landing", landing.toString(), "--warehouse", local.toString(), "--master", "local[2]", "--as-of", "2026-11-27");
      cli("run", "--landing", hdfsLanding, "--warehouse", hdfs, "--master", "local[2]", "--as-of", "2026-11-27");
      assertSameTables(new SnapshotStore(local), SnapshotStore.at(hdfs), "the first day");

      Path day = Files.createDirectories(landing.resolve("request_logs/2026-11-28"));
      Files.writeString(day.resolve("late.jsonl"), "{\"event_id\":\"LATE1\",\"request_id\":\"RLATE\",\"type\":\"RECEIVED\","
          + "\"ts\":\"2026-11-28T10:00:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S0001\",\"category\":\"EVENTS\"}\n");
      SharedHdfs.copyIn(day.resolve("late.jsonl"), hdfsLanding + "/request_logs/2026-11-28/late.jsonl");
      List<String> secondDay = List.of("--master", "local[2]", "--as-of", "2026-11-28");
      cli(run(local.toString(), landing.toString(), secondDay));

      // on HDFS the day's ingest is killed, holding a 3 s lease: once with segments written and no
      // manifest, once with the manifest written and CURRENT not yet swapped (the other steps of
      // IngestCrashTest leave the same kinds of files behind)
      SnapshotStore store = SnapshotStore.at(hdfs);
      Snapshot before = store.requireCurrent();
      for (String point : List.of("after-events", "before-current-swap")) {
        WarehouseProcess.Run killed = WarehouseProcess.run(List.of("-Dwarehouse.lease.seconds=3"),
            List.of("ingest", "--landing", hdfsLanding, "--warehouse", hdfs, "--master", "local[2]"), point, 0);
        assertTrue(killed.output().contains("PAUSED AT " + point), killed.output());
        assertEquals(before.id(), store.requireCurrent().id(), "killed at " + point + ": the previous snapshot stays live");
        assertEquals(List.of(), store.verify(store.requireCurrent()), "killed at " + point);
        Thread.sleep(3_500); // the dead writer's lease runs out; the next writer takes it over
      }
      String out = cli(run(hdfs, hdfsLanding, secondDay));
      assertTrue(out.contains("refreshed"), "the requests mart is refreshed, not recomputed:\n" + out);
      assertSameTables(new SnapshotStore(local), store, "the second day, refreshed");
      assertEquals(List.of(), store.verify(store.requireCurrent()));

      String checked = cli("check", "--warehouse", hdfs);
      assertTrue(checked.contains(" checks passed, 0 failed"), checked);
      String query = "SELECT sla_status, count(*) FROM requests GROUP BY 1 ORDER BY 1";
      assertEquals(cli("sql", "--warehouse", local.toString(), "--format", "csv", query), cli("sql", "--warehouse", hdfs, "--format", "csv", query));
    } finally {
      System.clearProperty("warehouse.mirror");
    }
  }

  /** A copy of the local landing zone in a new HDFS folder; its URI. */
  private static String copyToHdfs(Path landing) {
    String uri = SharedHdfs.newFolder("landing");
    SharedHdfs.copyIn(landing, uri);
    return uri;
  }

  /** {@code run --warehouse WHERE --landing LANDING} and {@code rest}. */
  private static String[] run(String where, String landing, List<String> rest) {
    List<String> argv = new ArrayList<>(List.of("run", "--warehouse", where, "--landing", landing));
    argv.addAll(rest);
    return argv.toArray(String[]::new);
  }

  /** Runs the {@code warehouse} command in this JVM; its output, after checking it succeeded. */
  private static String cli(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Warehouse.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, String.join(" ", argv) + ":\n" + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every table of the two live snapshots holds the same rows (read with DuckDB, the HDFS one through its mirror). */
  private static void assertSameTables(SnapshotStore expected, SnapshotStore actual, String when) {
    Map<String, List<String>> want = rows(expected);
    Map<String, List<String>> got = rows(actual);
    assertEquals(want.keySet(), got.keySet(), when + ": the tables");
    want.forEach((table, rows) -> assertEquals(rows, got.get(table), when + ": table " + table));
  }

  private static Map<String, List<String>> rows(SnapshotStore store) {
    Map<String, List<String>> tables = new TreeMap<>();
    try (SnapshotDatabase db = SnapshotDatabase.open(store)) {
      for (String table : db.snapshot().tables().keySet()) {
        String sql = COMPARED_BY_COUNT.contains(table) ? "SELECT count(*) FROM " + table : "SELECT * FROM " + table;
        List<String> rows = new ArrayList<>();
        for (List<Object> row : db.query(sql, Integer.MAX_VALUE).rows()) {
          rows.add(row.toString());
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    }
    return tables;
  }
}
