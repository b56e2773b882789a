package cn.tianjin.makerspace.bench;

import cn.tianjin.makerspace.cli.Options;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The dashboard benchmark's load client ({@code ./warehouse loadtest}) and the console overhead
 * measurement ({@code ./warehouse console-compare}). Each client is its own session (its own
 * log-in, cookie and connection), like a user's browser.
 */
final class LoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The API paths loaded when no {@code --paths} file is given; placeholders as in {@link #expand}. */
  static final List<String> DEFAULT_PATHS = List.of("/api/meta", "/api/overview?quarter={quarter}");

  /** The console comparison's analyst queries (over the 2-million-event warehouse). */
  static final List<String> DEFAULT_QUERIES = List.of(
      "SELECT district_code, sla_status, count(*) AS requests FROM requests GROUP BY ALL ORDER BY ALL",
      "SELECT d.name_zh, date_trunc('month', r.received_date) AS month, count(*) AS requests, avg(r.feedback_working_days) AS avg_working_days"
          + " FROM requests r JOIN districts d USING (district_code) GROUP BY ALL ORDER BY ALL",
      "SELECT category, count(*) AS requests, count(*) FILTER (WHERE sla_status IN ('LATE', 'OPEN_OVERDUE')) AS late_or_overdue,"
          + " avg(satisfaction) AS satisfaction FROM requests GROUP BY category ORDER BY requests DESC",
      "SELECT space_id, count(*) AS events, count(DISTINCT request_id) AS requests FROM request_events GROUP BY space_id ORDER BY events DESC, space_id LIMIT 200",
      "SELECT * FROM requests WHERE sla_status = 'OPEN_OVERDUE' ORDER BY received_at, request_id LIMIT 5000");

  static final int CONSOLE_MAX_ROWS = 10_000;

  private LoadTest() {}

  // ---------------------------------------------------------------- the commands

  /** The server and the user both commands log in to. */
  static final class Login {
    @Option(names = "--url", paramLabel = "URL", required = true, description = "the dashboard, like http://127.0.0.1:8080") String url;
    @Option(names = "--user", paramLabel = "NAME", required = true, description = "the user to log in as") String user;
    @Option(names = "--password-file", paramLabel = "FILE", description = "the password's file (default: standard input; never on the command line)")
    Path passwordFile;

    String url() {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new UserError("--url is like http://127.0.0.1:8080");
      }
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  @Command(name = "loadtest", mixinStandardHelpOptions = true,
      description = "Load the dashboard's APIs, one session per client; prints p50/p95/p99 and errors per path (bench/dashboard.sh).")
  static final class Load implements Callable<Integer> {
    @ParentCommand Bench root;
    @Mixin Login login;
    @Option(names = "--clients", paramLabel = "N", defaultValue = "16", description = "concurrent clients (default ${DEFAULT-VALUE})") int clients;
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30", description = "measured seconds (default ${DEFAULT-VALUE})") int seconds;
    @Option(names = "--warmup", paramLabel = "S", defaultValue = "5", description = "seconds before measuring (default ${DEFAULT-VALUE})") int warmup;
    @Option(names = "--paths", paramLabel = "FILE", description = "the API paths, one a line (default: /api/meta and the overview)") Path paths;

    @Override
    public Integer call() {
      loadtest(this, root.in, root.out);
      return 0;
    }
  }

  @Command(name = "console-compare", mixinStandardHelpOptions = true,
      description = "The same queries through the SQL console API and directly in DuckDB: medians and their ratio.")
  static final class ConsoleCompare implements Callable<Integer> {
    @ParentCommand Bench root;
    @Mixin Login login;
    @Mixin Options.Warehouse warehouse;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10", description = "timed runs of each query on each side (default ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--queries", paramLabel = "FILE", description = "the queries, one a line (default: five analyst queries)") Path queries;

    @Override
    public Integer call() {
      consoleCompare(this, root.in, root.out);
      return 0;
    }
  }

  // ---------------------------------------------------------------- ./warehouse loadtest

