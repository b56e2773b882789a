package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process's one scheduler: never early, never the same time twice, a failing run keeps the schedule, cancel ends it. */
class SchedulerTest {
  /** Every 200 ms on the wall clock. */
  private static Optional<ZonedDateTime> every200ms(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.SECONDS);
    while (!t.isAfter(after)) {
      t = t.plus(200, ChronoUnit.MILLIS);
    }
    return Optional.of(t);
  }

  @Test
  void eachDueTimeRunsOnceAndNeverEarlyAndAFailureKeepsTheSchedule() throws InterruptedException {
    List<ZonedDateTime> due = new CopyOnWriteArrayList<>();
    List<Instant> ranAt = new CopyOnWriteArrayList<>();
    CountDownLatch five = new CountDownLatch(5);
    Scheduler.Job job = Scheduler.shared().schedule("test", SchedulerTest::every200ms, t -> {
      ranAt.add(Instant.now());
      due.add(t);
      five.countDown();
      if (due.size() == 2) {
        throw new IllegalStateException("a failing run (logged)");
      }
    });
    assertTrue(five.await(10, TimeUnit.SECONDS), "five runs: " + due);
    job.cancel();
    List<ZonedDateTime> seen = List.copyOf(due);
    for (int i = 0; i < seen.size(); i++) {
      assertTrue(!ranAt.get(i).isBefore(seen.get(i).toInstant()), "run " + i + " not before its time");
      if (i > 0) {
        assertTrue(seen.get(i).isAfter(seen.get(i - 1)), "each due time once, in order: " + seen);
      }
    }
    assertEquals(Optional.empty(), job.next());
    int runs = due.size();
    Thread.sleep(600);
    assertEquals(runs, due.size(), "no run after cancel");
  }

  @Test
  void aJobWhoseTimesEndStops() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    Scheduler scheduler = Scheduler.shared(); // loaded first: its logger's start-up can take a second on a busy machine
    ZonedDateTime once = ProgrammeClock.now().plus(2, ChronoUnit.SECONDS);
    Scheduler.Job job = scheduler.schedule("once", after -> after.isBefore(once) ? Optional.of(once) : Optional.empty(), t -> ran.countDown());
    assertEquals(Optional.of(once), job.next());
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    Thread.sleep(100);
    assertEquals(Optional.empty(), job.next());
  }
}
