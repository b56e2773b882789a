package cn.tianjin.makerspace.common;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local[2] SparkSession per test JVM, built the way the jobs build theirs: started before the
 * first test class that needs it, stopped when the JVM's tests are done (a session costs 4-5 s to
 * start). Test classes share it: a test must leave no state in it that another could see (the
 * jobs' temporary views are replaced by name, their settings are the same every run).
 */
public final class SharedSpark implements BeforeAllCallback {
  /** The session as a resource of the root context, stopped when JUnit closes that context. */
  private record Session(SparkSession spark) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      spark.stop();
    }
  }

  private static volatile SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    session = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedSpark.class, k -> new Session(SparkSessions.create("test", "local[2]")), Session.class).spark();
  }

  /** The shared session (after the extension's {@code beforeAll}). */
  public static SparkSession session() {
    if (session == null) {
      throw new IllegalStateException("no shared SparkSession: extend SparkTestBase or add @ExtendWith(SharedSpark.class)");
    }
    return session;
  }
}
