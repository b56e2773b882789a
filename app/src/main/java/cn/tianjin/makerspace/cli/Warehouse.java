package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
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
import cn.tianjin.makerspace.transforms.AwardRules;
import cn.tianjin.makerspace.transforms.CheckReport;
import cn.tianjin.makerspace.transforms.CheckResult;
import cn.tianjin.makerspace.transforms.CheckRunner;
import cn.tianjin.makerspace.transforms.TransformJob;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code ./warehouse} command (picocli: the usage is generated from the options below, and a
 * bad option is a usage error). Exits 0, 1 (failure), 2 (user error: a bad option, a missing
 * folder, bad SQL…) or 3 (data checks failed).
 */
@Command(name = "./warehouse", mixinStandardHelpOptions = true, version = "warehouse 0.1.0",
    description = "The maker-space programme's warehouse: ingest, transform, serve the dashboard, query.",
    subcommands = {
        Warehouse.Up.class, Warehouse.Serve.class, Users.class, Warehouse.Ingest.class, Warehouse.Transform.class,
        Warehouse.Run.class, Warehouse.Check.class, Warehouse.ExplainAwardCommand.class, Warehouse.Sql.class,
        Warehouse.Generate.class, CommandLine.HelpCommand.class})
public final class Warehouse implements Callable<Integer> {
  @Spec CommandSpec spec;
  /** Where the commands print, and read a password from. */
  final PrintStream out;
  final InputStream in;

