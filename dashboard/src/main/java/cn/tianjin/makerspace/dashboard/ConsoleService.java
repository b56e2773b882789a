package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.ConsoleStore.Action;
import cn.tianjin.makerspace.dashboard.ConsoleStore.Outcome;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * SQL 控制台 — the analysts' own queries. Every query is checked before it runs (one statement, a
 * query and nothing else: {@link SnapshotDatabase#requireSingleQuery}, on the pages' database),
 * then runs in one of the console's query processes ({@link ConsoleProcesses}: the live snapshot
 * read-only in a DuckDB of its own, held by the kernel to its share of the console's memory
 * budget) under a row limit, a value limit and an answer limit ({@link ConsoleWorker}). A query
 * is answered by its deadline: when it is reached (or the analyst cancels), the query's process is
 * ended, whatever DuckDB is doing, and a new one takes its place. Every query and export is
 * written to the audit log, whatever its outcome. The console's other parts: {@link ConsoleSchema}
 * (the tables and columns it shows) and {@link QueryLibrary} (history and saved queries).
 */
public final class ConsoleService {
  /**
   * The console's limits: a query's time (from the request to its answer; an export's, to its
   * first rows), the rows shown and exported, the largest single value (bytes) and the largest
   * answer shown (bytes, text counted by its length, any other value as
   * {@value ConsoleWorker#OTHER_VALUE_BYTES}).
   */
  public record Limits(Duration timeout, int maxRowsShown, int maxRowsExported, int maxValueBytes, long maxResultBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 10_000, 1_000_000);

