package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The log-in throttle: a place is taken before the password is checked, so attempts at once are limited too. */
class LoginThrottleTest {
  private static final Optional<String> WRONG = Optional.empty();
  private static final Optional<String> RIGHT = Optional.of("user");

  @Test
  void attemptsBeingCheckedTakeTheirPlaceBeforeTheyAreCounted() throws Exception {
    LoginThrottle throttle = new LoginThrottle();
    List<String> results = atOnce(throttle, 16, WRONG);
    assertEquals(LoginThrottle.MAX_FAILURES, results.stream().filter("checked"::equals).count(), results.toString());
    // the other eleven waited for a place and, the five having failed, were refused for 15 minutes
    assertTrue(results.stream().filter(r -> !r.equals("checked"))
        .allMatch(r -> r.matches("refused after \\d+ s") && Long.parseLong(r.replaceAll("\\D", "")) > 14 * 60), results.toString());
    // five failures: the address is locked for 15 minutes, even for the right password
    LoginThrottle.Refused r = assertThrows(LoginThrottle.Refused.class, () -> throttle.attempt("10.0.0.1", "someone", () -> RIGHT));
    assertTrue(r.retryAfterSeconds() > 14 * 60 && r.retryAfterSeconds() <= 15 * 60, r.retryAfterSeconds() + " s");
    assertEquals(RIGHT, throttle.attempt("10.0.0.2", "someone", () -> RIGHT), "another address may");
  }

  /** Sixteen colleagues behind one office address log in at once: every one gets in, none is refused. */
  @Test
  void rightPasswordsSentAtOnceFromOneAddressAllGetIn() throws Exception {
    LoginThrottle throttle = new LoginThrottle();
    List<String> results = atOnce(throttle, 16, RIGHT);
    assertEquals(16, results.stream().filter("checked"::equals).count(), results.toString());
  }

  /**
   * {@code n} attempts from one address with different names at once: the first ones hold their
   * places inside the password check until no more can enter, then all go on. Each outcome is
   * "checked" or "refused after S s".
   */
  private static List<String> atOnce(LoginThrottle throttle, int n, Optional<String> answer) throws Exception {
    CountDownLatch placesTaken = new CountDownLatch(LoginThrottle.MAX_FAILURES);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "name-" + i;
        outcomes.add(pool.submit(() -> {
          try {
            throttle.attempt("10.0.0.1", name, () -> {
              placesTaken.countDown(); // inside the check, holding a place
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return answer;
            });
            return "checked";
          } catch (LoginThrottle.Refused r) {
            return "refused after " + r.retryAfterSeconds() + " s";
          }
        }));
      }
      assertTrue(placesTaken.await(10, TimeUnit.SECONDS));
      Thread.sleep(300); // the others reach the throttle and wait for a place
      release.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : outcomes) {
        results.add(f.get(20, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fiveFailuresForOneNameLockItAndASuccessBeforeClearsIt() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      assertEquals(WRONG, throttle.attempt("10.0.1." + i, "wang", () -> WRONG));
    }
    assertEquals(RIGHT, throttle.attempt("10.0.2.1", "wang", () -> RIGHT), "a success clears the name's failures");
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertEquals(WRONG, throttle.attempt("10.0.3." + i, "wang", () -> WRONG));
    }
    assertThrows(LoginThrottle.Refused.class, () -> throttle.attempt("10.0.4.1", "wang", () -> RIGHT));
    assertEquals(RIGHT, throttle.attempt("10.0.4.1", "li", () -> RIGHT), "another name may");
  }

  @Test
  void failuresExpireAfterTheWindowAndACheckThatThrowsIsNotCounted() throws InterruptedException {
    LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(300));
    for (int i = 0; i < LoginThrottle.MAX_FAILURES * 2; i++) {
      assertThrows(IllegalStateException.class, () -> throttle.attempt("10.0.0.1", "wang", () -> {
        throw new IllegalStateException("users.json unreadable");
      }));
    }
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertEquals(WRONG, throttle.attempt("10.0.0.1", "wang", () -> WRONG));
    }
    assertThrows(LoginThrottle.Refused.class, () -> throttle.attempt("10.0.0.1", "wang", () -> RIGHT));
    Thread.sleep(400);
    assertEquals(RIGHT, throttle.attempt("10.0.0.1", "wang", () -> RIGHT));
  }
}
