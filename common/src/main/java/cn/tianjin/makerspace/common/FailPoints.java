package cn.tianjin.makerspace.common;

/**
 * Named points in a writer's progress, for the crash tests. When the environment variable
 * {@code WAREHOUSE_PAUSE_AT} names a point, the process prints {@code PAUSED AT <point>} and
 * waits there, so a test can kill it (kill -9) at exactly that moment. An in-process test can
 * instead make a point throw ({@link #failAt}), to see a writer fail there, or run an action
 * there ({@link #runAt}), e.g. to spoil a table a later step must catch. Otherwise a no-op.
 */
public final class FailPoints {
  private static final String PAUSE_AT = System.getenv("WAREHOUSE_PAUSE_AT");

  private static volatile String failAt;

  private static final java.util.Map<String, Runnable> ACTIONS = new java.util.concurrent.ConcurrentHashMap<>();

  private FailPoints() {}

  /** From now on {@link #reached}{@code (point)} throws, in this process; {@code null} ends that. */
  public static void failAt(String point) {
    failAt = point;
  }

  /** From now on {@link #reached}{@code (point)} runs {@code action}, in this process; {@code null} ends that. */
  public static void runAt(String point, Runnable action) {
    if (action == null) {
      ACTIONS.remove(point);
    } else {
      ACTIONS.put(point, action);
    }
  }

  public static void reached(String point) {
    Runnable action = ACTIONS.get(point);
    if (action != null) {
      action.run();
    }
    if (point.equals(failAt)) {
      throw new IllegalStateException("forced failure at " + point);
    }
    if (PAUSE_AT != null && PAUSE_AT.equals(point)) {
      System.out.println("PAUSED AT " + point);
      System.out.flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
