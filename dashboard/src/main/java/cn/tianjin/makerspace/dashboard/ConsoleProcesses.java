package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SnapshotStore;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The SQL console's query processes ({@link ConsoleProcess}) and its memory budget: at most
 * {@link Budget#processes} queries run at once, each in a process that the kernel holds to an
 * equal share of the budget, so the console's queries together never take the server past it,
 * whatever they do (DuckDB's own {@code memory_limit} is set below the share, for the memory it
 * manages). A query waits for a free process until its deadline. Processes are started when first
 * needed and reused; one that was stopped (a time-out, a cancel) or that died is replaced by a new
 * one for the next query.
 */
public final class ConsoleProcesses implements AutoCloseable {
  /**
   * What the console may use: {@code bytes} of memory in all, shared equally by {@code processes}
   * query processes (queries at once), each DuckDB with {@code threads} threads.
   */
  public record Budget(long bytes, int processes, int threads) {
    /** 6 GiB: four queries at once, 1.5 GiB each, two threads each. */
    public static final Budget DEFAULT = new Budget(6L << 30, 4, 2);
    /** What the JVM around DuckDB takes of a process's share (its heap, metaspace, code, thread stacks). */
    static final long JVM_BYTES = 320L << 20;

    public Budget {
      if (processes < 1 || threads < 1 || bytes / processes < JVM_BYTES + (64L << 20)) {
        throw new IllegalArgumentException("a console memory budget of " + (bytes >> 20) + " MiB for " + processes
            + " processes leaves DuckDB less than 64 MiB each: give the console more memory or fewer processes");
      }
    }

    /** The default budget with {@code memory} in all: a size such as {@code 6g} or {@code 4096m} ({@code --console-memory}). */
    public static Budget withMemory(String memory) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d{1,7})([kmg])").matcher(memory.strip());
      if (!m.matches()) {
        throw new cn.tianjin.makerspace.common.UserError("--console-memory takes a size such as 6g or 4096m, not '" + memory + "'");
      }
      int shift = switch (Character.toLowerCase(m.group(2).charAt(0))) {
        case 'k' -> 10;
        case 'm' -> 20;
        default -> 30;
      };
      long bytes = Long.parseLong(m.group(1)) << shift;
      try {
        return new Budget(bytes, DEFAULT.processes(), DEFAULT.threads());
      } catch (IllegalArgumentException e) {
        throw new cn.tianjin.makerspace.common.UserError("--console-memory " + memory + ": " + e.getMessage());
      }
    }

    public long bytesPerProcess() {
      return bytes / processes;
    }

    /** Each process's DuckDB: its share less {@link #JVM_BYTES}, in MiB. */
    public SnapshotDatabase.Limits duckDb() {
      return new SnapshotDatabase.Limits(((bytesPerProcess() - JVM_BYTES) >> 20) + "MiB", threads);
    }
  }

  private final SnapshotStore store;
  private final Budget budget;
  private final Semaphore free;
  private final ConcurrentLinkedDeque<ConsoleProcess> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  public ConsoleProcesses(SnapshotStore store, Budget budget) {
    this.store = store;
    this.budget = budget;
    this.free = new Semaphore(budget.processes(), true);
  }

  public Budget budget() {
    return budget;
  }

  /**
   * A process for one query, waiting at most until {@code deadlineNanos} ({@link System#nanoTime})
   * for one to be free; null when none was. Give it back with {@link #release}. It may still be
   * starting: see {@link ConsoleProcess#awaitReady}.
   */
  ConsoleProcess acquire(long deadlineNanos) throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("the console is closed");
    }
    if (!free.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return null;
    }
    try {
      for (ConsoleProcess p = idle.pollFirst(); p != null; p = idle.pollFirst()) {
        if (p.alive()) {
          return p;
        }
      }
      return ConsoleProcess.start(store, budget);
    } catch (RuntimeException e) {
      free.release();
      throw e;
    }
  }

  /**
   * Gives a process back: kept for the next query while it lives. One that was ended (a stopped
   * query) is replaced at once, in the background, by a new one that its place is held for.
   */
  void release(ConsoleProcess p) {
    if (closed) {
      p.close();
      free.release();
    } else if (p.alive()) {
      idle.addFirst(p);
      free.release();
    } else {
      p.kill();
      startInBackground(); // takes over this query's place
    }
  }

  /** Starts a process in the background in a place already taken, and frees the place once it is ready. */
  private void startInBackground() {
    Thread t = new Thread(() -> {
      try {
        ConsoleProcess p = ConsoleProcess.start(store, budget);
        try {
          p.awaitReady();
          idle.addFirst(p);
        } catch (Exception e) {
          p.kill(); // nothing published yet, or no process could start: the next query says so
        }
      } catch (RuntimeException ignored) {
        // the next query tries again and says why
      } finally {
        free.release();
      }
    }, "console-start");
    t.setDaemon(true);
    t.start();
  }

  /** Starts one process ahead of the first query, in the background (a server does, so the first query is quick). */
  public void warm() {
    if (free.tryAcquire()) {
      startInBackground();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (ConsoleProcess p = idle.pollFirst(); p != null; p = idle.pollFirst()) {
      p.close();
    }
  }
}
