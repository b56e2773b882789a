package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's service on the fixture's live snapshot, with short limits where a test needs them. */
class ConsoleServiceTest {
  /** A query that would run for hours: a cross join of two billion-row ranges. */
  /** Runs for many minutes in constant memory (a streamed filter): a cross join would instead run out of the budget. */
  private static final String SLOW = "SELECT count(*) FROM range(1000000000000) WHERE hash(range) = 7";
  private static final User ANALYST = new User("analyst", Role.ANALYST, null, "x");
  private static final User OTHER = new User("analyst2", Role.ANALYST, null, "x");
  private static LiveSnapshot live;
  private static SnapshotStore store;
  private static ConsoleProcesses processes;
  /** The database a console query process opens, opened here to look inside it. */
  private static SnapshotDatabase consoleDb;

  @BeforeAll
  static void open() {
    store = new SnapshotStore(FixtureWarehouse.get());
    live = new LiveSnapshot(store, SnapshotDatabase.Limits.NONE, SnapshotDatabase.Tables.IN_MEMORY);
    processes = new ConsoleProcesses(new SnapshotStore(FixtureWarehouse.get()), ConsoleProcesses.Budget.DEFAULT);
    consoleDb = SnapshotDatabase.open(store, store.requireCurrent(), ConsoleProcesses.Budget.DEFAULT.duckDb());
  }

  @AfterAll
  static void close() {
    live.close();
    processes.close();
    consoleDb.close();
  }

  private static ConsoleService service(ConsoleService.Limits limits) throws IOException {
    return service(limits, Files.createTempDirectory("console-state"));
  }

  private static ConsoleService service(ConsoleService.Limits limits, java.nio.file.Path state) {
    return new ConsoleService(live, processes, new ConsoleStore(state), limits);
  }

  private static List<Map<String, Object>> audit(ConsoleService s) throws IOException {
    return Files.readAllLines(s.store().auditLog()).stream().map(ConsoleStore::parse).toList();
  }

  @Test
  void theConsoleDatabaseIsLockedDown() throws Exception {
    // read on a connection of the console's database: the console itself refuses current_setting
    List<Object> row;
    try (Connection c = consoleDb.connect(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
        "SELECT current_setting('enable_external_access') AS external, "
        + "current_setting('lock_configuration') AS locked, current_setting('autoinstall_known_extensions') AS autoinstall, "
        + "current_setting('autoload_known_extensions') AS autoload, current_setting('threads') AS threads, "
        + "current_setting('temp_directory') AS temp, current_setting('memory_limit') AS memory, "
        + "current_setting('allowed_directories') AS allowed")) {
      row = SnapshotDatabase.read(rs, 1, ConsoleWorker::cell).rows().get(0);
    }
    assertEquals(false, row.get(0), "external access off");
    assertEquals(true, row.get(1), "configuration locked");
    assertEquals(false, row.get(2), "no extension auto-install");
    assertEquals(false, row.get(3), "no extension auto-load");
    assertEquals(2L, ((Number) row.get(4)).longValue(), "two threads");
    assertEquals("", row.get(5), "no spill folder: nothing is written");
    assertEquals("1.1 GiB", row.get(6), "the budget's share less the JVM's: 1536 - 320 = 1216 MiB");
    Snapshot snap = store.requireCurrent();
    Set<String> segments = new TreeSet<>();
    snap.tables().values().forEach(segs -> segs.forEach(seg -> segments.add(store.resolve(seg.path()) + "/")));
    @SuppressWarnings("unchecked")
    List<Object> allowed = (List<Object>) row.get(7);
    assertEquals(segments, new TreeSet<>(allowed.stream().map(String::valueOf).toList()), "only the live snapshot's segment folders");
  }