  Warehouse(PrintStream out, InputStream in) {
    this.out = out;
    this.in = in;
  }

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs one command; returns the exit status (0 ok, 1 failure, 2 user error, 3 data checks failed). */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    return run(argv, System.in, out, err);
  }

  /** As above, with the standard input a password is read from. */
  public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
    return Commands.execute(new Warehouse(out, in), argv, out, err);
  }

  /** No command: the usage, and a usage error's status. */
  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return Commands.USER_ERROR;
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Ingest sample-data/ into the warehouse, transform, serve the dashboard, and run the pipeline on"
          + " sample-data/ on the schedule.")
  static final class Up implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Option(names = "--warehouse", paramLabel = "DIR", description = "the warehouse folder (default: warehouse-data in the project)") Path warehouse;
    @Mixin Options.Spark spark;
    @Mixin Options.Transform transform;
    @Mixin Options.Serve serve;

    @Override
    public Integer call() {
      up(this, root.out);
      return 0;
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve the dashboard on a warehouse (it follows new snapshots); with --landing, also run the pipeline"
          + " (ingest, transform as of today) on the schedule and from the admin page.")
  static final class Serve implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Server server;
    @Option(names = "--landing", paramLabel = "DIR|URI",
        description = "the landing zone the server's pipeline runs ingest: a folder, or hdfs://NAMENODE:PORT/PATH") String landing;
    @Mixin Options.Spark spark;
    @Option(names = "--award-rules", paramLabel = "FILE", description = "the award rules of the server's transforms") Path awardRules;
    @Mixin Options.Serve serve;

    @Override
    public Integer call() {
      serve(this, root.out);
      return 0;
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest a landing zone (Spark).")
  static final class Ingest implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Landing landing;
    @Mixin Options.Target warehouse;
    @Mixin Options.Spark spark;

    @Override
    public Integer call() {
      runPipeline(landing.zone(), warehouse.store(), spark.master, null, null, false, root.out);
      return 0;
    }
  }

  @Command(name = "transform", mixinStandardHelpOptions = true,
      description = "Recompute the marts; the requests mart is refreshed where it can be. Publishes nothing and exits 3"
          + " when a data check fails.")
  static final class Transform implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Warehouse warehouse;
    @Mixin Options.Spark spark;
    @Mixin Options.Transform transform;
    @Option(names = "--full", description = "recompute the requests mart in full") boolean full;

    @Override
    public Integer call() {
      runPipeline(null, warehouse.store(), spark.master, transform.asOf(), transform.rules(), full, root.out);
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Ingest, then transform. Publishes nothing and exits 3 when a data check fails.")
  static final class Run implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Landing landing;
    @Mixin Options.Target warehouse;
    @Mixin Options.Spark spark;
    @Mixin Options.Transform transform;
    @Option(names = "--full", description = "recompute the requests mart in full") boolean full;

    @Override
    public Integer call() {
      runPipeline(landing.zone(), warehouse.store(), spark.master, transform.asOf(), transform.rules(), full, root.out);
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Run every data check on the live snapshot: one line per failure, then \"N checks passed, M failed\";"
          + " exit 0 when all pass, else 3.")
  static final class Check implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Warehouse warehouse;

    @Override
    public Integer call() {
      return check(warehouse.store(), root.out);
    }
  }

  @Command(name = "explain-award", mixinStandardHelpOptions = true,
      description = "The year's award shortlist, or why one commissioner is (not) on it.")
  static final class ExplainAwardCommand implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Warehouse warehouse;
    @Option(names = "--year", paramLabel = "YYYY", required = true, description = "the award year") int year;
    @Option(names = "--commissioner", paramLabel = "ID", description = "a commissioner (服务专员) id, like C00012") String commissioner;

    @Override
    public Integer call() {
      try (SnapshotDatabase db = SnapshotDatabase.open(warehouse.store())) {
        ExplainAward explain = new ExplainAward(db, root.out);
        if (commissioner == null) {
          explain.shortlist(year);
        } else {
          explain.commissioner(year, commissioner);
        }
      }
      return 0;
    }
  }

  /** The formats of {@code sql}. */
  enum Format { table, csv, json }

  @Command(name = "sql", mixinStandardHelpOptions = true, description = "One read-only query with DuckDB over the live snapshot.")
  static final class Sql implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Mixin Options.Warehouse warehouse;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE})")
    Format format;
    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000000", description = "rows at most (default ${DEFAULT-VALUE})") int maxRows;
    @Parameters(paramLabel = "QUERY", description = "the query, in quotes") String query;

    @Override
    public Integer call() {
      try (SnapshotDatabase db = SnapshotDatabase.open(warehouse.store())) {
        QueryResult r = db.query(query, maxRows);
        switch (format) {
          case csv -> r.printCsv(root.out);
          case json -> r.printJson(root.out);
          default -> r.printTable(root.out);
        }
      }
      return 0;
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a realistic landing zone (scale 1 = the sample).")
  static final class Generate implements Callable<Integer> {
    @ParentCommand Warehouse root;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the new landing zone's folder") Path dir;
    @Option(names = "--scale", paramLabel = "N", defaultValue = "1", description = "size against the sample (default ${DEFAULT-VALUE})") double scale;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "20150528", description = "the random seed (default ${DEFAULT-VALUE})") long seed;

    @Override
    public Integer call() {
      if (Files.exists(dir.resolve("reference"))) {
        throw new UserError("refusing to overwrite an existing landing zone: " + dir.toAbsolutePath());
      }
      long events = new LandingGenerator(scale, seed).generate(dir);
      root.out.printf("wrote a landing zone with %,d request-log lines to %s%n", events, dir.toAbsolutePath());
      return 0;
    }
  }

  static void up(Up a, PrintStream out) {
    Path home = Path.of(System.getProperty("warehouse.home", "."));
    Path warehouse = a.warehouse != null ? a.warehouse : home.resolve("warehouse-data");
    a.serve.schedule(); // a bad one fails now, not after the first run
    runPipeline(new LandingZone(home.resolve("sample-data")), new SnapshotStore(warehouse), a.spark.master, a.transform.asOf(), a.transform.rules(), false, out);
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
    serve(a.serve, a.spark.master, a.transform.rules(), new SnapshotStore(warehouse), warehouse, home.resolve("sample-data").toString(), out);
  }

  static void serve(Serve a, PrintStream out) {
    if (a.landing == null && a.serve.schedule != null) {
      throw new UserError("--schedule needs --landing DIR (the landing zone the scheduled runs ingest)");
    }
    SnapshotStore store = a.landing == null ? a.server.existing() : a.server.store();
    AwardRules rules = a.awardRules == null ? AwardRules.defaults() : AwardRules.load(a.awardRules);
    serve(a.serve, a.spark.master, rules, store, a.server.home(), a.landing, out);
  }

  /** Serves the dashboard; with a landing zone, runs the pipeline on the schedule as well. */
  private static void serve(Options.Serve a, String master, AwardRules rules, SnapshotStore store, Path home, String landing,
      PrintStream out) {
    PipelineRunner pipeline = null;
    if (landing != null) {
      var schedule = a.schedule();
      LandingZone.at(landing).scan(); // refuse a bad landing zone now, not at 02:00
      pipeline = new PipelineRunner(landing, store, home, master, rules, schedule, out);
      if (store.current().isEmpty()) {
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
    DashboardServer.start(store, home, a.host, a.port, pipeline, a.console(), out);
    if (pipeline != null) {
      pipeline.startSchedule();
      out.println("Pipeline:  " + pipeline.landing().location() + " -> " + store.location()
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

  /** Runs every data check on the live snapshot; returns 0 when all pass, else 3. */
  static int check(SnapshotStore store, PrintStream out) {
    Snapshot snapshot = store.requireCurrent();
    CheckReport report = CheckRunner.checkSnapshot(store, snapshot);
    for (CheckResult r : report.failures()) {
      out.println("FAIL " + r.check().name() + ": " + r.failingRows() + (r.failingRows() == 1 ? " offending row" : " offending rows")
          + "; first: " + r.samples().get(0));
    }
    out.printf(Locale.ROOT, "snapshot %s: checked in %.1f s%n", snapshot.id(), report.millis() / 1000.0);
    out.println(report.passedCount() + " checks passed, " + report.failures().size() + " failed");
    return report.allPassed() ? 0 : Commands.CHECKS_FAILED;
  }

  /** Ingests {@code zone} (when given), then transforms as of {@code asOf} (when given). */
  private static void runPipeline(LandingZone zone, SnapshotStore store, String master, LocalDate asOf, AwardRules rules, boolean full,
      PrintStream out) {
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

}
