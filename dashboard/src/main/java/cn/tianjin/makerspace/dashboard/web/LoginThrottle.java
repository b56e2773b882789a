package cn.tianjin.makerspace.dashboard.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits log-in attempts: after {@value #MAX_FAILURES} failed attempts within 15 minutes from one
 * address, or for one user name, further attempts are refused until the oldest failure is 15
 * minutes old. A successful log-in clears the user name's record.
 */
public final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  private final long windowMillis;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle() {
    this(Duration.ofMinutes(15));
  }

  LoginThrottle(Duration window) {
    this.windowMillis = window.toMillis();
  }

  /** Seconds to wait before the next attempt from this address or for this name; 0 if allowed. */
  public long retryAfterSeconds(String ip, String name) {
    return Math.max(wait("ip:" + ip), wait("user:" + name));
  }

  public void failed(String ip, String name) {
    record("ip:" + ip);
    record("user:" + name);
  }

  public void succeeded(String name) {
    failures.remove("user:" + name);
  }

  private long wait(String key) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      prune(q);
      return q.size() < MAX_FAILURES ? 0 : Math.max(1, (q.peekFirst() + windowMillis - System.currentTimeMillis() + 999) / 1000);
    }
  }

  private void record(String key) {
    Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      prune(q);
      q.addLast(System.currentTimeMillis());
    }
  }

  private void prune(Deque<Long> q) {
    long cutoff = System.currentTimeMillis() - windowMillis;
    while (!q.isEmpty() && q.peekFirst() < cutoff) {
      q.removeFirst();
    }
  }
}
