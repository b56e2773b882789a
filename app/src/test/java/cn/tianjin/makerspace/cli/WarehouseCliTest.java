package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SpoiledSegments;
import cn.tianjin.makerspace.common.WriteLock;
import cn.tianjin.makerspace.ingestion.CuratedTables;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import cn.tianjin.makerspace.transforms.TransformJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse command as a user types it: exit status, printed output, one-line errors. */
@Tag("spark")
class WarehouseCliTest {
  @TempDir static Path tmp;
  static Path landing;
  static Path wh;

  record Result(int status, String out, String err) {}

  static Result run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Warehouse.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void ingestAGeneratedLandingZone() {
    landing = tmp.resolve("landing");
    wh = tmp.resolve("wh");
    assertEquals(0, run("generate", "--out", landing.toString(), "--scale", "0.05").status());
    Result r = run("run", "--landing", landing.toString(), "--warehouse", wh.toString(), "--master", "local[2]", "--as-of", "2026-11-28");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("published snapshot"), r.out());
    for (String source : List.of("reference", "quarterly_reports", "request_logs")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(source + " ")), "summary line for " + source + ":\n" + r.out());
    }
  }

  @Test
  void everyCuratedTableIsQueryableByItsName() {
    for (String table : CuratedTables.ALL.keySet()) {
      Result r = run("sql", "--warehouse", wh.toString(), "--format", "csv", "SELECT count(*) AS n FROM " + table);
      assertEquals(0, r.status(), table + ": " + r.err());
      assertEquals("n", r.out().lines().findFirst().orElseThrow(), table);
    }
  }

  @Test
  void summaryReconcilesWithTheTables() {
    Result r = run("sql", "--warehouse", wh.toString(), "--format", "csv",
        "SELECT source, sum(rows_read) = sum(rows_accepted + rows_quarantined + duplicates_dropped) AS ok FROM ingest_runs GROUP BY source ORDER BY source");
    assertEquals(0, r.status(), r.err());
    assertFalse(r.out().contains("false"), r.out());
    Result q = run("sql", "--warehouse", wh.toString(), "--format", "csv",
        "SELECT (SELECT count(*) FROM quarantine WHERE reason_code NOT IN ('ORPHAN_REQUEST', 'BAD_FILE_NAME'))"
            + " = (SELECT sum(rows_quarantined) FROM ingest_runs WHERE counted) AS ok");
    assertEquals("ok\ntrue\n", q.out());
  }

  @Test
  void everyMartIsQueryableByItsName() {
    for (String mart : cn.tianjin.makerspace.transforms.Marts.ALL) {
      Result r = run("sql", "--warehouse", wh.toString(), "--format", "csv", "SELECT count(*) AS n FROM " + mart);
      assertEquals(0, r.status(), mart + ": " + r.err());
      assertTrue(Long.parseLong(r.out().lines().skip(1).findFirst().orElseThrow()) > 0, mart + " has rows");
    }
  }

  @Test
  void explainAward() {
    Result list = run("explain-award", "--warehouse", wh.toString(), "--year", "2026");
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().startsWith("Award shortlist 2026 (表彰候选名单) — PROVISIONAL: the year is not over as of 2026-11-28"), list.out());
    assertTrue(list.out().contains("min_requests_handled=20"), list.out());
    Result id = run("sql", "--warehouse", wh.toString(), "--format", "csv", "SELECT commissioner_id FROM award_shortlist WHERE year = 2025 AND rank = 1");
    String first = id.out().lines().skip(1).findFirst().orElseThrow();
    Result one = run("explain-award", "--warehouse", wh.toString(), "--year", "2025", "--commissioner", first);
    assertEquals(0, one.status(), one.err());
    assertTrue(one.out().contains("=> shortlisted: rank 1"), one.out());
    assertError(run("explain-award", "--warehouse", wh.toString(), "--year", "2025", "--commissioner", "NOBODY"), "unknown commissioner: NOBODY");
    assertError(run("explain-award", "--warehouse", wh.toString(), "--year", "2031"), "no commissioner figures for 2031");
  }

  @Test
  void formats() {
    String sql = "SELECT district_code, name_zh FROM districts WHERE district_code IN ('120101', '120116') ORDER BY 1";
    assertEquals("district_code,name_zh\n120101,和平区\n120116,滨海新区\n", run("sql", "--warehouse", wh.toString(), "--format", "csv", sql).out());
    assertEquals("{\"district_code\":\"120101\",\"name_zh\":\"和平区\"}\n{\"district_code\":\"120116\",\"name_zh\":\"滨海新区\"}\n", run("sql", "--warehouse", wh.toString(), "--format", "json", sql).out());
    String table = run("sql", "--warehouse", wh.toString(), sql).out();
    assertTrue(table.contains("120116         滨海新区"), table);
    assertTrue(table.endsWith("(2 rows)\n"), table);
  }

  @Test
  void badSqlIsOneLineAndNonZero() {
    for (String sql : List.of("SELEC 1", "SELECT * FROM no_such_table", "DROP VIEW districts", "SELECT 1; SELECT 2",
        "COPY districts TO '/tmp/x.csv'", "SELECT * FROM read_csv('/etc/passwd')")) {
      Result r = run("sql", "--warehouse", wh.toString(), sql);
      assertEquals(2, r.status(), sql);
      assertEquals(1, r.err().lines().count(), sql + " -> " + r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
    }
  }

  @Test
  void badInvocationsNameThePath() throws Exception {
    Path missing = tmp.resolve("nowhere");
    assertError(run("ingest", "--landing", missing.toString(), "--warehouse", wh.toString()), "landing zone not found: " + missing);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertError(run("ingest", "--landing", empty.toString(), "--warehouse", wh.toString()), "landing zone is empty: " + empty);
    assertError(run("sql", "--warehouse", missing.toString(), "SELECT 1"), "warehouse folder not found: " + missing);
    assertError(run("ingest", "--warehouse", wh.toString()), "Missing required option: '--landing=DIR|URI'");
    assertError(run("frobnicate"), "unknown command 'frobnicate'");
    assertError(run("sql", "--warehouse", wh.toString(), "--max-rows", "abc", "SELECT 1"), "Invalid value for option '--max-rows': 'abc' is not an int");
    assertError(run("transform", "--warehouse", wh.toString(), "--as-of", "2026-13-01"),
        "Invalid value for option '--as-of': a date like 2025-12-31, not '2026-13-01'");

    Path binary = tmp.resolve("binary");
    new LandingGenerator(0.02, 1).generate(binary);
    Path districts = binary.resolve("reference/districts.csv");
    Files.write(districts, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, (byte) 0xff, (byte) 0xfe, 0, 0});
    assertError(run("ingest", "--landing", binary.toString(), "--warehouse", tmp.resolve("wh-binary").toString(), "--master", "local[1]"),
        "not a CSV text file: " + districts);

    Path noReference = tmp.resolve("no-reference");
    Files.createDirectories(noReference.resolve("request_logs/2025-07-07"));
    Files.writeString(noReference.resolve("request_logs/2025-07-07/a.jsonl"), "{}\n");
    assertError(run("ingest", "--landing", noReference.toString(), "--warehouse", wh.toString()),
        "missing required landing file: " + noReference.resolve("reference/districts.csv"));
  }

  @Test
  void checkPassesOnTheLiveSnapshot() {
    Result r = run("check", "--warehouse", wh.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertFalse(r.out().contains("FAIL "), r.out());
    String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.matches("\\d+ checks passed, 0 failed"), last);
    assertTrue(Integer.parseInt(last.split(" ")[0]) >= 30, last);
  }

  /** A duplicate district in the live snapshot: check names it, shows the row and exits 3. */
  @Test
  void checkReportsAFailureAndExits3() throws Exception {
    Path broken = cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.copyTree(wh, tmp.resolve("wh-duplicate-district"));
    SnapshotStore store = new SnapshotStore(broken);
    try (WriteLock lock = store.lockForWrite()) {
      Snapshot current = store.requireCurrent();
      String path = store.newSegmentPath(CuratedTables.DISTRICTS);
      List<Row> rows = new ArrayList<>();
      run("sql", "--warehouse", broken.toString(), "--format", "csv", "SELECT district_code, name_zh, name_en FROM districts ORDER BY 1")
          .out().lines().skip(1).forEach(line -> rows.add(RowFactory.create((Object[]) line.split(",", -1))));
      rows.add(rows.get(0)); // 120101 (和平区) twice
      store.writeSmallTable(path, CuratedTables.DISTRICTS_SCHEMA, rows);
      String label = current.segments(CuratedTables.DISTRICTS).get(0).label();
      store.publish(current.toBuilder().replace(CuratedTables.DISTRICTS, label, store.segment(path, label)));
    }
    Result r = run("check", "--warehouse", broken.toString());
    assertEquals(3, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("FAIL districts.unique_district_code: 1 offending row; first: district_code=120101, copies=2\n"), r.out());
    String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.matches("\\d+ checks passed, 1 failed"), last);
  }

  /**
   * A mart that breaks a check: transform prints the failing check with its row, exits 3 and
   * publishes nothing. The duplicate row is put into the requests mart's view at the point
   * after the marts are written, so the real check must find it.
   */
  @Test
  void aFailedCheckPublishesNothingAndExits3() throws Exception {
    Path copy = cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.copyTree(wh, tmp.resolve("wh-failed-check"));
    String before = Files.readString(copy.resolve("CURRENT"));
    FailPoints.runAt(TransformJob.BEFORE_CHECKS,
        () -> SpoiledSegments.duplicateFirstRow(copy, "requests", "request_id"));
    Result r;
    try {
      r = run("transform", "--warehouse", copy.toString(), "--master", "local[2]", "--as-of", "2026-11-28");
    } finally {
      FailPoints.runAt(TransformJob.BEFORE_CHECKS, null);
    }
    assertEquals(3, r.status(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: data checks failed: "), r.err());
    assertTrue(r.err().contains("nothing published"), r.err());
    assertTrue(r.err().contains("\n  requests.unique_request_id: 1 offending row"), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("    request_id=\\S+, copies=2")), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(r.out().contains("published snapshot"), r.out());
    assertEquals(before, Files.readString(copy.resolve("CURRENT")), "the previous snapshot stays live");
  }

  /** The usage is generated from the options: every option a command takes is in its help, and nothing else. */
  @Test
  void eachCommandsHelpListsTheOptionsItTakes() {
    Result transform = run("help", "transform");
    assertEquals(0, transform.status());
    for (String option : List.of("--warehouse=DIR", "--as-of=YYYY-MM-DD", "--award-rules=FILE", "--master=SPARK_URL", "--full")) {
      assertTrue(transform.out().contains(option), option + " in\n" + transform.out());
    }
    Result none = run();
    assertEquals(2, none.status());
    for (String command : List.of("up", "serve", "users", "ingest", "transform", "run", "check", "explain-award", "sql", "generate")) {
      assertTrue(none.out().contains("\n  " + command + " "), command + " in\n" + none.out());
    }
    for (String benchTool : List.of("baseline", "loadtest", "console-compare")) {
      assertFalse(none.out().contains("\n  " + benchTool + " "), benchTool + " is bench/tool's, not the product's:\n" + none.out());
    }
  }

  private static void assertError(Result r, String expectedStart) {
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().startsWith("error: " + expectedStart), "expected 'error: " + expectedStart + "…' but got: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