  @Test
  void duckDbItselfRefusesWritesAndSettingChangesEvenPastTheStatementCheck() throws Exception {
    Path target = Files.createTempDirectory("console-copy").resolve("x.csv");
    try (Connection c = consoleDb.connect()) {
      SQLException copy = assertThrows(SQLException.class, () -> execute(c, "COPY (SELECT 1) TO '" + target + "'"));
      assertTrue(copy.getMessage().contains("Permission Error"), copy.getMessage());
      assertFalse(Files.exists(target));
      SQLException set = assertThrows(SQLException.class, () -> execute(c, "SET enable_external_access = true"));
      assertTrue(set.getMessage().contains("configuration has been locked"), set.getMessage());
      SQLException install = assertThrows(SQLException.class, () -> execute(c, "INSTALL httpfs"));
      assertTrue(install.getMessage().contains("disabled"), install.getMessage());
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Tag("process") // kills and replaces query processes: left out of the quick profile
  @Test
  void aTimeoutReallyCancelsTheQueryAndIsAudited() throws IOException {
    ConsoleService s = service(new ConsoleService.Limits(Duration.ofSeconds(1), 100, 1000));
    long t0 = System.nanoTime();
    UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, SLOW, null, null));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(e.getMessage().contains("ran longer than 1 s and was cancelled"), e.getMessage());
    assertEquals("查询运行超过 1 秒，已被取消：请缩小范围（WHERE、LIMIT）后再试", ((BilingualError) e).text().zh());
    // the call returns only once DuckDB has given the worker back (or after 5 s of trying): well
    // under that means the query really stopped
    assertTrue(ms >= 1000 && ms < 3000, "returned after " + ms + " ms");
    Map<String, Object> entry = audit(s).get(0);
    assertEquals("timeout", entry.get("status"));
    assertEquals("analyst", entry.get("user"));
    assertEquals("query", entry.get("action"));
    assertEquals(SLOW, entry.get("sql"));
    assertTrue(((Number) entry.get("milliseconds")).longValue() >= 1000);
    assertTrue(String.valueOf(entry.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+08:00"), String.valueOf(entry.get("at")));
    // the same limit stops an export
    UserError ex = assertThrows(UserError.class, () -> s.export(ANALYST, SLOW, new ByteArrayOutputStream()));
    assertTrue(ex.getMessage().contains("was cancelled"), ex.getMessage());
    assertEquals("timeout", audit(s).get(1).get("status"));
    assertEquals("export", audit(s).get(1).get("action"));
    assertEquals(2, service(ConsoleService.Limits.DEFAULT).run(ANALYST, "SELECT 2", null, null).rows().get(0).get(0),
        "the console still answers (in a new process)");
  }

  /**
   * A value larger than the value limit fails the query inside DuckDB, whatever its type (text,
   * blob, list, struct), and never reaches the server; a part of it (or a smaller one) is shown.
   * Types of a fixed size are not guarded, and the columns keep their names, duplicates included.
   */
  @Test
  void aValueOverTheLimitFailsTheQueryInDuckDb() throws IOException {
    ConsoleService s = service(new ConsoleService.Limits(Duration.ofSeconds(30), 100, 1000, 1000, 1L << 20));
    for (String big : List.of("SELECT repeat('x', 1001) AS v", "SELECT repeat('x', 1001)::BLOB AS v", "SELECT range(1000) AS v",
        "SELECT {'k': repeat('y', 2000)} AS v", "SELECT request_id, repeat(request_id, 200) AS v FROM requests")) {
      UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, big, null, null), big);
      assertTrue(e.getMessage().contains("a value of column v is larger than 0 KiB"), big + ": " + e.getMessage());
      assertEquals("列 v 中有一个值超过 0 KiB：请只选取其中一部分（例如 left(text, 1000)）", ((BilingualError) e).text().zh(), "said in Chinese too");
      UserError ex = assertThrows(UserError.class, () -> s.export(ANALYST, big, new ByteArrayOutputStream()), big);
      assertTrue(ex.getMessage().contains("a value of column v is larger than"), ex.getMessage());
      assertTrue(((BilingualError) ex).text().zh().startsWith("列 v 中有一个值超过"), ex.getMessage());
    }
    ConsoleService.Result r = s.run(ANALYST, "SELECT left(repeat('x', 5000), 10) AS v, 1 AS v, 2.5::DECIMAL(4,1) AS d, DATE '2025-01-02' AS t", null, null);
    assertEquals(List.of("v", "v_1", "d", "t"), r.columns(), "as DuckDB names a subquery's columns");
    assertEquals(List.of("xxxxxxxxxx", 1), r.rows().get(0).subList(0, 2));
    assertEquals(1000, ((String) s.run(ANALYST, "SELECT repeat('x', 1000) AS v", null, null).rows().get(0).get(0)).length(), "at the limit");
  }

