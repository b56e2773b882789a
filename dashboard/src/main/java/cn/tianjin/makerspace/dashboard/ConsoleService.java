package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.DuckDbTables;
import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * SQL 控制台 — the analysts' own queries on the console's DuckDB ({@code deps.console()}: the live
 * snapshot read-only, file access confined to its segments, external access off, configuration
 * locked, memory and threads capped). Every query is checked before it runs (one statement, a
 * query and nothing else: {@link SnapshotDatabase#requireSingleQuery}), then runs on a worker
 * under a row limit and a time limit that really cancels it; every query and export is written
 * to the audit log, whatever its outcome.
 *
 * <p>A query is wrapped as {@code SELECT <guarded columns> FROM (<sql>) LIMIT n+1} so DuckDB stops
 * after the rows that can be shown (the JDBC driver ignores {@code setMaxRows} and would compute,
 * and hold in memory, the whole result); DuckDB keeps the order of an ordered subquery under a
 * LIMIT. Each column that can hold a value of any size (text, blobs, lists, structs, maps) is
 * guarded: a value larger than {@link Limits#maxValueBytes} fails the query inside DuckDB, before
 * it reaches the server (a 2 GB string once took 29 s and 4 GB of the server's memory just to be
 * fetched). An answer shown on the page is read under {@link Limits#maxResultBytes} and the
 * query's deadline, so the whole answer is bounded in size and time, not only its computation.
 */
public final class ConsoleService {
  /**
   * The console's limits: a query's time (from the request to its answer), the rows shown and
   * exported, the largest single value (bytes) and the largest answer shown (bytes, text counted
   * by its length, any other value as {@value #OTHER_VALUE_BYTES}).
   */
  public record Limits(Duration timeout, int maxRowsShown, int maxRowsExported, int maxValueBytes, long maxResultBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 10_000, 1_000_000);

    /** The default value and answer sizes: 1 MiB and 64 MiB. */
    public Limits(Duration timeout, int maxRowsShown, int maxRowsExported) {
      this(timeout, maxRowsShown, maxRowsExported, 1 << 20, 64L << 20);
    }
  }

  /** What a value other than text counts for against {@link Limits#maxResultBytes}. */
  static final int OTHER_VALUE_BYTES = 16;

  /** A query's answer: at most the rows asked for; {@code truncated} when more followed. */
  public record Result(String queryId, List<String> columns, List<String> types, List<List<Object>> rows,
      boolean truncated, long milliseconds) {}

  /** What an export wrote. */
  public record Exported(String queryId, long rows, boolean truncated, long milliseconds) {}

  public record Column(String name, String type, String description) {}

  public record Table(String name, String description, List<Column> columns) {}

  /** Longest SQL text accepted. */
  static final int MAX_SQL_CHARS = 100_000;
  /** Accepted query texts remembered by the statement check. */
  static final int CHECKED_KEPT = 1_000;
  /** Queries running at once; more wait their turn (the time limit counts from the request). */
  static final int WORKERS = 4;
  /**
   * How long a stopped query's caller waits for DuckDB to give the worker back before it answers
   * anyway (the signals go on in the background): a query is answered by its deadline plus this.
   */
  private static final long STOP_WAIT_MILLIS = 4_000;
  private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
  /** Threads that signal DuckDB to stop a query (see {@link Running#stop}), one per query being stopped. */
  private static final java.util.concurrent.ExecutorService SIGNALLERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "console-cancel");
    t.setDaemon(true);
    return t;
  });
  private static final Map<String, String> DESCRIPTIONS = descriptions();

  private final LiveSnapshot live;
  private final ConsoleStore store;
  private final Limits limits;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;
  /** Texts that passed the statement check. */
  private final Map<String, Boolean> accepted = lastUsed(CHECKED_KEPT);
  /** The guarded form of a text ({@link #guarded}), by snapshot, row limit and text: its column types depend on nothing else. */
  private final Map<String, String> guardedTexts = lastUsed(CHECKED_KEPT);

  public ConsoleService(LiveSnapshot live, ConsoleStore store, Limits limits) {
    this.live = live;
    this.store = store;
    this.limits = limits;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "console-query-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    workers.allowCoreThreadTimeOut(true);
  }

  public Limits limits() {
    return limits;
  }

  public ConsoleStore store() {
    return store;
  }

  /**
   * Runs one query and returns at most {@code maxRows} rows (null: the most that may be shown).
   * {@code queryId} (optional, chosen by the page) lets a {@link #cancel} name the query while it
   * runs.
   */
  public Result run(User user, String sql, Integer maxRows, String queryId) {
    int limit = maxRows == null ? limits.maxRowsShown() : maxRows;
    if (limit < 1 || limit > limits.maxRowsShown()) {
      throw new UserError("maxRows must be between 1 and " + limits.maxRowsShown());
    }
    Running q = start(user, "query", sql, queryId);
    try {
      Execution ex = execute(q, limit);
      try {
        AnswerBudget budget = new AnswerBudget(q);
        QueryResult r = SnapshotDatabase.read(ex.rs, limit, v -> budget.count(cell(v)));
        long ms = q.millis();
        q.finish("ok", r.rows().size(), r.truncated(), null);
        return new Result(q.id, r.columns(), r.types(), r.rows(), r.truncated(), ms);
      } finally {
        ex.close();
      }
    } catch (SQLException | RuntimeException e) {
      throw q.failed(e);
    } finally {
      running.remove(q.id, q);
    }
  }

  /**
   * Writes a query's result as CSV (UTF-8 with a BOM, so that Excel reads Chinese text right; RFC
   * 4180 quoting, CRLF line ends), at most {@link Limits#maxRowsExported} rows. Text that a
   * spreadsheet would take for a formula is neutralised, numbers are written as they are (see
   * {@link SpreadsheetCells}).
   */
  public Exported export(User user, String sql, OutputStream out) {
    return export(user, sql, () -> out);
  }

  /** Like {@link #export(User, String, OutputStream)}; the stream is asked for once the query has run. */
  public Exported export(User user, String sql, java.util.function.Supplier<OutputStream> output) {
    Running q = start(user, "export", sql, null);
    long rows = 0;
    try {
      Execution ex = execute(q, limits.maxRowsExported());
      try {
        Writer w = new BufferedWriter(new OutputStreamWriter(output.get(), StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        int n = ex.rs.getMetaData().getColumnCount();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          header.add(SpreadsheetCells.csvText(ex.rs.getMetaData().getColumnLabel(i)));
        }
        csvLine(w, header);
        boolean truncated = false;
        List<String> line = new ArrayList<>(n);
        while (ex.rs.next()) {
          if (rows == limits.maxRowsExported()) {
            truncated = true;
            break;
          }
          if (q.stopped.get() != null) {
            throw new SQLException("stopped while writing");
          }
          line.clear();
          for (int i = 1; i <= n; i++) {
            line.add(SpreadsheetCells.csvValue(ex.rs.getObject(i)));
          }
          csvLine(w, line);
          rows++;
        }
        w.flush();
        long ms = q.millis();
        q.finish("ok", rows, truncated, null);
        return new Exported(q.id, rows, truncated, ms);
      } finally {
        ex.close();
      }
    } catch (SQLException e) {
      throw q.failed(e);
    } catch (IOException e) {
      q.finish("error", rows, false, "writing the CSV failed: " + e.getMessage());
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw q.failed(e);
    } finally {
      running.remove(q.id, q);
    }
  }

  /**
   * Cancels one of the user's own running queries and waits (a few seconds at most) until DuckDB
   * has stopped it. False when the user has no running query with this id (finished, unknown, or
   * another user's: nobody learns of another's queries).
   */
  public boolean cancel(User user, String queryId) {
    Running q = queryId == null ? null : running.get(queryId);
    if (q == null || !q.user.name().equals(user.name())) {
      return false;
    }
    q.stop("cancelled");
    return true;
  }

  /** Every table of the snapshot with its columns, their types and one-line descriptions. */
  public List<Table> schema() {
    List<Table> tables = new ArrayList<>();
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    for (List<Object> r : live.get().select(SqlResources.load("dashboard-sql/console/schema.sql")).rows()) {
      String table = (String) r.get(0);
      String column = (String) r.get(1);
      columns.computeIfAbsent(table, t -> new ArrayList<>())
          .add(new Column(column, (String) r.get(2), DESCRIPTIONS.getOrDefault(table + "." + column, "")));
    }
    columns.forEach((t, cols) -> tables.add(new Table(t, DESCRIPTIONS.getOrDefault(t, ""), cols)));
    return tables;
  }

  /** The one-line descriptions: {@code <table>} and {@code <table>.<column>} keys. */
  public static Map<String, String> descriptions() {
    try (InputStream in = ConsoleService.class.getClassLoader().getResourceAsStream("dashboard-sql/console/descriptions.properties")) {
      if (in == null) {
        throw new IllegalStateException("dashboard-sql/console/descriptions.properties is missing");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> m = new LinkedHashMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<ConsoleStore.HistoryEntry> history(User user) {
    return store.history(user.name());
  }

  public List<ConsoleStore.SavedQuery> saved() {
    return store.saved();
  }

  /** Saves a query for every analyst; it must be a query the console would run. */
  public ConsoleStore.SavedQuery save(User user, String name, String sql) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new UserError("give the saved query a name of 1 to 100 characters");
    }
    requireText(sql);
    live.get().requireSingleQuery(sql);
    ConsoleStore.SavedQuery q = store.save(user.name(), name.strip(), sql);
    store.record(new ConsoleStore.AuditEntry(ConsoleStore.now(), user.name(), "save", q.id(), sql, "ok", 0, false, 0, null));
    return q;
  }

  /** Deletes a saved query (any analyst may: the list is shared, and the audit log names who). */
  public boolean deleteSaved(User user, String id) {
    ConsoleStore.SavedQuery q = id == null ? null : store.saved().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    if (q == null || !store.delete(id)) {
      return false;
    }
    store.record(new ConsoleStore.AuditEntry(ConsoleStore.now(), user.name(), "delete-saved", id, q.sql(), "ok", 0, false, 0, null));
    return true;
  }

  // ---------------------------------------------------------------------------------------------

  /** Registers a query (its audit entry is written however it ends). */
  private Running start(User user, String action, String sql, String queryId) {
    if (queryId != null && !QUERY_ID.matcher(queryId).matches()) {
      throw new UserError("queryId must be 8 to 64 letters, digits or '-'");
    }
    Running q = new Running(queryId == null ? UUID.randomUUID().toString() : queryId, user, action, sql);
    if (running.putIfAbsent(q.id, q) != null) {
      throw new UserError("a query with id " + q.id + " is already running");
    }
    return q;
  }

  /**
   * Runs the query on a worker: checks it, then runs it (wrapped under a LIMIT of {@code limit + 1})
   * on the same connection; waits at most the time limit for DuckDB to compute it. The result is
   * materialized, so reading it afterwards is quick.
   */
  private Execution execute(Running q, int limit) throws SQLException {
    SnapshotDatabase db = live.get();
    try {
      requireText(q.sql);
    } catch (UserError e) {
      q.refused = true;
      throw e;
    }
    // The wrapped form needs no second check: the query as written is one complete statement
    // (strings, comments and parentheses closed), so between "FROM (" and ")" it is either that
    // statement as a subquery or, when a ';' and a comment follow its end, a syntax error that
    // DuckDB reports before running anything.
    String body = stripTrailingSemicolons(q.sql);
    Future<Execution> f = workers.submit(() -> {
      try {
        if (q.stopped.get() != null) {
          throw new SQLException("stopped before it started");
        }
        Connection c = db.connect();
        Execution ex = new Execution(c);
        try {
          try {
            requireSingleQuery(c, q.sql);
          } catch (UserError e) {
            q.refused = true;
            throw e;
          }
          ex.statement = c.createStatement();
          q.statement = ex.statement;
          if (q.stopped.get() != null) {
            throw new SQLException("stopped before it started");
          }
          ex.rs = ex.statement.executeQuery(guarded(db.snapshot().id(), ex.statement, body, limit));
          if (q.stopped.get() != null) {
            throw new SQLException("stopped");
          }
          return ex;
        } catch (SQLException | RuntimeException e) {
          ex.close();
          throw e;
        }
      } finally {
        q.done.countDown();
      }
    });
    long remaining = limits.timeout().toNanos() - (System.nanoTime() - q.startedNanos);
    try {
      return f.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      q.stop("timeout");
      closeIfFinished(f);
      throw new SQLException("timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      q.stop("cancelled");
      throw new SQLException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) {
        throw s;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The query under its row limit, each column of a size-unbounded type guarded by
   * {@link Limits#maxValueBytes} (see the class comment). The columns' types come from DuckDB's
   * {@code DESCRIBE} of the query, which binds it without planning or running it; the result is
   * remembered for the snapshot, as analysts run the same text again and again.
   */
  private String guarded(String snapshotId, Statement s, String body, int limit) throws SQLException {
    String key = snapshotId + "\n" + limit + "\n" + body;
    String known = guardedTexts.get(key);
    if (known != null) {
      return known;
    }
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM (\n" + body + "\n) AS console_query")) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
        types.add(rs.getString("column_type"));
      }
    }
    List<String> columns = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String c = "c" + (i + 1);
      columns.add(c);
      String size = valueSize(c, types.get(i));
      String name = DuckDbTables.quoteIdent(names.get(i));
      select.add(size == null ? c + " AS " + name
          : "CASE WHEN " + size + " > " + limits.maxValueBytes() + " THEN error(" + DuckDbTables.quoteLiteral("a value of column "
              + names.get(i) + " is larger than " + limits.maxValueBytes() / 1024 + " KiB; select a part of it (e.g. left(text, 1000))")
              + ") ELSE " + c + " END AS " + name);
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM (\n" + body + "\n) AS console_query(" + String.join(", ", columns)
        + ") LIMIT " + (limit + 1L);
    guardedTexts.put(key, sql);
    return sql;
  }

  /** A map that keeps its {@code kept} most recently used entries (thread-safe). */
  private static <V> Map<String, V> lastUsed(int kept) {
    return java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > kept;
      }
    });
  }

  private static final Pattern FIXED_SIZE = Pattern.compile(
      "(BOOLEAN|U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|FLOAT|DOUBLE|REAL|DATE|TIME|TIMETZ|TIME WITH TIME ZONE"
          + "|TIMESTAMP.*|INTERVAL|UUID|DECIMAL\\(\\d+,\\s*\\d+\\)|\"NULL\"|NULL)");

  /** The size in bytes of column {@code c}'s value as a DuckDB expression, or null when its type has a fixed size. */
  static String valueSize(String c, String type) {
    if (FIXED_SIZE.matcher(type).matches()) {
      return null;
    }
    return switch (type) {
      case "VARCHAR" -> "strlen(" + c + ")";
      case "BLOB" -> "octet_length(" + c + ")";
      default -> "strlen(CAST(" + c + " AS VARCHAR))"; // lists, structs, maps, unions, JSON, enums, bits: as text
    };
  }

  /** Counts an answer's bytes as it is read; stops it past the limit or the deadline. */
  private final class AnswerBudget {
    private final Running q;
    private long bytes;

    AnswerBudget(Running q) {
      this.q = q;
    }

    Object count(Object value) {
      bytes += value instanceof String text ? text.length() : OTHER_VALUE_BYTES;
      if (bytes > limits.maxResultBytes()) {
        throw new UserError("the answer is larger than " + (limits.maxResultBytes() >> 20) + " MiB; select fewer rows or columns, or export it");
      }
      if (System.nanoTime() - q.startedNanos > limits.timeout().toNanos()) {
        q.stopped.compareAndSet(null, "timeout");
        throw new UserError("timed out while reading the answer");
      }
      return value;
    }
  }

  /** Closes the result of a run that finished just as it was given up on. */
  private static void closeIfFinished(Future<Execution> f) {
    if (f.isDone()) {
      try {
        f.get().close();
      } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException ignored) {
        // it failed: nothing is open
      }
    }
  }

  /**
   * {@link SnapshotDatabase#requireSingleQuery} on the connection the query then runs on, once per
   * text: the verdict depends on the text alone (DuckDB's parser), and analysts run the same text
   * again and again (again after reading the answer, then as an export). The last
   * {@value #CHECKED_KEPT} accepted texts are remembered; a refused text is checked every time.
   */
  private void requireSingleQuery(Connection c, String sql) {
    if (!accepted.containsKey(sql)) {
      SnapshotDatabase.requireSingleQuery(c, sql);
      accepted.put(sql, Boolean.TRUE);
    }
  }

  private static void requireText(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new UserError("the query is empty");
    }
    if (sql.length() > MAX_SQL_CHARS) {
      throw new UserError("the query is longer than " + MAX_SQL_CHARS + " characters");
    }
  }

  static String stripTrailingSemicolons(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  /** A value as JSON: see {@link QueryResult#jsonValue}; NaN and infinities as text (JSON has none). */
  static Object cell(Object v) {
    if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
      return v.toString();
    }
    if (v instanceof java.sql.Blob b) {
      try {
        return "<blob " + b.length() + " bytes>";
      } catch (SQLException e) {
        return "<blob>";
      }
    }
    return QueryResult.jsonValue(v);
  }

  /** One CSV line of fields already written as CSV ({@link SpreadsheetCells}), CRLF-ended. */
  private static void csvLine(Writer w, List<String> fields) throws IOException {
    w.write(String.join(",", fields));
    w.write("\r\n");
  }

  /** The JDBC objects of one run, closed once by whoever is done with them. */
  private static final class Execution {
    final Connection connection;
    volatile Statement statement;
    volatile ResultSet rs;
    private boolean closed;

    Execution(Connection connection) {
      this.connection = connection;
    }

    synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.close(); // closes its statements and results
      } catch (SQLException ignored) {
        // nothing to do about a connection that will not close
      }
    }
  }

  /** A query from its check to its audit entry. */
  private final class Running {
    final String id;
    final User user;
    final String action;
    final String sql;
    final long startedNanos = System.nanoTime();
    final String at = ConsoleStore.now();
    final AtomicReference<String> stopped = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Statement statement;
    volatile boolean refused;

    Running(String id, User user, String action, String sql) {
      this.id = id;
      this.user = user;
      this.action = action;
      this.sql = sql;
    }

    long millis() {
      return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Marks the query stopped ("cancelled" or "timeout"), has DuckDB signalled until the worker
     * has returned (a cancel that arrives between statements is sent again), and waits for that at
     * most {@link #STOP_WAIT_MILLIS}. The signals come from another thread: DuckDB's cancel can
     * block until the query reaches a point where it looks for one (a single expression building
     * a huge value does not), and the caller must answer by its deadline whatever DuckDB does.
     */
    void stop(String why) {
      stopped.compareAndSet(null, why);
      SIGNALLERS.execute(() -> {
        try {
          while (!done.await(20, TimeUnit.MILLISECONDS)) {
            Statement s = statement;
            if (s != null) {
              try {
                s.cancel();
              } catch (SQLException ignored) {
                // closed meanwhile: the worker is finishing
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        done.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void finish(String status, long rows, boolean truncated, String error) {
      store.record(new ConsoleStore.AuditEntry(at, user.name(), action, id, sql, status, rows, truncated, millis(), error));
    }

    /** Writes the audit entry of a query that did not succeed; returns what to throw. */
    RuntimeException failed(Exception e) {
      String why = stopped.get();
      RuntimeException out;
      if ("timeout".equals(why)) {
        out = new UserError("the query ran longer than " + limits.timeout().toSeconds() + " s and was cancelled; narrow it down (WHERE, LIMIT) and try again");
      } else if ("cancelled".equals(why)) {
        out = new UserError("the query was cancelled");
      } else if (e instanceof RuntimeException r) {
        out = r;
      } else if (String.valueOf(e.getMessage()).contains("Parser Error: syntax error") && sql.contains(";")) {
        // the query as written parsed (see execute): its wrapped form did not
        out = new UserError("write the query without anything after its end (a trailing ';' followed by a comment?)");
      } else {
        out = new UserError("query failed: " + SnapshotDatabase.firstLine(e.getMessage()));
      }
      finish(why != null ? why : refused ? "refused" : "error", 0, false, String.valueOf(out.getMessage()));
      return out;
    }
  }
}
