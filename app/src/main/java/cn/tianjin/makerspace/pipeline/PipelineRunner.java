package cn.tianjin.makerspace.pipeline;

import cn.tianjin.makerspace.common.Folder;
import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Scheduler;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.common.WriteLock;
import cn.tianjin.makerspace.dashboard.Pipeline;
import cn.tianjin.makerspace.dashboard.PipelineHistory;
import cn.tianjin.makerspace.dashboard.PipelineRun;
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
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *   <li>One run at a time in this process: {@link #start} while a run is in progress is refused
 *       ({@link Pipeline.Busy}); a scheduled time that falls during a run is skipped (logged), the
 *       schedule goes on with its next time; {@link #request} (a confirmed 季报 upload) starts one
 *       more run right after the one in progress, since the file may have landed too late for it.
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
public final class PipelineRunner implements Pipeline, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final LandingZone landing;
  private final SnapshotStore store;
  private final String master;
  private final AwardRules rules;
  private final PipelineSchedule schedule;
  private final PrintStream out;
  private final Supplier<LocalDate> today;
  private final PipelineHistory history;
  private final List<PipelineRun> runs; // oldest first; guarded by this
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("pipeline-run"));
  private PipelineRun running; // guarded by this
  private Scheduler.Job scheduled; // guarded by this
  /** A run asked for while another ran, started when that one ends. */
  private Queued queued; // guarded by this

  private record Queued(PipelineRun.Trigger trigger, String by) {}
  private boolean closed; // guarded by this

  /**
   * @param landing the landing zone: a local folder or an hdfs:// URI
   * @param home the server's local folder, whose {@code dashboard/} keeps the run history
   * @param schedule when to run by itself (null: only on request; call {@link #startSchedule})
   * @param master the Spark master (null: local[*])
   * @param out where the jobs print their progress
   */
  public PipelineRunner(String landing, SnapshotStore store, Path home, String master, AwardRules rules, PipelineSchedule schedule,
      PrintStream out) {
    this(landing, store, home, master, rules, schedule, out, ProgrammeClock::today);
  }

  /** Like the other constructor; {@code today} gives each run's as-of date (tests fix it). */
  public PipelineRunner(String landing, SnapshotStore store, Path home, String master, AwardRules rules, PipelineSchedule schedule,
      PrintStream out, Supplier<LocalDate> today) {
    this.landing = LandingZone.at(landing);
    this.store = store;
    this.master = master;
    this.rules = rules == null ? AwardRules.defaults() : rules;
    this.schedule = schedule;
    this.out = out;
    this.today = today;
    this.history = new PipelineHistory(home);
    this.runs = history.read();
    boolean interrupted = false;
    for (int i = 0; i < runs.size(); i++) {
      if (!runs.get(i).ended()) { // this server's process stopped during the run
        runs.set(i, runs.get(i).failed("interrupted: the server stopped during the run"));
        interrupted = true;
      }
    }
    if (interrupted) {
      history.write(runs);
    }
  }

  @Override
  public Folder landing() {
    return landing.folder();
  }

  @Override
  public LocalDate today() {
    return today.get();
  }

  @Override
  public Optional<String> schedule() {
    return Optional.ofNullable(schedule).map(PipelineSchedule::expression);
  }

  /** Starts following the schedule (no-op without one). */
  public synchronized void startSchedule() {
    if (schedule != null && scheduled == null && !closed) {
      scheduled = Scheduler.shared().schedule("pipeline", schedule::next, this::scheduledRun);
    }
  }

  /** When the schedule fires next (empty without a schedule or before {@link #startSchedule}). */
  @Override
  public synchronized Optional<ZonedDateTime> nextScheduled() {
    return scheduled == null ? Optional.empty() : scheduled.next();
  }

  /** The schedule's run of {@code due}: skipped (logged) while another run is in progress. */
  private void scheduledRun(ZonedDateTime due) {
    try {
      start(PipelineRun.Trigger.SCHEDULE, null);
    } catch (Pipeline.Busy b) {
      LOG.warn("scheduled pipeline run of {} skipped: run {} is still in progress", due, b.running().id());
    } catch (IllegalStateException closedMeanwhile) {
      LOG.info("scheduled pipeline run of {} not started: {}", due, closedMeanwhile.getMessage());
    }
  }

  /**
   * Starts a run in the background and returns it as recorded ({@code running}).
   *
   * @param by the user who asked (null for the schedule)
   * @throws Pipeline.Busy when a run is in progress in this process
   */
  @Override
  public synchronized PipelineRun start(PipelineRun.Trigger trigger, String by) {
    if (closed) {
      throw new IllegalStateException("the pipeline runner is closed");
    }
    if (running != null) {
      throw new Pipeline.Busy(running);
    }
    long id = runs.isEmpty() ? 1 : runs.get(runs.size() - 1).id() + 1;
    PipelineRun run = PipelineRun.started(id, trigger, by, today.get().toString());
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
  @Override
  public synchronized boolean request(PipelineRun.Trigger trigger, String by) {
    if (running == null) {
      start(trigger, by);
      return true;
    }
    queued = new Queued(trigger, by);
    return false;
  }

  /** Starts a run and waits for its end (the server's first run on an empty warehouse). */
  public PipelineRun runAndWait(PipelineRun.Trigger trigger, String by) throws InterruptedException {
    PipelineRun run = start(trigger, by);
    return await(run.id(), Duration.ofDays(1));
  }

  /** Waits until run {@code id} has ended and returns it. */
  public synchronized PipelineRun await(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<PipelineRun> r = find(id);
      if (r.isEmpty()) {
        throw new IllegalArgumentException("no pipeline run " + id);
      }
      if (r.get().ended()) {
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
  @Override
  public synchronized Optional<PipelineRun> running() {
    return Optional.ofNullable(running);
  }

  /** Every recorded run, newest first. */
  @Override
  public synchronized List<PipelineRun> history() {
    List<PipelineRun> newestFirst = new ArrayList<>(runs);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private synchronized Optional<PipelineRun> find(long id) {
    return runs.stream().filter(r -> r.id() == id).findFirst();
  }

  private synchronized void record(PipelineRun run) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).id() == run.id()) {
        runs.set(i, run);
        break;
      }
    }
    history.write(runs);
    if (run.ended()) {
      running = null;
      notifyAll();
      if (queued != null && !closed) {
        Queued next = queued;
        queued = null;
        start(next.trigger(), next.by());
      }
    }
  }

  private void execute(PipelineRun run) {
    PipelineRun done;
    try {
      LOG.info("pipeline run {} ({}) started: {} -> {}", run.id(), run.trigger(), landing.location(), store.location());
      TransformJob.Result transformed = pipeline(run);
      done = find(run.id()).orElseThrow().ok(transformed.snapshot().id(), checks(transformed.checks()));
      LOG.info("pipeline run {} published snapshot {}", run.id(), transformed.snapshot().id());
    } catch (DataChecksFailed e) {
      LOG.error("pipeline run {} failed its data checks; the snapshot published before stays live:\n{}", run.id(), e.getMessage());
      done = find(run.id()).orElseThrow().failed(e.getMessage(), checks(e.report()));
    } catch (Throwable e) { // Spark throws its checked exceptions undeclared
      LOG.error("pipeline run {} failed; the snapshot published before stays live", run.id(), e);
      done = find(run.id()).orElseThrow().failed(describe(e));
    }
    record(done);
  }

  /** Ingest, then transform; returns what the transform published. */
  private TransformJob.Result pipeline(PipelineRun run) {
    try (WriteLock probe = store.lockForWrite()) {
      // No other process (a ./warehouse run, another server) is writing: go on. Each job takes the
      // lock itself, so it is released here.
    }
    landing.scan(); // refuse a bad landing zone before paying for a SparkSession
    SparkSession spark = SparkSessions.create("pipeline", master);
    try {
      IngestJob.Result ingested = new IngestJob(spark, landing, store, out).run();
      record(find(run.id()).orElseThrow()
          .ingested(ingested.published(), ingested.summaries().stream().map(PipelineRunner::source).toList()));
      return new TransformJob(spark, store, LocalDate.parse(run.asOf()), rules, out).run();
    } finally {
      spark.stop();
    }
  }

  private static PipelineRun.Source source(SourceSummary s) {
    return new PipelineRun.Source(s.source(), s.files(), s.read(), s.accepted(), s.quarantined(), s.duplicates());
  }

  private static PipelineRun.Checks checks(CheckReport report) {
    return new PipelineRun.Checks(report.passedCount(), report.failures().size(),
        report.failures().stream().map(r -> new PipelineRun.FailedCheck(r.check().name(), r.failingRows())).toList());
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
      if (scheduled != null) {
        scheduled.cancel();
      }
    }
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
