package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs data checks with Spark SQL over the temporary views of the tables they name. A check is
 * run once for up to {@link #SAMPLES} of its offending rows: none, it passed (one job, and no
 * final aggregation stage as a {@code count(*)} would add); fewer than {@link #SAMPLES}, they are
 * all; otherwise a {@code count(*)} over its query gives the number. Nothing is cached. The checks
 * are submitted from a few driver threads at once, so that one check's planning and scheduling
 * overlap another's work.
 *
 * <p>A check's cost is Spark's fixed cost per query and stage far more than its rows (the marts
 * are small, {@code requests} a few hundred thousand rows), so while they run the session plans
 * them the cheap way ({@link #CHEAP}): no whole-stage code generation (Janino compiling a class
 * per stage costs more than interpreting a few thousand rows), no adaptive re-planning, one
 * shuffle partition, and a limit that reads every partition in its first job. The settings are
 * restored afterwards. Measured in docs/benchmarks.md, Data checks.
 */
public final class CheckRunner {
  /** Offending rows shown per failing check. */
  public static final int SAMPLES = 5;

  private static final int THREADS = 4;

  /** Session settings while the checks run (see above). */
  private static final Map<String, String> CHEAP =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          "spark.sql.adaptive.enabled", "false",
          "spark.sql.shuffle.partitions", "1",
          "spark.sql.limit.initialNumPartitions", "100000");

  private final SparkSession spark;

  public CheckRunner(SparkSession spark) {
    this.spark = spark;
  }

  /** Runs the checks of {@code snapshot}'s tables over views of them (the {@code check} command). */
  public static CheckReport checkSnapshot(SparkSession spark, SnapshotStore store, Snapshot snapshot) {
    snapshot.tables().forEach((table, segments) -> store.read(spark, segments).createOrReplaceTempView(table));
    return new CheckRunner(spark).run(DataChecks.forTables(snapshot.tables().keySet()));
  }

  /** Runs {@code checks} over the session's views; their results in the same order. */
  public CheckReport run(List<DataCheck> checks) {
    long start = System.nanoTime();
    Map<String, String> before = new HashMap<>();
    CHEAP.forEach((key, value) -> {
      before.put(key, spark.conf().get(key));
      spark.conf().set(key, value);
    });
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "data-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CheckResult>> running = new ArrayList<>();
      for (DataCheck check : checks) {
        running.add(pool.submit(() -> run(check)));
      }
      List<CheckResult> results = new ArrayList<>();
      for (Future<CheckResult> f : running) {
        results.add(f.get());
      }
      return new CheckReport(results, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the data checks", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
      before.forEach(spark.conf()::set);
    }
  }

  private CheckResult run(DataCheck check) {
    try {
      Dataset<Row> offending = spark.sql(check.sql());
      String[] columns = offending.columns();
      List<Row> samples = offending.limit(SAMPLES).collectAsList();
      if (samples.isEmpty()) {
        return new CheckResult(check, 0, List.of());
      }
      long failing = samples.size() < SAMPLES ? samples.size()
          : spark.sql("select count(*) from (\n" + check.sql() + "\n) as offending").first().getLong(0);
      return new CheckResult(check, failing, samples.stream().map(row -> text(columns, row)).toList());
    } catch (RuntimeException e) {
      throw new IllegalStateException("data check " + check.name() + " (" + check.source() + ") cannot run: " + e.getMessage(), e);
    }
  }

  /** {@code column=value, …} */
  private static String text(String[] columns, Row row) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      s.append(i == 0 ? "" : ", ").append(columns[i]).append('=').append(row.isNullAt(i) ? "null" : row.get(i));
    }
    return s.toString();
  }
}
