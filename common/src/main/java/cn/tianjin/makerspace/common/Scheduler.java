package cn.tianjin.makerspace.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduler of a server process: every timed job (the pipeline's runs, the alert
 * digest) runs on it. A job says when it runs ({@link Times}: the first time strictly after a
 * given one) and what it does at each due time. The scheduler never starts a job before its time
 * (the timer's clock and the wall clock drift apart: it waits again), never runs the same time
 * twice, and keeps a job's schedule going when a run throws (logged). Jobs run on the
 * scheduler's two daemon threads, so a long one (an e-mail to a slow server) does not hold the
 * others back.
 */
public final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final Scheduler SHARED = new Scheduler();

  /** When a job runs: the first time strictly after {@code after}, or empty for never again. */
  @FunctionalInterface
  public interface Times {
    Optional<ZonedDateTime> next(ZonedDateTime after);
  }

  /** A scheduled job: when it runs next, and its end. */
  public final class Job {
    private final String name;
    private final Times times;
    private final Consumer<ZonedDateTime> run;
    private ZonedDateTime next; // guarded by this
    private ScheduledFuture<?> pending; // guarded by this
    private boolean cancelled; // guarded by this

    private Job(String name, Times times, Consumer<ZonedDateTime> run) {
      this.name = name;
      this.times = times;
      this.run = run;
    }

    /** When it runs next (empty once cancelled or when its times have ended). */
    public synchronized Optional<ZonedDateTime> next() {
      return Optional.ofNullable(next);
    }

    /** Ends it: no further run starts (one running now finishes). */
    public synchronized void cancel() {
      cancelled = true;
      next = null;
      if (pending != null) {
        pending.cancel(false);
      }
    }

    private synchronized void scheduleAfter(ZonedDateTime after) {
      if (cancelled) {
        return;
      }
      next = times.next(after).orElse(null);
      if (next != null) {
        ZonedDateTime due = next;
        pending = timer.schedule(() -> tick(due), Math.max(0, untilDue(due)), TimeUnit.NANOSECONDS);
      }
    }

    private void tick(ZonedDateTime due) {
      long early = untilDue(due);
      if (early > 0) {
        synchronized (this) {
          if (!cancelled) {
            pending = timer.schedule(() -> tick(due), early, TimeUnit.NANOSECONDS);
          }
        }
        return;
      }
      try {
        run.accept(due);
      } catch (RuntimeException e) {
        LOG.error("scheduled job {} of {} failed; its next time stands", name, due, e);
      } finally {
        ZonedDateTime now = ProgrammeClock.now();
        scheduleAfter(now.isAfter(due) ? now : due); // never the same time twice
      }
    }
  }

  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "scheduler");
    t.setDaemon(true);
    return t;
  });

  private Scheduler() {}

  /** The process's scheduler. */
  public static Scheduler shared() {
    return SHARED;
  }

  /** Runs {@code run} at each of {@code times} after now (given its due time) until the job is cancelled. */
  public Job schedule(String name, Times times, Consumer<ZonedDateTime> run) {
    Job job = new Job(name, times, run);
    job.scheduleAfter(ProgrammeClock.now());
    return job;
  }

  /** Nanoseconds from now (the wall clock) to {@code due}; negative once it has passed. */
  private static long untilDue(ZonedDateTime due) {
    return Duration.between(Instant.now(), due.toInstant()).toNanos();
  }
}
