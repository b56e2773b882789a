package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.dashboard.Passwords;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.QueryResult;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import cn.tianjin.makerspace.pipeline.PipelineRunner;
import cn.tianjin.makerspace.pipeline.PipelineSchedule;
import cn.tianjin.makerspace.transforms.AwardRules;
import cn.tianjin.makerspace.transforms.CheckReport;
import cn.tianjin.makerspace.transforms.CheckResult;
import cn.tianjin.makerspace.transforms.CheckRunner;
import cn.tianjin.makerspace.transforms.DataChecksFailed;
import cn.tianjin.makerspace.transforms.TransformJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code ./warehouse} command: parses the subcommand, runs it, exits 0, 1 (failure), 2 (user
 * error) or 3 (data checks failed).
 */
public final class Warehouse {
  static final String USAGE =
      """
      usage: ./warehouse <command> [options]

        up        [--warehouse DIR] [--as-of YYYY-MM-DD] [--port 8080] [--host 127.0.0.1] [--schedule CRON]
                  [--console-memory 6g]
                                               ingest sample-data/ into DIR (default ./warehouse-data), transform,
                                               serve the dashboard, and run the pipeline on sample-data/ on the schedule
        serve     --warehouse DIR [--port 8080] [--host 127.0.0.1] [--console-memory 6g]
                  [--landing DIR [--schedule "0 2 * * *"] [--master SPARK_URL] [--award-rules FILE]]
                                               serve the dashboard on a warehouse (it follows new snapshots); with
                                               --landing, also run the pipeline (ingest, transform as of today) on the
                                               schedule (cron in Asia/Shanghai, default daily 02:00) and from the
                                               admin page; --console-memory: what the SQL console's queries
                                               may use together (4 at once, each in a process held to a quarter)
        users     add NAME --role leader|analyst|district|admin [--district CODE] --warehouse DIR
                                               add or reset a dashboard user; the password is read from stdin
        users     list --warehouse DIR
        ingest    --landing DIR --warehouse DIR [--master SPARK_URL]
                                               ingest a landing zone (Spark; local[*] by default)
        transform --warehouse DIR [--as-of YYYY-MM-DD] [--master SPARK_URL] [--full]
                                               recompute the marts (as-of date: today in Asia/Shanghai); the
                                               requests mart is refreshed where it can be, --full recomputes it
        run       --landing DIR --warehouse DIR [--as-of YYYY-MM-DD] [--master SPARK_URL] [--full]
                                               ingest, then transform
                                               (transform and run publish nothing and exit 3 when a data check fails)
        check     --warehouse DIR
                                               run every data check on the live snapshot: one line per failure,
                                               then "N checks passed, M failed"; exit 0 when all pass, else 3
        explain-award --warehouse DIR --year YYYY [--commissioner ID]
                                               the year's shortlist, or why one commissioner is (not) on it
        sql       --warehouse DIR [--format table|csv|json] [--max-rows N] "SELECT ..."
                                               one read-only query with DuckDB over the live snapshot
        generate  --out DIR [--scale N] [--seed S]
                                               write a realistic landing zone (scale 1 = the sample)
        baseline  ingest --landing DIR --out DIR | duckdb --landing DIR --out FILE | aggregate --warehouse DIR --out DIR
                                               the benchmarks' yardsticks: bare Spark JSON -> Parquet, bare
                                               DuckDB COPY JSON -> Parquet, bare Spark events by district and quarter
        loadtest  --url URL --user NAME [--password-file F] [--clients 16] [--seconds 30] [--warmup 5] [--paths FILE]
                                               load the dashboard's APIs, one session per client (password from F
                                               or stdin); prints p50/p95/p99 and errors per path (bench/dashboard.sh)
        console-compare --url URL --user NAME [--password-file F] --warehouse DIR [--repeat 10] [--queries FILE]
                                               the same queries through the SQL console API and directly in DuckDB
        help                                   this text
      """;

  private Warehouse() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Exit status when data checks failed (the transform published nothing, or {@code check} found a failure). */
  public static final int CHECKS_FAILED = 3;