    /** The default value and answer sizes: 1 MiB and 64 MiB. */
    public Limits(Duration timeout, int maxRowsShown, int maxRowsExported) {
      this(timeout, maxRowsShown, maxRowsExported, 1 << 20, 64L << 20);
    }
  }

  /** A query's answer: at most the rows asked for; {@code truncated} when more followed. */
  public record Result(String queryId, List<String> columns, List<String> types, List<List<Object>> rows,
      boolean truncated, long milliseconds) {}

  /** What an export wrote. */
  public record Exported(String queryId, long rows, boolean truncated, long milliseconds) {}

  /** Longest SQL text accepted. */
  static final int MAX_SQL_CHARS = 100_000;
  /** Accepted query texts remembered by the statement check. */
  static final int CHECKED_KEPT = 1_000;
  private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
  /** Ends the processes of queries past their deadline. */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-deadlines");
    t.setDaemon(true);
    return t;
  });

  private final LiveSnapshot live;
  private final ConsoleProcesses processes;
  private final ConsoleStore store;
  private final Limits limits;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  /** Texts that passed the statement check. */
  private final Map<String, Boolean> accepted = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > CHECKED_KEPT;
    }
  });

  /** {@code live}: the pages' database, for the statement check and the schema; {@code processes} run the queries. */
  public ConsoleService(LiveSnapshot live, ConsoleProcesses processes, ConsoleStore store, Limits limits) {
    this.live = live;
    this.processes = processes;
    this.store = store;
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  public ConsoleProcesses.Budget budget() {
    return processes.budget();
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
      throw new BilingualError(new Message("maxRows must be between 1 and %d", "maxRows 须在 1 到 %d 之间").formatted(limits.maxRowsShown()));
    }
    Running q = start(user, Action.QUERY, sql, queryId);
    try {
      ConsoleProcess p = begin(q, false, limit);
      try {
        ConsoleFrames.Header h = q.header(p);
        List<List<Object>> rows = new ArrayList<>();
        for (ConsoleFrames.Frame f = p.next(); ; f = p.next()) {
          switch (f.type()) {
            case ROWS -> rows.addAll(ConsoleFrames.JSON.readValue(f.body(), ROWS));
            case END -> {
              boolean truncated = f.as(ConsoleFrames.End.class).truncated();
              long ms = q.millis();
              q.finish(Outcome.OK, rows.size(), truncated, null);
              return new Result(q.id, h.columns(), h.types(), rows, truncated, ms);
            }
            default -> throw q.answerFailed(p, f);
          }
        }
      } finally {
        q.end(p);
      }
    } catch (SQLException | IOException | RuntimeException e) {
      throw q.failed(e);
    } finally {
      running.remove(q.id, q);
    }
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<List<List<Object>>> ROWS = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /**
   * Writes a query's result as CSV (UTF-8 with a BOM, so that Excel reads Chinese text right; RFC
   * 4180 quoting, CRLF line ends), at most {@link Limits#maxRowsExported} rows. Text that a
   * spreadsheet would take for a formula is neutralised, numbers are written as they are (see
   * {@link SpreadsheetCells}).
   */
  public Exported export(User user, String sql, OutputStream out) {
    return export(user, sql, () -> out);
  }

  /**
   * Like {@link #export(User, String, OutputStream)}; the stream is asked for once the query has
   * run. The time limit applies until the first rows: the writing goes on after it (a cancel still
   * stops it).
   */
  public Exported export(User user, String sql, java.util.function.Supplier<OutputStream> output) {
    Running q = start(user, Action.EXPORT, sql, null);
    long rows = 0;
    try {
      ConsoleProcess p = begin(q, true, limits.maxRowsExported());
      try {
        q.header(p);
        q.deadline.cancel(false);
        OutputStream out = null;
        for (ConsoleFrames.Frame f = p.next(); ; f = p.next()) {
          switch (f.type()) {
            case CSV -> {
              out = out == null ? output.get() : out;
              written(out, f.body());
            }
            case END -> {
              ConsoleFrames.End end = f.as(ConsoleFrames.End.class);
              written(out == null ? output.get() : out, null);
              rows = end.rows();
              long ms = q.millis();
              q.finish(Outcome.OK, rows, end.truncated(), null);
              return new Exported(q.id, rows, end.truncated(), ms);
            }
            default -> throw q.answerFailed(p, f);
          }
        }
      } finally {
        q.end(p);
      }
    } catch (UncheckedIOException e) {
      q.finish(Outcome.ERROR, rows, false, "writing the CSV failed: " + e.getMessage());
      throw e;
    } catch (SQLException | IOException | RuntimeException e) {
      throw q.failed(e);
    } finally {
      running.remove(q.id, q);
    }
  }

  /** Writes (null: flushes) to the export's client; a failure there is not the query's. */
  private static void written(OutputStream out, byte[] bytes) {
    try {
      if (bytes == null) {
        out.flush();
      } else {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cancels one of the user's own running queries: its process is ended at once. False when the
   * user has no running query with this id (finished, unknown, or another user's: nobody learns
   * of another's queries).
   */
  public boolean cancel(User user, String queryId) {
    Running q = queryId == null ? null : running.get(queryId);
    if (q == null || !q.user.name().equals(user.name())) {
      return false;
    }
    q.stop(Outcome.CANCELLED);
    return true;
  }

  // ---------------------------------------------------------------------------------------------

  /** Registers a query (its audit entry is written however it ends). */
  private Running start(User user, Action action, String sql, String queryId) {
    if (queryId != null && !QUERY_ID.matcher(queryId).matches()) {
      throw new BilingualError(new Message("queryId must be 8 to 64 letters, digits or '-'", "queryId 须为 8 到 64 个字母、数字或“-”"));
    }
    Running q = new Running(queryId == null ? UUID.randomUUID().toString() : queryId, user, action, sql);
    if (running.putIfAbsent(q.id, q) != null) {
      throw new BilingualError(new Message("a query with id %s is already running", "编号为 %s 的查询正在运行").formatted(q.id));
    }
    return q;
  }

  /**
   * Checks the query, takes a query process for it (waiting for a free one until the deadline),
   * sets its deadline and sends it the query.
   */
  private ConsoleProcess begin(Running q, boolean export, int maxRows) throws IOException {
    try {
      requireText(q.sql);
      requireSingleQuery(q.sql);
    } catch (UserError e) {
      q.refused = true;
      throw e;
    }
    long deadline = q.startedNanos + limits.timeout().toNanos();
    q.deadline = DEADLINES.schedule(() -> q.stop(Outcome.TIMEOUT), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    ConsoleProcess p;
    try {
      p = processes.acquire(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      q.stop(Outcome.CANCELLED);
      throw new InterruptedIOException("interrupted while waiting for a console query process");
    }
    if (p == null) {
      q.stop(Outcome.TIMEOUT);
      throw new EOFException("no console query process was free before the deadline");
    }
    try {
      q.attach(p);
      p.awaitReady();
    } catch (IOException | RuntimeException e) {
      q.end(p);
      throw e;
    }
    // The wrapped form needs no second check: the query as written is one complete statement
    // (strings, comments and parentheses closed), so between "FROM (" and ")" it is either that
    // statement as a subquery or, when a ';' and a comment follow its end, a syntax error that
    // DuckDB reports before running anything.
    try {
      p.send(new ConsoleFrames.Request(export, stripTrailingSemicolons(q.sql), maxRows, limits.maxValueBytes(), limits.maxResultBytes()));
    } catch (IOException e) {
      q.end(p);
      throw e;
    }
    return p;
  }

  /**
   * {@link SnapshotDatabase#requireSingleQuery} once per text: the verdict depends on the text alone
   * (DuckDB's parser), and analysts run the same text again and again (again after reading the
   * answer, then as an export). The last {@value #CHECKED_KEPT} accepted texts are remembered; a
   * refused text is checked every time.
   */
  private void requireSingleQuery(String sql) {
    if (!accepted.containsKey(sql)) {
      live.get().requireSingleQuery(sql);
      accepted.put(sql, Boolean.TRUE);
    }
  }

  /** A query text is given and not too long (the console's and the saved queries' first check). */
  static void requireText(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new BilingualError(SnapshotDatabase.EMPTY_QUERY);
    }
    if (sql.length() > MAX_SQL_CHARS) {
      throw new BilingualError(new Message("the query is longer than %d characters", "查询超过 %d 个字符").formatted(MAX_SQL_CHARS));
    }
  }

  static String stripTrailingSemicolons(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  static final Message TIMED_OUT = new Message("the query ran longer than %d s and was cancelled; narrow it down (WHERE, LIMIT) and try again",
      "查询运行超过 %d 秒，已被取消：请缩小范围（WHERE、LIMIT）后再试");
  static final Message CANCELLED = new Message("the query was cancelled", "查询已取消");

  /** A query from its check to its audit entry. */
  private final class Running {
    final String id;
    final User user;
    final Action action;
    final String sql;
    final long startedNanos = System.nanoTime();
    final String at = ConsoleStore.now();
    final AtomicReference<Outcome> stopped = new AtomicReference<>();
    volatile java.util.concurrent.ScheduledFuture<?> deadline;
    private ConsoleProcess process;
    volatile boolean refused;

    Running(String id, User user, Action action, String sql) {
      this.id = id;
      this.user = user;
      this.action = action;
      this.sql = sql;
    }

    long millis() {
      return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The query runs in {@code p} from now on (a stop that came first ends it at once). */
    synchronized void attach(ConsoleProcess p) {
      process = p;
      if (stopped.get() != null) {
        p.kill();
      }
    }

    /** The answer's header, or why there is none. */
    ConsoleFrames.Header header(ConsoleProcess p) throws IOException, SQLException {
      ConsoleFrames.Frame f = p.next();
      if (f.type() != ConsoleFrames.Type.HEADER) {
        throw answerFailed(p, f);
      }
      return f.as(ConsoleFrames.Header.class);
    }

    /**
     * What to throw for a frame that ends an answer early: the query's error. A process whose
     * DuckDB ran out of memory is ended (and replaced): what it holds after a failed allocation
     * near its limit can make the next query's smallest allocation fail.
     */
    SQLException answerFailed(ConsoleProcess p, ConsoleFrames.Frame f) {
      if (f.type() != ConsoleFrames.Type.ERROR) {
        p.kill();
        throw new IllegalStateException("a console query process answered " + f.type() + " out of turn");
      }
      ConsoleFrames.Failure failure = f.as(ConsoleFrames.Failure.class);
      if (failure.message().startsWith("Out of Memory Error")) {
        p.kill();
      }
      if (!failure.sql()) {
        BilingualError known = ConsoleWorker.said(failure.message());
        throw known != null ? known : new UserError(failure.message());
      }
      return new SQLException(failure.message());
    }

    /** Marks the query stopped (cancelled or timed out) and ends its process, whatever DuckDB is doing. */
    synchronized void stop(Outcome why) {
      stopped.compareAndSet(null, why);
      if (process != null) {
        process.kill();
      }
    }

    /** The query is over: no deadline, and its process goes back (or, if it was ended, is replaced). */
    void end(ConsoleProcess p) {
      java.util.concurrent.ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
      synchronized (this) {
        process = null;
      }
      processes.release(p);
    }

    void finish(Outcome status, long rows, boolean truncated, String error) {
      store.record(new ConsoleStore.AuditEntry(at, user.name(), action, id, sql, status, rows, truncated, millis(), error));
    }

    /** "needed more than the N MiB …": the end of the messages of a query that ran out of memory. */
    private Message needsTooMuchMemory() {
      return new Message("needed more than the %d MiB of memory a console query may use; narrow it down (WHERE, fewer or shorter columns) and try again",
          "所需内存超过控制台查询可用的 %d MiB：请缩小范围（WHERE、更少或更短的列）后再试").formatted(processes.budget().bytesPerProcess() >> 20);
    }

    /** Writes the audit entry of a query that did not succeed; returns what to throw. */
    RuntimeException failed(Exception e) {
      java.util.concurrent.ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
      Outcome why = stopped.get();
      RuntimeException out;
      BilingualError guard = e instanceof SQLException ? ConsoleWorker.said(e.getMessage()) : null;
      if (why == Outcome.TIMEOUT) {
        out = new BilingualError(TIMED_OUT.formatted(limits.timeout().toSeconds()));
      } else if (why == Outcome.CANCELLED) {
        out = new BilingualError(CANCELLED);
      } else if (e instanceof RuntimeException r) {
        out = r;
      } else if (e instanceof IOException) {
        Message m = needsTooMuchMemory();
        out = new BilingualError(new Message("the query's process ended while it ran: most likely the query " + m.en(),
            "查询进程在运行中结束了，很可能是查询" + m.zh()));
      } else if (String.valueOf(e.getMessage()).startsWith("Out of Memory Error")) {
        Message m = needsTooMuchMemory();
        out = new BilingualError(new Message("the query " + m.en() + " (DuckDB: " + e.getMessage() + ")",
            "查询" + m.zh() + "（DuckDB 的说明：" + e.getMessage() + "）"));
      } else if (String.valueOf(e.getMessage()).contains("Parser Error: syntax error") && sql.contains(";")) {
        // the query as written parsed (see begin): its wrapped form did not
        out = new BilingualError(new Message("write the query without anything after its end (a trailing ';' followed by a comment?)",
            "查询结束之后不能再有内容（是否在末尾的“;”之后写了注释？）"));
      } else if (guard != null) {
        out = guard;
      } else {
        out = new BilingualError(SnapshotDatabase.QUERY_FAILED.formatted(SnapshotDatabase.firstLine(e.getMessage())));
      }
      String said = out instanceof BilingualError b ? b.text().en() : out.getMessage(); // the audit log is in English
      finish(why != null ? why : refused ? Outcome.REFUSED : Outcome.ERROR, 0, false, String.valueOf(said));
      return out;
    }
  }
}
