package cn.tianjin.makerspace.common;

/**
 * Named points in a writer's progress, for the crash tests. When the environment variable
 * {@code WAREHOUSE_PAUSE_AT} names a point, the process prints {@code PAUSED AT <point>} and
 * waits there, so a test can kill it (kill -9) at exactly that moment. An in-process test can
 * instead make a point throw ({@link #failAt}), to see a writer fail there. Otherwise a no-op.
 */
public final class FailPoints {
  private static final String PAUSE_AT = System.getenv("WAREHOUSE_PAUSE_AT");

  private static volatile String failAt;

  private FailPoints() {}

  /** From now on {@link #reached}{@code (point)} throws, in this process; {@code null} ends that. */
  public static void failAt(String point) {
    failAt = point;
  }

  public static void reached(String point) {
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