  /** Runs one command; returns the exit status (0 ok, 1 failure, 2 user error, 3 data checks failed). */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      out.print(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    try {
      switch (argv[0]) {
        case "up" -> up(Args.parse("up", argv, 1, Set.of("warehouse", "master", "as-of", "award-rules", "port", "host", "schedule", "console-memory")), out);
        case "serve" -> serve(Args.parse("serve", argv, 1, Set.of("warehouse", "port", "host", "landing", "schedule", "master", "award-rules", "console-memory")), out);
        case "users" -> Users.run(Args.parse("users", argv, 1, Set.of("warehouse", "role", "district")), System.in, out);
        case "ingest" -> pipeline(Args.parse("ingest", argv, 1, Set.of("landing", "warehouse", "master")), true, false, out);
        case "transform" -> pipeline(Args.parse("transform", argv, 1, Set.of("warehouse", "master", "as-of", "award-rules"), Set.of("full")), false, true, out);
        case "run" -> pipeline(Args.parse("run", argv, 1, Set.of("landing", "warehouse", "master", "as-of", "award-rules"), Set.of("full")), true, true, out);
        case "check" -> {
          return check(Args.parse("check", argv, 1, Set.of("warehouse")), out);
        }
        case "explain-award" -> explainAward(Args.parse("explain-award", argv, 1, Set.of("warehouse", "year", "commissioner")), out);
        case "sql" -> sql(Args.parse("sql", argv, 1, Set.of("warehouse", "format", "max-rows")), out);
        case "generate" -> generate(Args.parse("generate", argv, 1, Set.of("out", "scale", "seed")), out);
        case "loadtest" -> LoadTest.loadtest(Args.parse("loadtest", argv, 1, Set.of("url", "user", "password-file", "clients", "seconds", "warmup", "paths")), System.in, out);
        case "console-compare" -> LoadTest.consoleCompare(Args.parse("console-compare", argv, 1, Set.of("url", "user", "password-file", "warehouse", "repeat", "queries")), System.in, out);
        case "baseline" -> Baselines.run(Args.parse("baseline", argv, 1, Set.of("landing", "warehouse", "out", "master")), out);
        default -> throw new UserError("unknown command '" + argv[0] + "'\n" + USAGE);
      }
      return 0;
    } catch (DataChecksFailed e) {
      err.println("error: " + e.getMessage());
      return CHECKS_FAILED;
    } catch (UserError e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      err.println("error: " + describe(e));
      if (System.getenv("WAREHOUSE_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set WAREHOUSE_DEBUG=1 for the stack trace)");
      }
      return 1;
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UserError) {
        break;
      }
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  static void up(Args a, PrintStream out) {
    Path home = Path.of(System.getProperty("warehouse.home", "."));
    Path warehouse = Path.of(a.get("warehouse", home.resolve("warehouse-data").toString()));
    PipelineSchedule.parse(a.get("schedule", PipelineSchedule.DEFAULT)); // a bad one fails now, not after the first run
    runPipeline(home.resolve("sample-data"), warehouse, a.get("master", null), asOf(a), rules(a), false, out);
    out.println();
    out.println("Warehouse: " + warehouse.toAbsolutePath().normalize());
    out.println("Query it:  ./warehouse sql --warehouse " + warehouse + " \"SELECT sla_status, count(*) FROM requests GROUP BY 1\"");
    // The sample is a demonstration: with the first admin, a leader to see the dashboards with.
    UserStore users = new UserStore(warehouse);
    if (users.list().isEmpty()) {
      users.createFirstAdmin().ifPresent(p -> out.println("Created the first user: admin, password " + p + " (users and data quality)"));
      String leader = Passwords.random();
      users.add("leader", Role.LEADER, null, leader.toCharArray(), Set.of());
      out.println("Created a demonstration user: leader, password " + leader + " (every dashboard)");
      out.println("(passwords are shown only this once)");
    }
    serve(a, warehouse, home.resolve("sample-data"), out);
  }

  static void serve(Args a, PrintStream out) {
    Path warehouse = Path.of(a.required("warehouse"));
    String landing = a.get("landing", null);
    if (landing == null && a.get("schedule", null) != null) {
      throw new UserError("--schedule needs --landing DIR (the landing zone the scheduled runs ingest)");
    }
    if (landing == null && !Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    serve(a, warehouse, landing == null ? null : Path.of(landing), out);
  }

  /** Serves the dashboard; with a landing zone, runs the pipeline on the schedule as well. */
  private static void serve(Args a, Path warehouse, Path landing, PrintStream out) {
    int port;
    try {
      port = Integer.parseInt(a.get("port", "8080"));
    } catch (NumberFormatException e) {
      throw new UserError("--port takes a number");
    }
    PipelineRunner pipeline = null;
    if (landing != null) {
      PipelineSchedule schedule = PipelineSchedule.parse(a.get("schedule", PipelineSchedule.DEFAULT));
      new LandingZone(landing).scan(); // refuse a bad landing zone now, not at 02:00
      pipeline = new PipelineRunner(landing, warehouse, a.get("master", null), rules(a), schedule, out);
      if (new SnapshotStore(warehouse).current().isEmpty()) {
        out.println("The warehouse has no snapshot yet: running the pipeline once before serving");
        PipelineRun first;
        try {
          first = pipeline.runAndWait(PipelineRun.Trigger.STARTUP, null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (first.status() != PipelineRun.Status.OK) {
          throw new UserError("the first pipeline run failed: " + first.error());
        }
      }
    }
    ConsoleProcesses.Budget console = a.get("console-memory", null) == null ? ConsoleProcesses.Budget.DEFAULT
        : ConsoleProcesses.Budget.withMemory(a.get("console-memory", null));
    DashboardServer.start(warehouse, a.get("host", "127.0.0.1"), port, pipeline, console, out);
    if (pipeline != null) {
      pipeline.startSchedule();
      out.println("Pipeline:  " + landing.toAbsolutePath().normalize() + " -> " + warehouse.toAbsolutePath().normalize()
          + " on the schedule '" + pipeline.schedule().orElseThrow() + "' (" + ProgrammeClock.ZONE.getId() + "); next run "
          + pipeline.nextScheduled().map(t -> t.toLocalDateTime().toString().replace('T', ' ')).orElse("never")
          + "; history in the admin page");
      out.flush();
    }
    try {
      Thread.currentThread().join(); // serve until the process is stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** ingest, transform or run (both), with one SparkSession. */
  static void pipeline(Args a, boolean ingest, boolean transform, PrintStream out) {
    Path landing = ingest ? Path.of(a.required("landing")) : null;
    Path warehouse = Path.of(a.required("warehouse"));
    if (!ingest && !Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    LocalDate asOf = transform ? asOf(a) : null;
    runPipeline(landing, warehouse, a.get("master", null), asOf, transform ? rules(a) : null, a.flag("full"), out);
  }

  /** Runs every data check on the live snapshot; returns 0 when all pass, else 3. */
  static int check(Args a, PrintStream out) {
    Path warehouse = Path.of(a.required("warehouse"));
    if (!Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    SnapshotStore store = new SnapshotStore(warehouse);
    Snapshot snapshot = store.requireCurrent();
    CheckReport report = CheckRunner.checkSnapshot(store, snapshot);
    for (CheckResult r : report.failures()) {
      out.println("FAIL " + r.check().name() + ": " + r.failingRows() + (r.failingRows() == 1 ? " offending row" : " offending rows")
          + "; first: " + r.samples().get(0));
    }
    out.printf(Locale.ROOT, "snapshot %s: checked in %.1f s%n", snapshot.id(), report.millis() / 1000.0);
    out.println(report.passedCount() + " checks passed, " + report.failures().size() + " failed");
    return report.allPassed() ? 0 : CHECKS_FAILED;
  }

  private static AwardRules rules(Args a) {
    String file = a.get("award-rules", null);
    return file == null ? AwardRules.defaults() : AwardRules.load(Path.of(file));
  }

  static void explainAward(Args a, PrintStream out) {
    Path warehouse = Path.of(a.required("warehouse"));
    int year;
    try {
      year = Integer.parseInt(a.required("year"));
    } catch (NumberFormatException e) {
      throw new UserError("--year must be a year like 2025");
    }
    if (!Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
      ExplainAward explain = new ExplainAward(db, out);
      String commissioner = a.get("commissioner", null);
      if (commissioner == null) {
        explain.shortlist(year);
      } else {
        explain.commissioner(year, commissioner);
      }
    }
  }

  private static LocalDate asOf(Args a) {
    String v = a.get("as-of", null);
    if (v == null) {
      return ProgrammeClock.today();
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new UserError("--as-of must be a date like 2025-12-31, not '" + v + "'");
    }
  }

  /** Ingests {@code landing} (when given), then transforms as of {@code asOf} (when given). */
  private static void runPipeline(Path landing, Path warehouse, String master, LocalDate asOf, AwardRules rules, boolean full,
      PrintStream out) {
    LandingZone zone = landing == null ? null : new LandingZone(landing);
    SnapshotStore store = new SnapshotStore(warehouse);
    if (zone != null) {
      zone.scan(); // refuse a bad landing zone before paying for a SparkSession
    } else {
      store.requireCurrent();
    }
    SparkSession spark = SparkSessions.create("warehouse", master);
    try {
      if (zone != null) {
        new IngestJob(spark, zone, store, out).run();
      }
      if (asOf != null) {
        TransformJob job = new TransformJob(spark, store, asOf, rules, out);
        (full ? job.inFull() : job).run();
      }
    } finally {
      spark.stop();
    }
  }

  static void sql(Args a, PrintStream out) {
    if (a.positional.size() != 1) {
      throw new UserError("give exactly one query, in quotes");
    }
    String format = a.get("format", "table");
    if (!Set.of("table", "csv", "json").contains(format)) {
      throw new UserError("--format must be table, csv or json");
    }
    int maxRows = Integer.parseInt(a.get("max-rows", "1000000"));
    Path warehouse = Path.of(a.required("warehouse"));
    if (!Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
      QueryResult r = db.query(a.positional.get(0), maxRows);
      switch (format) {
        case "csv" -> r.printCsv(out);
        case "json" -> r.printJson(out);
        default -> r.printTable(out);
      }
    }
  }

  static void generate(Args a, PrintStream out) {
    Path dir = Path.of(a.required("out"));
    double scale;
    long seed;
    try {
      scale = Double.parseDouble(a.get("scale", "1"));
      seed = Long.parseLong(a.get("seed", "20150528"));
    } catch (NumberFormatException e) {
      throw new UserError("--scale and --seed take numbers");
    }
    if (Files.exists(dir.resolve("reference"))) {
      throw new UserError("refusing to overwrite an existing landing zone: " + dir.toAbsolutePath());
    }
    long events = new LandingGenerator(scale, seed).generate(dir);
    out.printf("wrote a landing zone with %,d request-log lines to %s%n", events, dir.toAbsolutePath());
  }
}