  /** {@code ./warehouse loadtest}: N clients for S seconds over the paths; prints a Markdown table. */
  static void loadtest(Load a, InputStream in, PrintStream out) {
    String url = a.login.url();
    String user = a.login.user;
    String password = password(a.login.passwordFile, in);
    int clients = positive("clients", a.clients);
    int seconds = positive("seconds", a.seconds);
    int warmup = nonNegative("warmup", a.warmup);
    List<String> templates = a.paths == null ? DEFAULT_PATHS : readLines(a.paths);
    if (templates.isEmpty()) {
      throw new UserError("no API paths in " + a.paths);
    }

    Session first = Session.login(url, user, password);
    Map<String, String> values = placeholders(first.getJson("/api/meta"));
    List<String> paths = templates.stream().map(t -> expand(t, values)).toList();

    Map<String, Recorder> recorders = new LinkedHashMap<>();
    paths.forEach(p -> recorders.put(p, new Recorder()));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long until = measureFrom + seconds * 1_000_000_000L;
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread t = new Thread(() -> {
        try {
          Session s = client == 0 ? first : Session.login(url, user, password);
          for (int k = client; System.nanoTime() < until; k++) {
            String path = paths.get(k % paths.size());
            long t0 = System.nanoTime();
            String error = s.tryGet(path);
            long t1 = System.nanoTime();
            if (t0 >= measureFrom) {
              recorders.get(path).add(t1 - t0, error);
            }
          }
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, "load-client-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (!failures.isEmpty()) {
      throw new UserError("a client failed: " + failures.get(0).getMessage());
    }

    out.printf(Locale.ROOT, "%d clients (one session each) for %d s after %d s of warm-up, against %s as %s; {quarter} = %s%n%n",
        clients, seconds, warmup, url, user, values.get("quarter"));
    out.println("| API path | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) |");
    out.println("|---|---:|---:|---:|---:|---:|");
    Recorder all = new Recorder();
    List<String> slow = new ArrayList<>();
    for (Map.Entry<String, Recorder> e : recorders.entrySet()) {
      Stats s = e.getValue().stats();
      out.println(row("`" + e.getKey() + "`", s));
      all.addAll(e.getValue());
      if (s.count() == 0 || s.p95Ms() > 100) {
        slow.add(e.getKey());
      }
    }
    Stats total = all.stats();
    out.println(row("**all**", total));
    out.println();
    out.printf(Locale.ROOT, "Throughput: %,.0f requests/s. p95 ≤ 100 ms for every API: %s. Errors: %d.%n",
        total.count() / (double) seconds, slow.isEmpty() ? "**met**" : "**not met** (" + String.join(", ", slow) + ")", total.errors());
    recorders.forEach((path, r) -> {
      if (r.firstError != null) {
        out.println("First error on " + path + ": " + r.firstError);
      }
    });
  }

  private static String row(String label, Stats s) {
    return String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.1f |", label, s.count(), s.errors(), s.p50Ms(), s.p95Ms(), s.p99Ms());
  }

  /** {quarter}, {year}, {district}: the newest quarter and year and the first district of /api/meta. */
  static Map<String, String> placeholders(JsonNode meta) {
    Map<String, String> v = new LinkedHashMap<>();
    if (meta.path("quarters").size() > 0) {
      v.put("quarter", meta.get("quarters").get(0).asText());
    }
    if (meta.path("years").size() > 0) {
      v.put("year", meta.get("years").get(0).asText());
    }
    if (meta.path("districts").size() > 0) {
      v.put("district", meta.get("districts").get(0).path("district_code").asText());
    }
    return v;
  }

  /** A path template with its {name} placeholders filled; an unknown placeholder is an error. */
  static String expand(String template, Map<String, String> values) {
    String s = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      s = s.replace("{" + e.getKey() + "}", e.getValue());
    }
    if (s.contains("{")) {
      throw new UserError("unknown placeholder in '" + template + "' (known: {quarter}, {year}, {district})");
    }
    if (!s.startsWith("/")) {
      throw new UserError("an API path starts with /: '" + template + "'");
    }
    return s;
  }

  // ---------------------------------------------------------------- ./warehouse console-compare

  /**
   * {@code ./warehouse console-compare}: each query N times through {@code POST /api/console/query}
   * and directly with DuckDB JDBC over the same warehouse's current snapshot (same limits as the
   * console), alternating; prints the medians and their ratio.
   */
  /** Runs of each query on each side before the timed ones. */
  static final int WARM_UP = 5;

  static void consoleCompare(ConsoleCompare a, InputStream in, PrintStream out) {
    String url = a.login.url();
    String user = a.login.user;
    String password = password(a.login.passwordFile, in);
    SnapshotStore store = a.warehouse.store();
    int repeat = positive("repeat", a.repeat);
    List<String> queries = a.queries == null ? DEFAULT_QUERIES : readLines(a.queries);

    Session s = Session.login(url, user, password);
    List<String> lines = new ArrayList<>(); // printed once every query ran: a failure prints no half table
    double sumDirect = 0;
    double sumConsole = 0;
    try (SnapshotDatabase db = SnapshotDatabase.open(store, store.requireCurrent(), ConsoleProcesses.Budget.DEFAULT.duckDb())) {
      int n = 0;
      for (String sql : queries) {
        n++;
        int rows = direct(db, sql); // the row counts must agree
        int consoleRows = Session.rowCount(s.console(sql));
        if (rows != consoleRows) {
          throw new UserError("query " + n + ": the console returned " + consoleRows + " rows, DuckDB " + rows);
        }
        for (int i = 1; i < WARM_UP; i++) { // both sides warm: this JVM's HTTP client and JSON code too
          direct(db, sql);
          s.console(sql);
        }
        long[] d = new long[repeat];
        long[] c = new long[repeat];
        for (int i = 0; i < repeat; i++) {
          boolean directFirst = i % 2 == 0; // alternate the order: neither side always runs on a warm cache
          if (directFirst) {
            d[i] = timed(() -> direct(db, sql));
          }
          // the API's time: until its whole answer has arrived (as for the load test's paths);
          // the client's decoding of the JSON is checked after the clock stopped
          String[] answer = new String[1];
          c[i] = timed(() -> answer[0] = s.console(sql));
          if (Session.rowCount(answer[0]) != rows) {
            throw new UserError("query " + n + ": the console returned " + Session.rowCount(answer[0]) + " rows, DuckDB " + rows);
          }
          if (!directFirst) {
            d[i] = timed(() -> direct(db, sql));
          }
        }
        double dm = median(d) / 1e6;
        double cm = median(c) / 1e6;
        sumDirect += dm;
        sumConsole += cm;
        lines.add(String.format(Locale.ROOT, "| %d. `%s` | %,d | %.1f | %.1f | %.2f× |", n, abbreviate(sql, 90), rows, dm, cm, cm / dm));
      }
    }
    out.println("| query | rows | direct DuckDB JDBC, median (ms) | console API, median (ms) | console / direct |");
    out.println("|---|---:|---:|---:|---:|");
    lines.forEach(out::println);
    out.printf(Locale.ROOT, "| **sum of the medians** | | %.1f | %.1f | **%.2f×** |%n", sumDirect, sumConsole, sumConsole / sumDirect);
    out.println();
    out.printf(Locale.ROOT, "%d runs of each query on each side (after %d warm-up runs), alternating; maxRows %d. Console overhead ≤ 1.2× direct DuckDB: %s.%n",
        repeat, WARM_UP, CONSOLE_MAX_ROWS, sumConsole / sumDirect <= 1.2 ? "**met**" : "**not met**");
  }

  /** Runs a query with plain JDBC on the snapshot, reading every row; returns the row count. */
  static int direct(SnapshotDatabase db, String sql) {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.setMaxRows(CONSOLE_MAX_ROWS + 1);
      try (ResultSet rs = st.executeQuery(sql)) {
        return SnapshotDatabase.read(rs, CONSOLE_MAX_ROWS).rows().size();
      }
    } catch (SQLException e) {
      throw new UserError("DuckDB: " + SnapshotDatabase.firstLine(e.getMessage()) + "\n" + sql);
    }
  }

