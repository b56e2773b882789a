package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.ConsoleStore;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.QueryResult;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The SQL console through the real API, on a copy of the fixture warehouse laid with traps: canary
 * files holding a secret outside the warehouse, symlinks to them inside a live segment folder, a
 * segment folder of {@code data/requests/} that the live snapshot does not use, a folder whose
 * name extends a live segment's, and an empty folder where no file may appear.
 */
class ConsoleApiTest {
  private static final String SECRET = "SECRET-CANARY-" + UUID.randomUUID();
  private static final String ANALYST2 = "analyst2";
  private static Path warehouse;
  private static Path outside;
  private static Path out;
  private static Map<String, String> placeholders;

  @BeforeAll
  static void layTraps() throws IOException, SQLException {
    warehouse = FixtureWarehouse.copyTree(FixtureWarehouse.get(), Files.createTempDirectory("console-warehouse"));
    outside = Files.createTempDirectory("console-outside");
    out = Files.createTempDirectory("console-out");
    SnapshotStore store = new SnapshotStore(warehouse);
    Path segment = store.resolve(store.requireCurrent().segments("requests").get(0).path());
    Path sibling = segment.resolveSibling("20990101T000000.000Z-0ff11e55");
    Path prefixSibling = segment.resolveSibling(segment.getFileName() + "-evil");
    Files.createDirectories(sibling);
    Files.createDirectories(prefixSibling);
    Files.writeString(outside.resolve("canary.txt"), SECRET + "\n");
    Files.writeString(outside.resolve("canary.csv"), "secret\n" + SECRET + "\n");
    Files.writeString(outside.resolve("canary.json"), "{\"secret\": \"" + SECRET + "\"}\n");
    Files.writeString(warehouse.resolve("canary.txt"), SECRET + "\n");
    Files.writeString(sibling.resolve("secret.csv"), "secret\n" + SECRET + "\n");
    Files.writeString(prefixSibling.resolve("secret.csv"), "secret\n" + SECRET + "\n");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT '" + SECRET + "' AS secret) TO '" + outside.resolve("canary.parquet") + "' (FORMAT parquet)");
      s.execute("COPY (SELECT '" + SECRET + "' AS request_id) TO '" + sibling.resolve("part-00000.parquet") + "' (FORMAT parquet)");
    }
    Files.createSymbolicLink(segment.resolve("canary-link.txt"), outside.resolve("canary.txt"));
    Files.createSymbolicLink(segment.resolve("canary-link.csv"), outside.resolve("canary.csv"));
    Files.createSymbolicLink(segment.resolve("outside-link"), outside);
    Set<String> districts;
    try (var live = new cn.tianjin.makerspace.dashboard.LiveSnapshot(store, SnapshotDatabase.Limits.NONE)) {
      districts = new MetaService(live).districtCodes();
    }
    new UserStore(warehouse).add(ANALYST2, Role.ANALYST, null, FixtureWarehouse.password(ANALYST2).toCharArray(), districts);
    placeholders = new LinkedHashMap<>();
    placeholders.put("${OUTSIDE}", outside.toString());
    placeholders.put("${WAREHOUSE}", warehouse.toString());
    placeholders.put("${SEGMENT}", segment.toString());
    placeholders.put("${SIBLING_NAME}", sibling.getFileName().toString());
    placeholders.put("${SIBLING}", sibling.toString());
    placeholders.put("${PREFIX_SIBLING}", prefixSibling.toString());
    placeholders.put("${OUT}", out.toString());
  }

  private static Javalin app() {
    return DashboardApp.create(DashboardServer.deps(warehouse));
  }

  private static QueryResult direct(String sql) {
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
      return db.select(sql);
    }
  }

  /** One entry of the corpus: its file, what it tries, the expected refusal, the SQL. */
  record Hostile(String file, String name, String expect, String sql) {}

  static List<Hostile> corpus() throws IOException {
    List<Hostile> all = new ArrayList<>();
    for (String file : List.of("files.sql", "writes.sql", "attach_extensions.sql", "settings.sql", "multi_statements.sql")) {
      String text;
      try (InputStream in = ConsoleApiTest.class.getResourceAsStream("/hostile-sql/" + file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String name = null;
      String expect = null;
      StringBuilder sql = new StringBuilder();
      for (String line : (text + "\n--- end | end").split("\n", -1)) {
        if (line.startsWith("--- ")) {
          if (name != null) {
            all.add(new Hostile(file, name, expect, sql.toString().replaceAll("\n+$", "")));
          }
          String[] parts = line.substring(4).split(" \\| ", 2);
          name = parts[0].strip();
          expect = parts[1].strip();
          sql.setLength(0);
        } else if (name != null) {
          sql.append(line).append('\n');
        }
      }
    }
    return all;
  }

  private static String fill(String sql) {
    for (var p : placeholders.entrySet()) {
      sql = sql.replace(p.getKey(), p.getValue());
    }
    return sql;
  }

  private static Set<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.startsWith(root.resolve("dashboard"))).map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void everyHostileQueryIsRefusedReadsNothingOutsideAndWritesNothing() throws IOException {
    List<Hostile> corpus = corpus();
    assertTrue(corpus.size() >= 100, "the corpus holds " + corpus.size() + " queries");
    Set<String> before = filesUnder(warehouse);
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      List<String> failures = new ArrayList<>();
      for (Hostile h : corpus) {
        String sql = fill(h.sql());
        for (String route : List.of("/api/console/query", "/api/console/export")) {
          HttpResponse<String> r = c.post(route, Map.of("sql", sql));
          String label = h.file() + ": " + h.name() + " via " + route;
          if (r.body().contains(SECRET)) {
            failures.add(label + ": THE SECRET LEAKED: " + r.body());
          }
          if (r.statusCode() != 400) {
            failures.add(label + ": status " + r.statusCode() + " " + r.body());
            continue;
          }
          String error = TestClient.json(r).path("error").asText();
          if (!error.contains(h.expect())) {
            failures.add(label + ": expected '" + h.expect() + "' in: " + error);
          }
        }
      }
      assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " not refused as expected:\n" + String.join("\n", failures));
      // the snapshot is intact and still answers
      JsonNode ok = TestClient.json(c.post("/api/console/query", Map.of("sql", "SELECT count(*) AS n FROM districts")));
      assertEquals(16, ok.get("rows").get(0).get(0).asInt());
    });
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.toList(), "no file may appear in the COPY/EXPORT target folder");
    }
    assertEquals(before, filesUnder(warehouse), "no file may appear in the warehouse (outside dashboard/)");
    assertEquals(SECRET + "\n", Files.readString(outside.resolve("canary.txt")));
    // every attempt is in the audit log, none as a success
    List<Map<String, Object>> audit = Files.readAllLines(new ConsoleStore(warehouse).auditLog()).stream().map(ConsoleStore::parse).toList();
    long refused = audit.stream().filter(e -> Set.of("refused", "error").contains(e.get("status"))).count();
    assertTrue(refused >= 2L * corpus.size(), "audit entries refused or failed: " + refused);
    assertTrue(audit.stream().filter(e -> "refused".equals(e.get("status"))).allMatch(e -> "analyst".equals(e.get("user")) && e.get("sql") != null));
  }

  @Test
  void legitimateQueriesGiveTheSameRowsAsTheSnapshot() {
    String join = "SELECT d.name_zh, count(*) AS requests FROM requests r JOIN districts d USING (district_code) GROUP BY d.name_zh ORDER BY requests DESC, d.name_zh";
    String cte = "WITH late AS (SELECT district_code, count(*) AS n FROM requests WHERE sla_status = 'LATE' GROUP BY 1) "
        + "SELECT d.district_code, coalesce(l.n, 0) AS late FROM districts d LEFT JOIN late l USING (district_code) ORDER BY 1;";
    String window = "SELECT district_code, quarter, requests_received, "
        + "sum(requests_received) OVER (PARTITION BY district_code ORDER BY quarter) AS running, "
        + "rank() OVER (PARTITION BY quarter ORDER BY sla_on_time_rate DESC NULLS LAST, district_code) AS place "
        + "FROM kpi_district_quarter ORDER BY district_code, quarter";
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      for (String sql : List.of(join, cte, window)) {
        HttpResponse<String> r = c.post("/api/console/query", Map.of("sql", sql));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = TestClient.json(r);
        QueryResult expected = direct(sql.replaceAll(";$", ""));
        assertEquals(expected.columns(), names(j.get("columns")));
        assertEquals(expected.rows().size(), j.get("rows").size(), sql);
        assertFalse(j.get("truncated").asBoolean());
        for (int i = 0; i < expected.rows().size(); i++) {
          for (int k = 0; k < expected.columns().size(); k++) {
            assertEquals(QueryResult.text(expected.rows().get(i).get(k)), text(j.get("rows").get(i).get(k)), sql + " row " + i);
          }
        }
        assertTrue(j.get("milliseconds").asLong() >= 0);
        assertTrue(j.get("queryId").asText().matches("[A-Za-z0-9-]{8,64}"), j.get("queryId").asText());
      }
      // a row limit: the first rows in order, and the note that more followed
      HttpResponse<String> limited = c.post("/api/console/query", Map.of("sql", "SELECT request_id, received_at FROM requests ORDER BY request_id", "maxRows", 25));
      JsonNode l = TestClient.json(limited);
      assertEquals(25, l.get("rows").size());
      assertTrue(l.get("truncated").asBoolean());
      assertEquals(List.of("VARCHAR", "TIMESTAMP WITH TIME ZONE"), names(l.get("types")));
      assertEquals(direct("SELECT min(request_id) FROM requests").rows().get(0).get(0), l.get("rows").get(0).get(0).asText());
      // DESCRIBE and SUMMARIZE are queries too
      assertEquals(200, c.post("/api/console/query", Map.of("sql", "DESCRIBE requests")).statusCode());
    });
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String text(JsonNode n) {
    return n.isNull() ? "" : n.isNumber() ? n.numberValue().toString() : n.asText();
  }

  @Test
  void badInputIsAClear400() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      assertError(c.post("/api/console/query", Map.of("sql", "SELECT 1", "maxRows", 0)), 400, "maxRows must be between 1 and 10000");
      assertError(c.post("/api/console/query", Map.of("sql", "SELECT 1", "maxRows", 10_001)), 400, "maxRows must be between 1 and 10000");
      assertError(c.post("/api/console/query", Map.of("sql", "")), 400, "the query is empty");
      assertError(c.post("/api/console/query", Map.of("maxRows", 5)), 400, "the query is empty");
      assertError(c.post("/api/console/query", Map.of("sql", "SELECT 1", "queryId", "../../x")), 400, "queryId must be");
      assertError(c.post("/api/console/query", Map.of("sql", "SELEC 1")), 400, "syntax error");
      assertError(c.post("/api/console/query", Map.of("sql", "SELECT no_such_column FROM requests")), 400, "query failed: Binder Error");
      assertError(c.postRaw("/api/console/query", "{not json", true), 400, "");
      assertError(c.post("/api/console/cancel", Map.of("queryId", "no-such-query")), 404, "no running query of yours");
      assertError(c.post("/api/console/saved/delete", Map.of("id", "no-such-id")), 404, "no saved query");
    });
  }

  /** A syntax error answers where it is, in the page's language (Chinese first, DuckDB's English after). */
  @Test
  void aSyntaxErrorAnswersItsLineAndColumnInThePagesLanguage() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      for (String language : List.of("zh-CN", "en")) {
        HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.port() + "/api/console/query"))
            .header("Accept", "application/json").header("Content-Type", "application/json").header("Accept-Language", language)
            .header("X-CSRF-Token", c.csrf())
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1,\\n  2 FRM x\"}")));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = TestClient.json(r);
        assertEquals(language.equals("en")
            ? "syntax error at line 2, column 9 (near \"x\"): syntax error at or near \"x\""
            : "SQL 语法错误：第 2 行第 9 列，“x”附近。DuckDB 的说明：syntax error at or near \"x\"", body.get("error").asText());
        assertEquals(List.of(2, 9, 18, 19), List.of(body.at("/position/line").asInt(), body.at("/position/column").asInt(),
            body.at("/position/start").asInt(), body.at("/position/end").asInt()));
        assertEquals("syntax error at or near \"x\"", body.get("detail").asText());
      }
    });
  }

  private static void assertError(HttpResponse<String> r, int status, String fragment) {
    assertEquals(status, r.statusCode(), r.body());
    assertFalse(r.body().contains("at cn.tianjin") || r.body().contains("Exception"), r.body());
    assertTrue(r.body().contains(fragment), r.body());
  }

  @Test
  void onlyAnalystsMayUseTheConsole() {
    List<String[]> routes = List.of(
        new String[] {"POST", "/api/console/query"}, new String[] {"POST", "/api/console/cancel"},
        new String[] {"POST", "/api/console/export"}, new String[] {"GET", "/api/console/schema"},
        new String[] {"GET", "/api/console/history"}, new String[] {"GET", "/api/console/saved"},
        new String[] {"POST", "/api/console/saved"}, new String[] {"POST", "/api/console/saved/delete"},
        new String[] {"GET", "/console"});
    Map<String, Object> body = Map.of("sql", "SELECT 1", "queryId", "abcdefgh-1", "name", "x", "id", "x");
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient anon = new TestClient(server.port());
      for (String[] r : routes) {
        HttpResponse<String> res = r[0].equals("GET") ? anon.get(r[1]) : anon.post(r[1], body);
        assertEquals(r[1].startsWith("/api/") ? 401 : 302, res.statusCode(), "anonymous " + r[1]);
      }
      for (String user : List.of(FixtureWarehouse.LEADER, FixtureWarehouse.DISTRICT, FixtureWarehouse.ADMIN)) {
        TestClient c = new TestClient(server.port()).login(user);
        for (String[] r : routes) {
          HttpResponse<String> res = r[0].equals("GET") ? c.get(r[1]) : c.post(r[1], body);
          assertEquals(403, res.statusCode(), user + " " + r[0] + " " + r[1] + ": " + res.body());
        }
      }
      TestClient analyst = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      assertEquals(200, analyst.get("/console").statusCode());
      assertEquals(200, analyst.get("/api/console/schema").statusCode());
    });
  }

  @Tag("process") // kills and replaces query processes: left out of the quick profile
  @Test
  void aCancelStopsTheRunningQueryAndOnlyItsOwnerMayCancelIt() {
    String slow = "SELECT count(*) FROM range(1000000000000) WHERE hash(range) = 7"; // minutes, constant memory
    String id = "slow-" + UUID.randomUUID();
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      TestClient other = new TestClient(server.port()).login(ANALYST2);
      CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> c.post("/api/console/query", Map.of("sql", slow, "queryId", id)));
      Thread.sleep(1500);
      assertFalse(running.isDone(), "the slow query is still running");
      assertEquals(404, other.post("/api/console/cancel", Map.of("queryId", id)).statusCode(), "another analyst cannot cancel it");
      assertFalse(running.isDone(), "still running after the other analyst's attempt");
      long t0 = System.nanoTime();
      HttpResponse<String> cancel = c.post("/api/console/cancel", Map.of("queryId", id));
      assertEquals(200, cancel.statusCode(), cancel.body());
      HttpResponse<String> r = running.get(5, java.util.concurrent.TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 3000, "stopped " + ms + " ms after the cancel");
      assertError(r, 400, "the query was cancelled");
      Map<String, Object> entry = auditEntry(id);
      assertEquals("cancelled", entry.get("status"));
      assertEquals("analyst", entry.get("user"));
      assertEquals(slow, entry.get("sql"));
      // the console still answers at once
      assertEquals(200, c.post("/api/console/query", Map.of("sql", "SELECT 1")).statusCode());
    });
  }

  /**
   * Four queries at once that would each take gigabytes outside DuckDB's buffer manager, through the
   * API: each is answered (an error that says why) by its deadline plus 5 s, and the server goes on
   * answering other requests at once meanwhile ({@code GET /api/me} polled throughout).
   */
  @Tag("process") // kills and replaces query processes: left out of the quick profile
  @Test
  void hugeQueriesAtOnceAreAnsweredAndTheServerStaysResponsive() {
    List<String> hostile = List.of("SELECT repeat('x', 2000000000) AS v", "SELECT repeat('y', 2000000000) AS v",
        "SELECT len(list(repeat('x', 1000000))) AS n FROM range(3000)", "SELECT strlen(string_agg(repeat('x', 1000000), '')) AS n FROM range(3000)");
    long deadlineMillis = cn.tianjin.makerspace.dashboard.ConsoleService.Limits.DEFAULT.timeout().toMillis() + 5000;
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      assertEquals(200, c.post("/api/console/query", Map.of("sql", "SELECT 1")).statusCode(), "a process is ready");
      long t0 = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> runs = hostile.stream()
          .map(q -> CompletableFuture.supplyAsync(() -> c.post("/api/console/query", Map.of("sql", q)))).toList();
      List<Long> me = new ArrayList<>();
      while (!runs.stream().allMatch(CompletableFuture::isDone) && (System.nanoTime() - t0) / 1_000_000 < deadlineMillis) {
        long m0 = System.nanoTime();
        assertEquals(200, c.get("/api/me").statusCode());
        me.add((System.nanoTime() - m0) / 1_000_000);
        Thread.sleep(100);
      }
      for (CompletableFuture<HttpResponse<String>> run : runs) {
        assertTrue(run.isDone(), "answered within the deadline plus 5 s");
        assertError(run.get(), 400, "Out of Memory");
      }
      long slowest = me.stream().mapToLong(Long::longValue).max().orElse(0);
      assertFalse(me.isEmpty());
      assertTrue(slowest < 1000, "GET /api/me took up to " + slowest + " ms while the queries ran: " + me);
      assertEquals(200, c.post("/api/console/query", Map.of("sql", "SELECT 1")).statusCode(), "the console still answers");
    });
  }

  private static Map<String, Object> auditEntry(String queryId) throws IOException {
    return Files.readAllLines(new ConsoleStore(warehouse).auditLog()).stream().map(ConsoleStore::parse)
        .filter(e -> queryId.equals(e.get("queryId"))).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void exportIsAUtf8CsvWithABomThatExcelReads() {
    String sql = "SELECT district_code, name_zh, name_en, 'a,\"b\"' AS quoted FROM districts ORDER BY district_code";
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      HttpResponse<String> r = c.post("/api/console/export", Map.of("sql", sql));
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
      assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().matches("attachment; filename=\"console-\\d{8}-\\d{6}\\.csv\""));
      assertEquals('\uFEFF', r.body().charAt(0), "a UTF-8 byte-order mark");
      String[] lines = r.body().substring(1).split("\r\n");
      QueryResult expected = direct(sql);
      assertEquals(1 + expected.rows().size(), lines.length);
      assertEquals("district_code,name_zh,name_en,quoted", lines[0]);
      List<Object> first = expected.rows().get(0);
      assertEquals(first.get(0) + "," + first.get(1) + "," + first.get(2) + ",\"a,\"\"b\"\"\"", lines[1]);
      assertTrue(lines[1].contains("和平区"), lines[1]);
      Map<String, Object> entry = Files.readAllLines(new ConsoleStore(warehouse).auditLog()).stream().map(ConsoleStore::parse)
          .filter(e -> "export".equals(e.get("action")) && sql.equals(e.get("sql"))).reduce((a, b) -> b).orElseThrow();
      assertEquals("ok", entry.get("status"));
      assertEquals(16, ((Number) entry.get("rows")).intValue());
    });
  }

  /**
   * Text that a spreadsheet would take for a formula (= + - @ tab CR at its start, a line break
   * inside or not) is written with a leading ' ; numbers stay numbers, a negative one too.
   */
  @Test
  void exportNeutralisesFormulaTextButNotNumbers() {
    String sql = "SELECT '=HYPERLINK(\"http://x\")' AS a, '-1+2' AS b, -3 AS n, '@SUM(A1)' AS c, chr(9) || 'tab' AS d, "
        + "chr(13) || 'cr' AS e, '=1+2' || chr(10) || 'second line' AS f, '+7' AS g, 'plain' AS h, -2.5 AS x, 'ok' AS \"=cmd\"";
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      HttpResponse<String> r = c.post("/api/console/export", Map.of("sql", sql));
      assertEquals(200, r.statusCode(), r.body());
      String expected = "\uFEFF" + "a,b,n,c,d,e,f,g,h,x,'=cmd\r\n"
          + "\"'=HYPERLINK(\"\"http://x\"\")\",'-1+2,-3,'@SUM(A1),'\ttab,\"'\rcr\",\"'=1+2\nsecond line\",'+7,plain,-2.5,ok\r\n";
      assertEquals(expected, r.body());
    });
  }

  @Test
  void historyIsPerUserAndSavedQueriesAreShared() {
    String mine = "SELECT count(*) AS n FROM requests WHERE channel = 'WECHAT' -- " + UUID.randomUUID();
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient a = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      TestClient b = new TestClient(server.port()).login(ANALYST2);
      assertEquals(200, a.post("/api/console/query", Map.of("sql", mine)).statusCode());
      assertEquals(400, a.post("/api/console/query", Map.of("sql", "DROP VIEW requests")).statusCode());
      JsonNode history = TestClient.json(a.get("/api/console/history"));
      assertEquals("DROP VIEW requests", history.get(0).get("sql").asText(), "newest first");
      assertEquals("refused", history.get(0).get("status").asText());
      assertEquals(mine, history.get(1).get("sql").asText());
      assertEquals("ok", history.get(1).get("status").asText());
      assertEquals(1, history.get(1).get("rows").asLong());
      for (JsonNode h : TestClient.json(b.get("/api/console/history"))) {
        assertFalse(h.get("sql").asText().equals(mine), "another analyst's history is not shown");
      }

      JsonNode saved = TestClient.json(a.post("/api/console/saved", Map.of("name", "微信渠道需求数", "sql", mine)));
      assertEquals("analyst", saved.get("author").asText());
      JsonNode seen = find(TestClient.json(b.get("/api/console/saved")), saved.get("id").asText());
      assertEquals("微信渠道需求数", seen.get("name").asText());
      assertEquals(mine, seen.get("sql").asText());
      assertTrue(seen.get("savedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), seen.get("savedAt").asText());
      assertError(a.post("/api/console/saved", Map.of("name", "drop", "sql", "DROP VIEW requests")), 400, "only a single read-only query");
      assertError(a.post("/api/console/saved", Map.of("name", " ", "sql", "SELECT 1")), 400, "give the saved query a name");
      assertEquals(200, b.post("/api/console/saved/delete", Map.of("id", saved.get("id").asText())).statusCode());
      assertEquals(null, find(TestClient.json(a.get("/api/console/saved")), saved.get("id").asText()));
      assertEquals(404, b.post("/api/console/saved/delete", Map.of("id", saved.get("id").asText())).statusCode());
      Map<String, Object> deleted = auditEntry(saved.get("id").asText());
      assertEquals("delete-saved", deleted.get("action"));
      assertEquals(ANALYST2, deleted.get("user"));
    });
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    return null;
  }

  @Test
  void theSchemaListsEveryTableWithTypesAndDescriptions() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      JsonNode s = TestClient.json(c.get("/api/console/schema"));
      Set<String> tables = new TreeSet<>();
      s.get("tables").forEach(t -> tables.add(t.get("name").asText()));
      assertEquals(new TreeSet<>(new SnapshotStore(warehouse).requireCurrent().tables().keySet()), tables);
      JsonNode requests = null;
      for (JsonNode t : s.get("tables")) {
        if (t.get("name").asText().equals("requests")) {
          requests = t;
        }
      }
      assertEquals("request_id", requests.get("columns").get(0).get("name").asText());
      assertEquals("VARCHAR", requests.get("columns").get(0).get("type").asText());
      assertTrue(requests.get("description").asText().contains("One row per request"));
      assertEquals(30, s.get("limits").get("timeoutSeconds").asInt());
      assertEquals(10_000, s.get("limits").get("maxRowsShown").asInt());
      assertEquals(1_000_000, s.get("limits").get("maxRowsExported").asInt());
    });
  }
}