  /** An answer larger than the answer limit is refused, with what to do instead. */
  @Test
  void anAnswerOverTheLimitIsRefused() throws IOException {
    ConsoleService s = service(new ConsoleService.Limits(Duration.ofSeconds(30), 10_000, 1000, 1000, 10_000));
    UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, "SELECT repeat('x', 500) AS v FROM range(100)", null, null));
    assertTrue(e.getMessage().startsWith("the answer is larger than"), e.getMessage());
    assertEquals("结果超过 0 MiB：请少选一些行或列，或导出结果", ((BilingualError) e).text().zh());
    assertEquals(19, s.run(ANALYST, "SELECT repeat('x', 500) AS v FROM range(19)", null, null).rows().size());
    assertEquals("error", audit(s).get(0).get("status"));
  }

  /**
   * Four queries that each build a 100 MB value at once: each fails on the value limit, all are
   * answered well within the time limit, and the server's heap does not hold their values.
   */
  @Test
  void hugeValuesAtOnceAreRefusedInTime() throws Exception {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    long t0 = System.nanoTime();
    List<CompletableFuture<String>> runs = new ArrayList<>();
    for (int i = 0; i < processes.budget().processes(); i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          s.run(ANALYST, "SELECT repeat('x', 100000000) AS v", null, null);
          return "answered";
        } catch (UserError e) {
          return e.getMessage();
        }
      }));
    }
    for (CompletableFuture<String> run : runs) {
      String outcome = run.get(ConsoleService.Limits.DEFAULT.timeout().toSeconds() + 5, TimeUnit.SECONDS);
      assertTrue(outcome.contains("a value of column v is larger than 1024 KiB"), outcome);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < ConsoleService.Limits.DEFAULT.timeout().toMillis(), "answered in " + ms + " ms");
    assertEquals(1, s.run(ANALYST, "SELECT 1 AS one", null, null).rows().get(0).get(0), "the console still answers");
  }

  /**
   * A query DuckDB cannot interrupt (one expression building a 1 GB value, about 10 s here) is
   * still answered by its deadline: its process is ended, whatever DuckDB is doing.
   */
  @Test
  void anUninterruptibleQueryIsAnsweredByItsDeadline() throws IOException {
    ConsoleService s = service(new ConsoleService.Limits(Duration.ofSeconds(1), 100, 1000));
    long t0 = System.nanoTime();
    UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, "SELECT repeat('x', 1000000000) AS v", null, null));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(e.getMessage().contains("ran longer than 1 s and was cancelled"), e.getMessage());
    assertTrue(ms < 1000 + 5000, "answered after " + ms + " ms");
  }

  /**
   * Queries that take memory DuckDB's buffer manager does not govern (huge values, huge lists) or
   * that it does (aggregates of gigabytes), four at once: each is answered by its deadline plus 5 s;
   * each query process is held by the kernel to its share of the budget and its peak resident
   * memory stays under it; the server's own memory does not grow with them; and the console answers
   * afterwards.
   */
  @Tag("process") // kills and replaces query processes: left out of the quick profile
  @Test
  void queriesTogetherStayInsideTheMemoryBudget() throws Exception {
    ConsoleService.Limits limits = new ConsoleService.Limits(Duration.ofSeconds(15), 100, 1000);
    ConsoleService s = service(limits);
    List<String> hostile = List.of("SELECT repeat('x', 2000000000) AS v",
        "SELECT strlen(string_agg(repeat('x', 1000000), '')) AS n FROM range(3000)",
        "SELECT len(list(repeat('x', 1000000))) AS n FROM range(3000)",
        "SELECT sum(strlen(repeat('x', 500000000) || repeat('y', 500000000))) AS n FROM range(4)");
    long serverBefore = residentKib(ProcessHandle.current().pid(), "VmRSS");
    long[] serverPeak = {serverBefore};
    java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> serverPeak[0] = Math.max(serverPeak[0], residentKib(ProcessHandle.current().pid(), "VmRSS")),
        0, 50, TimeUnit.MILLISECONDS);
    long t0 = System.nanoTime();
    List<CompletableFuture<String>> runs = new ArrayList<>();
    for (String q : hostile) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return "answered " + s.run(ANALYST, q, null, null).rows();
        } catch (UserError e) {
          return e.getMessage();
        }
      }));
    }
    List<String> outcomes = new ArrayList<>();
    for (CompletableFuture<String> run : runs) {
      outcomes.add(run.get(limits.timeout().toSeconds() + 5, TimeUnit.SECONDS));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    sampler.shutdownNow();
    assertTrue(ms < limits.timeout().toMillis() + 5000, "answered in " + ms + " ms: " + outcomes);
    assertTrue(outcomes.get(0).contains("Out of Memory") || outcomes.get(0).contains("needed more than"), outcomes.get(0));
    long share = processes.budget().bytesPerProcess();
    List<ProcessHandle> workers = ProcessHandle.current().children().filter(ConsoleServiceTest::isConsoleWorker).toList();
    assertFalse(workers.isEmpty(), "console query processes are children of the server: " + outcomes);
    for (ProcessHandle w : workers) {
      String limitsFile = Files.readString(Path.of("/proc", Long.toString(w.pid()), "limits"));
      assertTrue(limitsFile.matches("(?s).*Max data size\\s+" + share + "\\s+" + share + "\\s+bytes.*"), limitsFile);
      long peak = residentKib(w.pid(), "VmHWM") * 1024;
      assertTrue(peak < share, "process " + w.pid() + " peaked at " + (peak >> 20) + " MiB, over its " + (share >> 20) + " MiB share");
    }
    long grew = (serverPeak[0] - serverBefore) >> 10;
    assertTrue(grew < 256, "the server's own resident memory grew by " + grew + " MiB while the queries ran: " + outcomes);
    assertEquals(1, s.run(ANALYST, "SELECT 1 AS one", null, null).rows().get(0).get(0), "the console still answers");
  }

  /** Whether a process runs {@link ConsoleWorker} (read from {@code /proc}: the JDK's view of a long command line is cut). */
  private static boolean isConsoleWorker(ProcessHandle h) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).contains(ConsoleWorker.class.getName());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A query process whose DuckDB ran out of memory is ended and replaced (what it holds after a
   * failed allocation near its limit once made the next query's smallest allocation fail): on a
   * console of one process, the process that answered "Out of Memory" is gone, and the queries
   * after it run as usual in a new one.
   */
  @Tag("process") // kills and replaces query processes: left out of the quick profile
  @Test
  void aProcessThatRanOutOfMemoryIsReplaced() throws Exception {
    try (ConsoleProcesses one = new ConsoleProcesses(new SnapshotStore(FixtureWarehouse.get()), new ConsoleProcesses.Budget(1536L << 20, 1, 2))) {
      ConsoleService s = new ConsoleService(live, one, new ConsoleStore(Files.createTempDirectory("console-state")), ConsoleService.Limits.DEFAULT);
      for (String hostile : List.of("SELECT strlen(string_agg(repeat('x', 1000000), '')) AS n FROM range(3000)",
          "SELECT len(list(repeat('x', 1000000))) AS n FROM range(3000)", "SELECT repeat('x', 2000000000) AS v")) {
        Set<Long> before = workers();
        assertEquals(1, s.run(ANALYST, "SELECT count(*) AS n FROM requests", null, null).rows().size(), hostile);
        Set<Long> serving = workers();
        serving.removeAll(before);
        UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, hostile, null, null));
        assertTrue(e.getMessage().contains("needed more than the 1536 MiB"), e.getMessage());
        for (long pid : serving) {
          ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
        assertEquals(100, s.run(ANALYST, "SELECT repeat('x', 100000) AS v FROM range(100)", null, null).rows().size(), hostile);
      }
    }
  }

  /** The console query processes of this JVM now. */
  private static Set<Long> workers() {
    return ProcessHandle.current().children().filter(ConsoleServiceTest::isConsoleWorker).map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }

  /** A field of {@code /proc/<pid>/status} in KiB (0 once the process is gone). */
  private static long residentKib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void aUserCancelsOnlyTheirOwnQuery() throws Exception {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    CompletableFuture<ConsoleService.Result> run = CompletableFuture.supplyAsync(() -> s.run(ANALYST, SLOW, null, "mine-0001"));
    Thread.sleep(800);
    assertFalse(s.cancel(OTHER, "mine-0001"), "not another user's");
    assertFalse(s.cancel(ANALYST, "unknown-0001"));
    assertFalse(run.isDone());
    long t0 = System.nanoTime();
    assertTrue(s.cancel(ANALYST, "mine-0001"));
    Exception e = assertThrows(Exception.class, () -> run.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof BilingualError b && b.text().equals(new Message("the query was cancelled", "查询已取消")),
        String.valueOf(e.getCause()));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
    assertEquals("cancelled", audit(s).get(0).get("status"));
    assertFalse(s.cancel(ANALYST, "mine-0001"), "nothing left to cancel");
  }

  /**
   * A syntax error says where: line and column (characters, from 1), and the span a textarea
   * selects (UTF-16 offsets, though DuckDB counts UTF-8 bytes); Chinese first, DuckDB's words after.
   */
  @Test
  void aSyntaxErrorSaysItsLineAndColumn() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    SqlSyntaxError e = assertThrows(SqlSyntaxError.class, () -> s.run(ANALYST, "SELEC 1", null, null));
    assertEquals(new SqlSyntaxError.Position(1, 1, 0, 5), e.position());
    assertEquals("syntax error at line 1, column 1 (near \"SELEC\"): syntax error at or near \"SELEC\"", e.text().en());
    assertEquals("SQL 语法错误：第 1 行第 1 列，“SELEC”附近。DuckDB 的说明：syntax error at or near \"SELEC\"", e.text().zh());

    // on line 3, after an emoji and Chinese text (3 and 4 bytes a character in UTF-8, 1 and 2 UTF-16 units)
    String sql = "SELECT '😀' AS a,\n  1 AS b,\n  '和平区' FRM requests";
    SqlSyntaxError later = assertThrows(SqlSyntaxError.class, () -> s.run(ANALYST, sql, null, null));
    int start = sql.indexOf("requests");
    assertEquals(new SqlSyntaxError.Position(3, 13, start, start + "requests".length()), later.position());
    assertTrue(later.text().zh().startsWith("SQL 语法错误：第 3 行第 13 列，“requests”附近。"), later.text().zh());
    assertEquals("refused", audit(s).get(1).get("status"), "audited as refused");
  }

  @Test
  void rowsShownAndExportedAreCapped() throws IOException {
    ConsoleService s = service(new ConsoleService.Limits(Duration.ofSeconds(30), 10, 1000));
    ConsoleService.Result r = s.run(ANALYST, "SELECT request_id FROM requests ORDER BY request_id DESC;", null, null);
    assertEquals(10, r.rows().size());
    assertTrue(r.truncated());
    List<Object> expected = new ArrayList<>();
    live.get().select("SELECT request_id FROM requests ORDER BY request_id DESC LIMIT 10").rows().forEach(x -> expected.add(x.get(0)));
    assertEquals(expected, r.rows().stream().map(x -> x.get(0)).toList(), "the first rows of the ordered query");
    assertThrows(UserError.class, () -> s.run(ANALYST, "SELECT 1", 11, null));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleService.Exported e = s.export(ANALYST, "SELECT request_id, district_code FROM requests ORDER BY request_id", out);
    assertEquals(1000, e.rows());
    assertTrue(e.truncated());
    String csv = out.toString(StandardCharsets.UTF_8);
    assertEquals(1 + 1000, csv.substring(1).split("\r\n").length);
    byte[] bytes = out.toByteArray();
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM");
    Map<String, Object> entry = audit(s).get(1);
    assertEquals(1000, ((Number) entry.get("rows")).intValue());
    assertEquals(true, entry.get("truncated"));

    ConsoleService.Exported small = s.export(ANALYST, "SELECT * FROM districts", new ByteArrayOutputStream());
    assertEquals(16, small.rows());
    assertFalse(small.truncated());
  }

  /** The server's settings and file paths are not the warehouse's data: every way to them that DuckDB offers is refused. */
  @Test
  void theServersConfigurationAndPathsAreNotShown() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    for (String q : List.of("SELECT * FROM duckdb_settings()", "SELECT name, value FROM duckdb_settings() WHERE value LIKE '%/%'",
        "SELECT current_setting('allowed_directories')", "SELECT sql FROM duckdb_views()", "SELECT * FROM sqlite_master",
        "SELECT view_definition FROM information_schema.views", "SELECT * FROM duckdb_extensions()",
        "WITH x AS (SELECT upper(CURRENT_SETTING('temp_directory')) AS v) SELECT * FROM x",
        "SELECT * FROM requests WHERE district_code IN (SELECT value FROM duckdb_settings())")) {
      UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, q, null, null), q);
      assertTrue(e.getMessage().startsWith("the console shows the warehouse's tables, not the server's configuration or file paths"),
          q + ": " + e.getMessage());
    }
    assertEquals(16, s.run(ANALYST, "WITH views AS (SELECT * FROM districts) SELECT * FROM views", null, null).rows().size(),
        "a CTE of the analyst's own named views is not the catalog");
  }

  @Test
  void everyShapeOfReadOnlyQueryPassesTheCheck() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    Map<String, Long> shapes = new java.util.LinkedHashMap<>();
    shapes.put("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT * FROM t", 10L);
    shapes.put("SELECT * FROM (PIVOT (SELECT district_code, channel FROM requests) ON channel IN ('ONSITE', 'HOTLINE', 'WEB', 'WECHAT') USING count(*) GROUP BY district_code)", 16L);
    shapes.put("SELECT district_code FROM districts UNION SELECT district_code FROM requests", 16L);
    shapes.put("SELECT district_code, quarter FROM kpi_district_quarter QUALIFY row_number() OVER (PARTITION BY district_code ORDER BY quarter DESC) = 1", 16L);
    shapes.put("SUMMARIZE districts", 3L);
    shapes.put("VALUES (1), (2)", 2L);
    shapes.put("FROM districts SELECT name_zh;", 16L);
    shapes.put("SELECT * FROM districts -- a comment at the end", 16L);
    shapes.put("/* a comment first */ TABLE districts ;;", 16L);
    shapes.put("SELECT unnest(member_ids) AS m FROM onsite_sessions LIMIT 3", 3L);
    for (var e : shapes.entrySet()) {
      assertEquals(e.getValue(), (long) s.run(ANALYST, e.getKey(), null, null).rows().size(), e.getKey());
    }
    // DuckDB runs a PIVOT without a value list as several statements: refused, with the way out
    UserError pivot = assertThrows(UserError.class, () -> s.run(ANALYST, "PIVOT requests ON channel USING count(*) GROUP BY district_code", null, null));
    assertTrue(pivot.getMessage().contains("a PIVOT needs an explicit list"), pivot.getMessage());
  }

  @Test
  void aCommentAfterTheFinalSemicolonIsAClearErrorNotARun() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    assertEquals(1, s.run(ANALYST, "SELECT 1 AS one; ", null, null).rows().size(), "a trailing ';' is fine");
    assertEquals(1, s.run(ANALYST, "SELECT 1 AS one -- the end", null, null).rows().size(), "so is a trailing comment");
    UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, "SELECT 1 AS one; -- the end", null, null));
    assertTrue(e.getMessage().startsWith("write the query without anything after its end"), e.getMessage());
    assertEquals("error", audit(s).get(audit(s).size() - 1).get("status"));
  }

  @Test
  void theCheckRemembersAcceptedTextsOnlyAndARefusedTextIsRefusedEveryTime() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    String ok = "SELECT count(*) AS n FROM requests";
    String bad = "SELECT 1 AS one; SELECT 2 AS two";
    for (int i = 0; i < 3; i++) {
      assertEquals(1, s.run(ANALYST, ok, null, null).rows().size());
      UserError e = assertThrows(UserError.class, () -> s.run(ANALYST, bad, null, null));
      assertTrue(e.getMessage().startsWith("one statement at a time"), e.getMessage());
      UserError dml = assertThrows(UserError.class, () -> s.run(ANALYST, ok + "; DELETE FROM requests", null, null));
      assertTrue(dml.getMessage().contains("single read-only query") || dml.getMessage().contains("one statement"), dml.getMessage());
    }
    assertEquals(List.of("ok", "refused", "refused", "ok", "refused", "refused", "ok", "refused", "refused"),
        audit(s).stream().map(a -> a.get("status")).toList());
  }

  @Test
  void historyIsReadBackFromTheAuditLogByANewService() throws IOException {
    java.nio.file.Path state = Files.createTempDirectory("console-state");
    ConsoleService first = service(ConsoleService.Limits.DEFAULT, state);
    first.run(ANALYST, "SELECT 'before the restart' AS s", null, null);
    ConsoleService second = service(ConsoleService.Limits.DEFAULT, state); // a server restarted on the same warehouse
    QueryLibrary library = new QueryLibrary(live, second.store());
    ConsoleStore.HistoryEntry read = library.history(ANALYST).get(0);
    assertEquals("SELECT 'before the restart' AS s", read.sql());
    assertEquals(ConsoleStore.Action.QUERY, read.action(), "audit.log's \"query\" read back as the enum");
    assertEquals(ConsoleStore.Outcome.OK, read.status(), "audit.log's \"ok\" read back as the enum");
    second.run(ANALYST, "SELECT 'after' AS s", null, null);
    assertEquals(List.of("SELECT 'after' AS s", "SELECT 'before the restart' AS s"),
        library.history(ANALYST).stream().map(ConsoleStore.HistoryEntry::sql).toList());
  }

  @Test
  void historyKeepsTheLast100QueriesOfEachUser() throws IOException {
    ConsoleService s = service(ConsoleService.Limits.DEFAULT);
    for (int i = 0; i < 105; i++) {
      s.run(ANALYST, "SELECT " + i + " AS i", null, null);
    }
    s.run(OTHER, "SELECT 'other'", null, null);
    QueryLibrary library = new QueryLibrary(live, s.store());
    List<ConsoleStore.HistoryEntry> h = library.history(ANALYST);
    assertEquals(100, h.size());
    assertEquals("SELECT 104 AS i", h.get(0).sql());
    assertEquals("SELECT 5 AS i", h.get(99).sql());
    assertEquals(List.of("SELECT 'other'"), library.history(OTHER).stream().map(ConsoleStore.HistoryEntry::sql).toList());
    assertEquals(106, audit(s).size(), "the audit log keeps everything");
  }

  @Test
  void everyColumnOfEverySnapshotTableHasADescription() {
    Map<String, String> descriptions = ConsoleSchema.descriptions();
    Set<String> keys = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    List<ConsoleSchema.Table> tables = new ConsoleSchema(live).tables();
    assertEquals(new TreeSet<>(store.requireCurrent().tables().keySet()), new TreeSet<>(tables.stream().map(ConsoleSchema.Table::name).toList()));
    for (ConsoleSchema.Table t : tables) {
      keys.add(t.name());
      if (t.description().isBlank()) {
        missing.add(t.name());
      }
      for (ConsoleSchema.Column c : t.columns()) {
        keys.add(t.name() + "." + c.name());
        if (c.description().isBlank()) {
          missing.add(t.name() + "." + c.name());
        }
        assertFalse(c.type().isBlank());
      }
    }
    assertEquals(List.of(), missing, "columns without a description");
    Set<String> stale = new TreeSet<>(descriptions.keySet());
    stale.removeAll(keys);
    assertEquals(Set.of(), stale, "descriptions of columns the snapshot does not have");
    for (String d : descriptions.values()) {
      assertFalse(d.contains("\n"), "one line: " + d);
    }
  }
}
