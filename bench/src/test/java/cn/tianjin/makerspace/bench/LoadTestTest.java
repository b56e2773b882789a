package cn.tianjin.makerspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.cli.Commands;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.QueryResult;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadTestTest {
  private static long[] range(int from, int to) {
    return java.util.stream.LongStream.rangeClosed(from, to).toArray();
  }

  @Test
  void percentilesByNearestRank() {
    long[] five = {15, 20, 35, 40, 50};
    assertEquals(15, LoadTest.percentile(five, 5));
    assertEquals(20, LoadTest.percentile(five, 30));
    assertEquals(20, LoadTest.percentile(five, 40));
    assertEquals(35, LoadTest.percentile(five, 50));
    assertEquals(50, LoadTest.percentile(five, 95));
    assertEquals(50, LoadTest.percentile(five, 100));
    long[] hundred = range(1, 100);
    assertEquals(50, LoadTest.percentile(hundred, 50));
    assertEquals(95, LoadTest.percentile(hundred, 95));
    assertEquals(99, LoadTest.percentile(hundred, 99));
    long[] thousand = range(1, 1000);
    assertEquals(500, LoadTest.percentile(thousand, 50));
    assertEquals(950, LoadTest.percentile(thousand, 95));
    assertEquals(990, LoadTest.percentile(thousand, 99));
    assertEquals(7, LoadTest.percentile(new long[] {7}, 99));
    assertEquals(0, LoadTest.percentile(new long[0], 95));
    assertThrows(IllegalArgumentException.class, () -> LoadTest.percentile(five, 0));
    assertEquals(2.0, LoadTest.median(new long[] {3, 1, 2}));
    assertEquals(2.5, LoadTest.median(new long[] {4, 1, 3, 2}));
  }

  @Test
  void recorderGivesCountErrorsAndPercentilesInMilliseconds() {
    LoadTest.Recorder r = new LoadTest.Recorder();
    // 2000 latencies 1..2000 ms, added out of order; two of them failed
    for (int ms = 2000; ms >= 1; ms--) {
      r.add(ms * 1_000_000L, ms == 7 || ms == 1999 ? "500 boom" : null);
    }
    assertEquals(new LoadTest.Stats(2000, 2, 1000.0, 1900.0, 1980.0), r.stats());
    LoadTest.Recorder all = new LoadTest.Recorder();
    all.addAll(r);
    all.add(5_000_000_000L, null);
    assertEquals(new LoadTest.Stats(2001, 2, 1001.0, 1901.0, 1981.0), all.stats());
  }

  @Test
  void pathPlaceholdersComeFromMeta() {
    Map<String, String> v = Map.of("quarter", "2026Q3", "year", "2026", "district", "120101");
    assertEquals("/api/overview?quarter=2026Q3&district=120101", LoadTest.expand("/api/overview?quarter={quarter}&district={district}", v));
    assertEquals("/api/meta", LoadTest.expand("/api/meta", v));
    assertThrows(UserError.class, () -> LoadTest.expand("/api/x?q={quater}", v));
    assertThrows(UserError.class, () -> LoadTest.expand("api/meta", v));
  }

  /** {@code bench/tool argv…} with {@code stdin}; the printed output, after asserting exit status 0. */
  private static String run(String stdin, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Bench.run(argv, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theToolListsTheBenchmarksCommands() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Bench.run(new String[0], new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(Commands.USER_ERROR, status);
    for (String command : List.of("baseline", "loadtest", "console-compare")) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("\n  " + command + " "), command + " in\n" + out);
    }
  }

  @Test
  void loadsEveryPathWithASessionPerClientAndNoErrors() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      String out = run(FixtureWarehouse.password(FixtureWarehouse.ANALYST) + "\n", "loadtest", "--url", "http://localhost:" + server.port(),
          "--user", FixtureWarehouse.ANALYST, "--clients", "2", "--seconds", "2", "--warmup", "0");
      String quarter;
      try (LiveSnapshot live = new LiveSnapshot(new SnapshotStore(FixtureWarehouse.get()), SnapshotDatabase.Limits.NONE)) {
        quarter = new MetaService(live).quarters().get(0);
      }
      long total = 0;
      for (String path : List.of("/api/meta", "/api/overview?quarter=" + quarter)) {
        Matcher m = Pattern.compile("\\| `" + Pattern.quote(path) + "` \\| ([0-9,]+) \\| ([0-9]+) \\|").matcher(out);
        assertTrue(m.find(), path + " in\n" + out);
        long n = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(n > 0, out);
        assertEquals("0", m.group(2), out);
        total += n;
      }
      Matcher all = Pattern.compile("\\| \\*\\*all\\*\\* \\| ([0-9,]+) \\| 0 \\|").matcher(out);
      assertTrue(all.find(), out);
      assertEquals(total, Long.parseLong(all.group(1).replace(",", "")));
    });
  }

  @Test
  void aWrongPasswordStopsTheLoadAtOnce() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Bench.run(new String[] {"loadtest", "--url", "http://localhost:" + server.port(), "--user", "analyst"},
          new ByteArrayInputStream("wrong-password\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(Commands.USER_ERROR, status);
      assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: ") && err.toString(StandardCharsets.UTF_8).contains("401"), err.toString());
    });
  }

  /**
   * The default analyst queries run on the real schema, and the comparison reads a console
   * answer of the agreed shape ({@code {"sql", "maxRows"}} in, JSON with {@code rows} out). The
   * console API itself comes from another branch: a stand-in with that shape answers here.
   */
  @Test
  void consoleCompareRunsTheQueriesBothWaysAndComparesRowCounts() {
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(FixtureWarehouse.get()))) {
      Javalin console = Javalin.create(cfg -> {
        cfg.routes.post("/api/login", ctx -> ctx.json(Map.of("name", "analyst", "role", "analyst", "csrfToken", "t0k3n")));
        cfg.routes.post("/api/console/query", ctx -> {
          if (!"t0k3n".equals(ctx.header("X-CSRF-Token"))) {
            ctx.status(403).json(Map.of("error", "no CSRF token"));
            return;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> body = ctx.bodyAsClass(Map.class);
          QueryResult r = db.query((String) body.get("sql"), (Integer) body.get("maxRows"));
          ctx.json(Map.of("columns", r.columns(), "rows", r.records(), "truncated", r.truncated()));
        });
      });
      JavalinTest.test(console, (server, ignored) -> {
        String out = run("any\n", "console-compare", "--url", "http://localhost:" + server.port(), "--user", "analyst",
            "--warehouse", FixtureWarehouse.get().toString(), "--repeat", "2");
        for (int i = 0; i < LoadTest.DEFAULT_QUERIES.size(); i++) {
          String sql = LoadTest.DEFAULT_QUERIES.get(i);
          int rows = db.query(sql, LoadTest.CONSOLE_MAX_ROWS).rows().size();
          assertTrue(rows > 0, "query " + (i + 1) + " has rows on the fixture: " + sql);
          String line = "\\| " + (i + 1) + "\\. `[^`]+` \\| " + String.format(java.util.Locale.ROOT, "%,d", rows) + " \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+× \\|";
          assertTrue(Pattern.compile(line).matcher(out).find(), line + " in\n" + out);
        }
        assertTrue(out.contains("| **sum of the medians** |"), out);
      });
    }
  }
}
