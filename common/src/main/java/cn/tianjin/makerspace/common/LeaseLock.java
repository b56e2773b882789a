package cn.tianjin.makerspace.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one-writer lock of a warehouse on a distributed file system, which has no operating-system
 * lock: a lease. The writer creates {@code .lock} exclusively (a create that fails when the file
 * exists), writes its name and its lease's length into it, and renews the lease by touching the file's modification time
 * every quarter of {@link #duration()}. A writer that dies stops renewing; once the lease has run
 * out, the next writer moves the stale file aside (a rename, which only one of two successors can
 * win) and creates its own. A writer whose lease was taken over learns it at its next renewal, and
 * {@link #checkHeld} stops it before it publishes.
 *
 * <p>The lease is {@code -Dwarehouse.lease.seconds} long (default 60); a successor goes by the
 * length the holder wrote. The writers' clocks must agree to well within it (NTP does).
 */
final class LeaseLock implements WriteLock {
  private final FileSystem fs;
  private final Path file;
  private final String holder;
  private final ScheduledExecutorService renewer;
  private volatile long renewedAtMillis;
  private volatile String lost;

  private LeaseLock(FileSystem fs, Path file, String holder) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
    this.renewedAtMillis = System.currentTimeMillis();
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "warehouse-lease");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, duration().toMillis() / 4);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  static Duration duration() {
    return Duration.ofSeconds(Long.getLong("warehouse.lease.seconds", 60));
  }

  /**
   * Takes the lease of {@code file} (the warehouse {@code warehouse}'s {@code .lock}).
   *
   * @throws UserError when another writer's lease is still running
   */
  static LeaseLock acquire(FileSystem fs, Path file, String warehouse) throws IOException {
    String holder = UUID.randomUUID() + " " + ManagementFactory.getRuntimeMXBean().getName() + " " + duration().toSeconds();
    for (int attempt = 0; attempt < 3; attempt++) {
      try (FSDataOutputStream out = fs.create(file, false)) {
        out.write(holder.getBytes(StandardCharsets.UTF_8));
        out.hsync();
        return new LeaseLock(fs, file, holder);
      } catch (FileAlreadyExistsException e) {
        long age;
        String other;
        try {
          age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
          other = read(fs, file);
        } catch (FileNotFoundException released) {
          continue; // released meanwhile: try again
        }
        long left = leaseMillis(other) - age;
        if (left > 0) {
          throw new UserError("another process is writing to the warehouse " + warehouse + " (" + describe(other)
              + "); if it has stopped, its lease runs out in " + (left + 999) / 1000 + " s");
        }
        Path aside = new Path(file.getParent(), file.getName() + ".expired-" + UUID.randomUUID());
        if (fs.rename(file, aside)) { // only one successor wins this rename
          fs.delete(aside, false);
        }
      }
    }
    throw new UserError("cannot take the lock of the warehouse " + warehouse + ": other writers keep taking it");
  }

  @Override
  public void checkHeld() {
    if (lost != null) {
      throw new IllegalStateException("the write lease of " + file + " was lost (" + lost + "): nothing was published");
    }
    long age = System.currentTimeMillis() - renewedAtMillis;
    if (age > duration().toMillis() * 3 / 4) {
      throw new IllegalStateException("the write lease of " + file + " was last renewed " + age / 1000
          + " s ago and may have run out: nothing was published");
    }
  }

  /** Touches the file, after checking that it is still this writer's. */
  private void renew() {
    try {
      String now = read(fs, file);
      if (!now.equals(holder)) {
        lost = "taken over by " + describe(now);
        return;
      }
      long t = System.currentTimeMillis();
      fs.setTimes(file, t, -1);
      renewedAtMillis = t;
    } catch (FileNotFoundException e) {
      lost = "its file was removed";
    } catch (IOException e) {
      // a passing failure: the next renewal tries again, and checkHeld sees the age
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      if (lost == null && read(fs, file).equals(holder)) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      // the lease runs out by itself
    }
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The lease the holder took, from what it wrote (its lease in seconds comes last); ours when it wrote none. */
  private static long leaseMillis(String holder) {
    String[] parts = holder.trim().split(" ");
    try {
      return parts.length >= 3 ? Long.parseLong(parts[2]) * 1000 : duration().toMillis();
    } catch (NumberFormatException e) {
      return duration().toMillis();
    }
  }

  /** "process 1234@host", from what a holder wrote (its token, its process name, its lease in seconds). */
  private static String describe(String holder) {
    String[] parts = holder.split(" ", 3);
    return parts.length < 2 ? "holder unknown" : "process " + parts[1];
  }
}
