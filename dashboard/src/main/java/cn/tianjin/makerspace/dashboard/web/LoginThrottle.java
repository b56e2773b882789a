package cn.tianjin.makerspace.dashboard.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Limits log-in attempts: at most {@value #MAX_FAILURES} failed attempts within 15 minutes from
 * one address, or for one user name; then further attempts are refused until the oldest failure
 * is 15 minutes old. A successful log-in clears the user name's record.
 *
 * <p>The check and the count are one step: an attempt takes a place (for its address and its name)
 * before its password is checked, and the place is counted as a failure or released after. Places
 * taken and failures together never exceed the limit, so attempts sent at once cannot all be
 * checked before the first of them is counted: of sixteen wrong passwords sent at once from one
 * address, five are checked and eleven refused. An attempt that finds the places taken by attempts
 * still being checked (not by failures) waits for one — up to {@link #MAX_QUEUE} — instead of being
 * refused, so that sixteen colleagues behind one office address who log in at once all get in.
 */
public final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  /** How long an attempt waits for a place held by attempts being checked before it is refused. */
  static final Duration MAX_QUEUE = Duration.ofSeconds(10);
  /** Above this many addresses and names on record, expired records are swept out. */
  private static final int SWEEP_ABOVE = 10_000;

  /** An attempt that may not be made now: retry after this many seconds. */
  public static final class Refused extends RuntimeException {
    private final long retryAfterSeconds;

    Refused(long retryAfterSeconds) {
      super("too many failed log-ins; try again in " + retryAfterSeconds + " s", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** One address's or name's record: recent failures (oldest first) and attempts being checked. */
  private static final class Entry {
    final ArrayDeque<Long> failures = new ArrayDeque<>();
    int checking;
  }

  private final long windowMillis;
  /** By "ip:ADDRESS" and "user:NAME"; guarded by {@code this}. */
  private final Map<String, Entry> entries = new HashMap<>();

  public LoginThrottle() {
    this(Duration.ofMinutes(15));
  }

  LoginThrottle(Duration window) {
    this.windowMillis = window.toMillis();
  }

  /**
   * Makes one log-in attempt: takes its place (or throws {@link Refused}), runs {@code check}
   * (the password check: the user, or empty when wrong), then counts an empty answer as a failure
   * or clears the name's record on success. A check that throws is not counted.
   */
  public <T> Optional<T> attempt(String ip, String name, Supplier<Optional<T>> check) {
    String[] keys = {"ip:" + ip, "user:" + name};
    reserve(keys);
    Optional<T> result = null;
    try {
      result = check.get();
      return result;
    } finally {
      finish(keys, result);
    }
  }

  private synchronized void reserve(String[] keys) {
    long deadline = System.currentTimeMillis() + MAX_QUEUE.toMillis();
    while (true) {
      long now = System.currentTimeMillis();
      if (entries.size() > SWEEP_ABOVE) {
        entries.values().removeIf(e -> {
          prune(e, now);
          return e.failures.isEmpty() && e.checking == 0;
        });
      }
      long refuse = 0;
      boolean full = false;
      for (String key : keys) {
        Entry e = entries.get(key);
        if (e == null) {
          continue;
        }
        prune(e, now);
        if (e.failures.size() >= MAX_FAILURES) {
          refuse = Math.max(refuse, waitMillis(e, now));
        } else if (e.failures.size() + e.checking >= MAX_FAILURES) {
          full = true; // by attempts being checked: a place is free again within a password check
        }
      }
      if (refuse > 0) {
        throw new Refused(Math.max(1, (refuse + 999) / 1000));
      }
      if (!full) {
        break;
      }
      long left = deadline - now;
      if (left <= 0) {
        throw new Refused(1);
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Refused(1);
      }
    }
    for (String key : keys) {
      entries.computeIfAbsent(key, k -> new Entry()).checking++;
    }
  }

  /** {@code result}: the check's answer, null when it threw. */
  private synchronized void finish(String[] keys, Optional<?> result) {
    long now = System.currentTimeMillis();
    for (String key : keys) {
      Entry e = entries.get(key);
      e.checking--;
      if (result != null && result.isEmpty()) {
        e.failures.addLast(now);
      }
    }
    if (result != null && result.isPresent()) {
      entries.get(keys[1]).failures.clear();
    }
    for (String key : keys) {
      Entry e = entries.get(key);
      if (e.failures.isEmpty() && e.checking == 0) {
        entries.remove(key);
      }
    }
    notifyAll(); // a place is free: the attempts waiting for one look again
  }

  /** How long until one more attempt fits when failures fill the places: until enough of them are 15 minutes old. */
  private long waitMillis(Entry e, long now) {
    int mustExpire = e.failures.size() - MAX_FAILURES + 1;
    long expiresAt = e.failures.stream().skip(mustExpire - 1L).findFirst().orElseThrow() + windowMillis;
    return Math.max(1, expiresAt - now);
  }

  /** Drops failures older than the window. */
  private void prune(Entry e, long now) {
    long cutoff = now - windowMillis;
    while (!e.failures.isEmpty() && e.failures.peekFirst() < cutoff) {
      e.failures.removeFirst();
    }
  }
}