  private static long timed(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return System.nanoTime() - t0;
  }

  /** The text on one line, at most {@code max} characters. */
  private static String abbreviate(String s, int max) {
    s = s.replaceAll("\\s+", " ").strip();
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  // ---------------------------------------------------------------- statistics

  /** Count, errors and latency percentiles (milliseconds) of one path. */
  record Stats(long count, long errors, double p50Ms, double p95Ms, double p99Ms) {}

  /** Latencies of one path from many client threads. */
  static final class Recorder {
    private long[] nanos = new long[1024];
    private int size;
    private long errors;
    private volatile String firstError;

    synchronized void add(long latencyNanos, String error) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = latencyNanos;
      if (error != null) {
        errors++;
        if (firstError == null) {
          firstError = error;
        }
      }
    }

    synchronized void addAll(Recorder other) {
      synchronized (other) {
        for (int i = 0; i < other.size; i++) {
          add(other.nanos[i], null);
        }
        errors += other.errors;
      }
    }

    synchronized Stats stats() {
      long[] sorted = Arrays.copyOf(nanos, size);
      Arrays.sort(sorted);
      return new Stats(size, errors, percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6, percentile(sorted, 99) / 1e6);
    }
  }

  /**
   * The p-th percentile of sorted values by the nearest-rank method: the smallest value such that
   * at least p % of the values are less than or equal to it (0 for no values).
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The median of values (the mean of the middle two for an even count). */
  static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  // ---------------------------------------------------------------- HTTP

