package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.ingestion.SourceSummary;
import cn.tianjin.makerspace.transforms.AwardRules;
import cn.tianjin.makerspace.transforms.CheckReport;
import cn.tianjin.makerspace.transforms.DataChecksFailed;
import cn.tianjin.makerspace.transforms.TransformJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline (ingest the landing zone, then transform as of today in Asia/Shanghai)
 * inside the dashboard server: on a {@link PipelineSchedule} and on request. Knows nothing of the
 * web.
 *
 * <ul>
 *   <li>One run at a time in this process: a request while a run is in progress is refused
 *       ({@link Busy}); a scheduled time that falls during a run is skipped (logged), the schedule
 *       goes on with its next time. Nothing is queued.
 *   <li>Across processes the warehouse's write lock decides ({@link SnapshotStore#lockForWrite},
 *       an OS file lock that dies with its process): a run first checks that it can take the lock,
 *       and fails at once, before paying for Spark, while another process writes.
 *   <li>Each run builds its own SparkSession and stops it afterwards.
 *   <li>Publication is atomic: a run that fails keeps the last published snapshot live and records
 *       its error; the next run starts normally. (A run whose ingest published but whose transform
 *       failed leaves the new curated tables live with the previous marts, as {@code ./warehouse
 *       run} does; the next run recomputes the marts.)
 *   <li>Every run is recorded in {@link PipelineHistory} (id, trigger, start, end, status, rows per
 *       source as ingested, the snapshot published, the data checks, the error). A run whose data
 *       checks fail publishes nothing; its record names the failing checks.
 * </ul>
 */
public final class PipelineRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  /** Triggers: the schedule, an administrator's request, the server's start on an empty warehouse. */
  public static final String SCHEDULE = "schedule";
  public static final String ADMIN = "admin";
  public static final String STARTUP = "startup";

  public static final String RUNNING = "running";
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  /** One source's rows in a run's ingest (only the sources that changed since the last ingest). */
  public record Source(String source, long files, long read, long accepted, long quarantined, long duplicates) {
    static Source of(SourceSummary s) {
      return new Source(s.source(), s.files(), s.read(), s.accepted(), s.quarantined(), s.duplicates());
    }
  }

  /** A data check that failed: its name and how many rows broke it. */
  public record FailedCheck(String name, long rows) {}

  /** A run's data checks: how many passed and failed, and the failures (docs/architecture.md, Data checks). */
  public record Checks(int passed, int failed, List<FailedCheck> failures) {
    static Checks of(CheckReport report) {
      return new Checks(report.passedCount(), report.failures().size(),
          report.failures().stream().map(r -> new FailedCheck(r.check().name(), r.failingRows())).toList());
    }
  }

  /**
   * One run as recorded. Times are ISO-8601 instants; {@code ingestPublished} is null until the
   * ingest is done (false: nothing had changed in the landing zone); {@code snapshot} is the id the
   * transform published; {@code checks} the transform's data checks (null when they did not run:
   * the run failed before them, or it was recorded before there were checks).
   */
  public record Run(
      long id, String trigger, String by, String started, String finished, String status, String asOf,
      Boolean ingestPublished, List<Source> sources, String snapshot, String error, Checks checks) {

    Run ingested(boolean published, List<Source> s) {
      return new Run(id, trigger, by, started, finished, status, asOf, published, s, snapshot, error, checks);
    }

    Run ok(String snapshotId, Checks passed) {
      return new Run(id, trigger, by, started, Instant.now().toString(), OK, asOf, ingestPublished, sources, snapshotId, null, passed);
    }

    Run failed(String message) {
      return failed(message, checks);
    }

    Run failed(String message, Checks found) {
      return new Run(id, trigger, by, started, Instant.now().toString(), FAILED, asOf, ingestPublished, sources, snapshot, message, found);
    }
  }

  /** A run was requested while another one is in progress in this process. */
  public static final class Busy extends RuntimeException {
    private final Run running;

    Busy(Run running) {
      super("a pipeline run is already in progress (run " + running.id() + ", started " + running.started()
          + " by " + (running.by() == null ? running.trigger() : running.by()) + "); try again when it has finished");
      this.running = running;
    }

    public Run running() {
      return running;
    }
  }

  private final LandingZone landing;
  private final SnapshotStore store;
  private final String master;
  private final AwardRules rules;
  private final PipelineSchedule schedule;
  private final PrintStream out;
  private final Supplier<LocalDate> today;
  private final PipelineHistory history;
  private final List<Run> runs; // oldest first; guarded by this
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("pipeline-run"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("pipeline-schedule"));
  private Run running; // guarded by this
  private ZonedDateTime nextScheduled; // guarded by this
  /** A run asked for while another ran: {trigger, by}, started when that one ends. */
  private String[] queued;
  private boolean closed; // guarded by this

  /**
   * @param schedule when to run by itself (null: only on request; call {@link #startSchedule})
   * @param master the Spark master (null: local[*])
   * @param out where the jobs print their progress
   */
  public PipelineRunner(Path landing, Path warehouse, String master, AwardRules rules, PipelineSchedule schedule, PrintStream out) {
    this(landing, warehouse, master, rules, schedule, out, TransformJob::today);
  }

  /** Like the other constructor; {@code today} gives each run's as-of date (tests fix it). */
  public PipelineRunner(Path landing, Path warehouse, String master, AwardRules rules, PipelineSchedule schedule, PrintStream out,
      Supplier<LocalDate> today) {
    this.landing = new LandingZone(landing);
    this.store = new SnapshotStore(warehouse);
    this.master = master;
    this.rules = rules == null ? AwardRules.defaults() : rules;
    this.schedule = schedule;
    this.out = out;
    this.today = today;
    this.history = new PipelineHistory(warehouse);
    this.runs = history.read();
    boolean interrupted = false;
    for (int i = 0; i < runs.size(); i++) {
      if (RUNNING.equals(runs.get(i).status())) { // this server's process stopped during the run
        runs.set(i, runs.get(i).failed("interrupted: the server stopped during the run"));
        interrupted = true;
      }
    }
    if (interrupted) {
      history.write(runs);
    }
  }

  public Path landing() {
    return landing.root();
  }

  /** Today in Asia/Shanghai, as this runner sees it: the as-of date of a run started now. */
  public LocalDate today() {
    return today.get();
  }

  /** The schedule, if the runner has one. */
  public Optional<PipelineSchedule> schedule() {
    return Optional.ofNullable(schedule);
  }

  /** Starts following the schedule (no-op without one). */
  public synchronized void startSchedule() {
    if (schedule != null && nextScheduled == null && !closed) {
      scheduleAfter(ZonedDateTime.now(PipelineSchedule.ZONE));
    }
  }

  /** When the schedule fires next (empty without a schedule or before {@link #startSchedule}). */
  public synchronized Optional<ZonedDateTime> nextScheduled() {
    return Optional.ofNullable(nextScheduled);
  }

  private synchronized void scheduleAfter(ZonedDateTime after) {
    if (closed) {
      return;
    }
    nextScheduled = schedule.next(after).orElse(null);
    if (nextScheduled == null) {
      return;
    }
    ZonedDateTime due = nextScheduled;
    timer.schedule(() -> tick(due), Math.max(0, untilDue(due)), TimeUnit.NANOSECONDS);
  }

  /** Nanoseconds from now (the wall clock) to {@code due}; negative once it has passed. */
  private static long untilDue(ZonedDateTime due) {
    return Duration.between(Instant.now(), due.toInstant()).toNanos();
  }

  private void tick(ZonedDateTime due) {
    long early = untilDue(due);
    if (early > 0) {
      // the timer's clock (nanoTime) and the wall clock drift apart: a run never starts before its time
      timer.schedule(() -> tick(due), early, TimeUnit.NANOSECONDS);
      return;
    }
    try {
      start(SCHEDULE, null);
    } catch (Busy b) {
      LOG.warn("scheduled pipeline run of {} skipped: run {} is still in progress", due, b.running().id());
    } catch (RuntimeException e) {
      LOG.error("scheduled pipeline run of {} could not start", due, e);
    } finally {
      ZonedDateTime now = ZonedDateTime.now(PipelineSchedule.ZONE);
      scheduleAfter(now.isAfter(due) ? now : due); // never the same time twice
    }
  }

  /**
   * Starts a run in the background and returns it as recorded ({@code running}).
   *
   * @param by the user who asked (null for the schedule)
   * @throws Busy when a run is in progress in this process
   */
  public synchronized Run start(String trigger, String by) {
    if (closed) {
      throw new IllegalStateException("the pipeline runner is closed");
    }
    if (running != null) {
      throw new Busy(running);
    }
    long id = runs.isEmpty() ? 1 : runs.get(runs.size() - 1).id() + 1;
    Run run = new Run(id, trigger, by, Instant.now().toString(), null, RUNNING, today.get().toString(), null, null, null, null, null);
    running = run;
    runs.add(run);
    history.write(runs);
    worker.execute(() -> execute(run));
    return run;
  }

  /**
   * Starts a run now or, when one is in progress, once more right after it: what landed during
   * a run (an uploaded report) may have been read too late for it. True when it started now.
   */
  public synchronized boolean request(String trigger, String by) {
    if (running == null) {
      start(trigger, by);
      return true;
    }
    queued = new String[] {trigger, by};
    return false;
  }

  /** Starts a run and waits for its end (the server's first run on an empty warehouse). */
  public Run runAndWait(String trigger, String by) throws InterruptedException {
    Run run = start(trigger, by);
    return await(run.id(), Duration.ofDays(1));
  }

  /** Waits until run {@code id} has ended and returns it. */
  public synchronized Run await(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Run> r = find(id);
      if (r.isEmpty()) {
        throw new IllegalArgumentException("no pipeline run " + id);
      }
      if (!RUNNING.equals(r.get().status())) {
        return r.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("pipeline run " + id + " has not ended after " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The run in progress in this process, if any. */
  public synchronized Optional<Run> running() {
    return Optional.ofNullable(running);
  }

  /** Every recorded run, newest first. */
  public synchronized List<Run> history() {
    List<Run> newestFirst = new ArrayList<>(runs);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private synchronized Optional<Run> find(long id) {
    return runs.stream().filter(r -> r.id() == id).findFirst();
  }

  private synchronized void record(Run run) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).id() == run.id()) {
        runs.set(i, run);
        break;
      }
    }
    history.write(runs);
    if (!RUNNING.equals(run.status())) {
      running = null;
      notifyAll();
      if (queued != null && !closed) {
        String[] next = queued;
        queued = null;
        start(next[0], next[1]);
      }
    }
  }

  private void execute(Run run) {
    Run done;
    try {
      LOG.info("pipeline run {} ({}) started: {} -> {}", run.id(), run.trigger(), landing.root(), store.root());
      TransformJob.Result transformed = pipeline(run);
      done = find(run.id()).orElseThrow().ok(transformed.snapshot().id(), Checks.of(transformed.checks()));
      LOG.info("pipeline run {} published snapshot {}", run.id(), transformed.snapshot().id());
    } catch (DataChecksFailed e) {
      LOG.error("pipeline run {} failed its data checks; the snapshot published before stays live:\n{}", run.id(), e.getMessage());
      done = find(run.id()).orElseThrow().failed(e.getMessage(), Checks.of(e.report()));
    } catch (Throwable e) { // Spark throws its checked exceptions undeclared
      LOG.error("pipeline run {} failed; the snapshot published before stays live", run.id(), e);
      done = find(run.id()).orElseThrow().failed(describe(e));
    }
    record(done);
  }

  /** Ingest, then transform; returns what the transform published. */
  private TransformJob.Result pipeline(Run run) {
    try (SnapshotStore.WriteLock probe = store.lockForWrite()) {
      // No other process (a ./warehouse run, another server) is writing: go on. Each job takes the
      // lock itself, so it is released here.
    }
    landing.scan(); // refuse a bad landing zone before paying for a SparkSession
    SparkSession spark = SparkSessions.create("pipeline", master);
    try {
      IngestJob.Result ingested = new IngestJob(spark, landing, store, out).run();
      record(find(run.id()).orElseThrow()
          .ingested(ingested.published(), ingested.summaries().stream().map(Source::of).toList()));
      return new TransformJob(spark, store, LocalDate.parse(run.asOf()), rules, out).run();
    } finally {
      spark.stop();
    }
  }

  /** The message recorded for a failure: a user error's own words, else the root cause. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UserError) {
        return t.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      nextScheduled = null;
    }
    timer.shutdownNow();
    worker.shutdown();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