  /** One logged-in user: its own HTTP client, cookie jar and CSRF token. */
  static final class Session {
    private final String origin;
    private final HttpClient http;
    private String csrf;

    private Session(String origin) {
      this.origin = origin;
      this.http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    }

    static Session login(String origin, String user, String password) {
      Session s = new Session(origin);
      String body = json(Map.of("name", user, "password", password));
      HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(origin + "/api/login"))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
      if (r.statusCode() != 200) {
        throw new UserError("log-in as " + user + " at " + origin + " failed: " + r.statusCode() + " " + abbreviate(r.body(), 200));
      }
      s.csrf = readJson(r.body()).path("csrfToken").asText(null);
      return s;
    }

    JsonNode getJson(String path) {
      HttpResponse<String> r = send(get(path));
      if (r.statusCode() != 200) {
        throw new UserError("GET " + path + ": " + r.statusCode() + " " + abbreviate(r.body(), 200));
      }
      return readJson(r.body());
    }

    /** GETs a path, reading the whole body; returns null, or what went wrong. */
    String tryGet(String path) {
      try {
        HttpResponse<String> r = http.send(get(path).build(), TEXT);
        return r.statusCode() / 100 == 2 ? null : r.statusCode() + " " + abbreviate(r.body(), 200);
      } catch (IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    /** Runs a query through the SQL console API; returns its answer (JSON). */
    String console(String sql) {
      String body = json(Map.of("sql", sql, "maxRows", CONSOLE_MAX_ROWS));
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + "/api/console/query"))
          .timeout(Duration.ofMinutes(5))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      HttpResponse<String> r = send(b);
      if (r.statusCode() != 200) {
        throw new UserError("POST /api/console/query answered " + r.statusCode() + " " + abbreviate(r.body(), 200)
            + (r.statusCode() == 404 ? " (is the console API there?)" : ""));
      }
      return r.body();
    }

    /** The number of rows in a console answer. */
    static int rowCount(String answer) {
      JsonNode rows = readJson(answer).path("rows");
      if (!rows.isArray()) {
        throw new UserError("POST /api/console/query answered without a rows array: " + abbreviate(answer, 200));
      }
      return rows.size();
    }

    private HttpRequest.Builder get(String path) {
      // as a browser asks: compressed where the server compresses
      return HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(60))
          .header("Accept", "application/json").header("Accept-Encoding", "gzip").GET();
    }

    /** The body as text, inflated first when the server sent it gzip-compressed. */
    private static final HttpResponse.BodyHandler<String> TEXT = info -> {
      boolean gzip = info.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
      return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
          b -> new String(gzip ? gunzip(b) : b, StandardCharsets.UTF_8));
    };

    private static byte[] gunzip(byte[] b) {
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("a gzip body that does not inflate", e);
      }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
      try {
        return http.send(b.build(), TEXT);
      } catch (IOException e) {
        throw new UserError("cannot reach " + origin + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  // ---------------------------------------------------------------- options

  /** The password: the first line of --password-file, else of standard input (never on the command line). */
  private static String password(Path file, InputStream in) {
    try {
      BufferedReader r = file == null
          ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          : Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String line = r.readLine();
      if (line == null || line.isEmpty()) {
        throw new UserError("give the password in --password-file FILE or on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new UserError("cannot read the password: " + e.getMessage());
    }
  }

  /** Non-blank lines that are not # comments. */
  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static int positive(String name, int v) {
    if (v < 1) {
      throw new UserError("--" + name + " must be at least 1");
    }
    return v;
  }

  private static int nonNegative(String name, int v) {
    if (v < 0) {
      throw new UserError("--" + name + " must be at least 0");
    }
    return v;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readJson(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UserError("not JSON: " + abbreviate(s, 200));
    }
  }
}
