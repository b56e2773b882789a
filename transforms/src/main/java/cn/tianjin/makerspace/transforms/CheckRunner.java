package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.DuckDbTables;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs data checks with an embedded DuckDB over the Parquet segments of the tables they name: the
 * segments a transform has just written (before it publishes them), or a published snapshot's
 * (the {@code check} command). Each check runs once for up to {@link #SAMPLES} of its offending
 * rows: none, it passed; fewer than {@link #SAMPLES}, they are all; otherwise a {@code count(*)}
 * over its query gives the number.
 *
 * <p>Why DuckDB and not the transform's own Spark session: a check is a small query over small
 * tables, and Spark's fixed cost per query (planning, scheduling a job per stage) made 66 checks
 * take 19% of a transform at 2M events; DuckDB answers each in milliseconds, from the same files
 * the dashboard will read. Measured in docs/benchmarks.md, Data checks.
 */
public final class CheckRunner {
  /** Offending rows shown per failing check. */
  public static final int SAMPLES = 5;

  /** DuckDB's memory while the checks run (it spills to a temporary folder beyond that). */
  private static final String MEMORY = "2GB";

  private CheckRunner() {}

  /** Runs the checks of {@code snapshot}'s tables (the {@code check} command). */
  public static CheckReport checkSnapshot(SnapshotStore store, Snapshot snapshot) {
    return run(store, snapshot.tables(), DataChecks.forTables(snapshot.tables().keySet()));
  }

  /**
   * Runs {@code checks} over {@code tables} (name to segments of {@code store}); their results in
   * the same order.
   */
  public static CheckReport run(SnapshotStore store, Map<String, List<Snapshot.Segment>> tables, List<DataCheck> checks) {
    long start = System.nanoTime();
    try (Connection c = DuckDbTables.open(); Statement s = c.createStatement()) {
      s.execute("SET memory_limit = '" + MEMORY + "'");
      DuckDbTables.create(s, store, tables, DuckDbTables.Kind.VIEWS);
      List<CheckResult> results = new ArrayList<>();
      for (DataCheck check : checks) {
        results.add(run(s, check));
      }
      return new CheckReport(results, (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the tables " + tables.keySet() + " in DuckDB for the data checks: " + e.getMessage(), e);
    }
  }

  private static CheckResult run(Statement s, DataCheck check) {
    try {
      List<String> samples = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select * from (\n" + check.sql() + "\n) as offending limit " + SAMPLES)) {
        while (rs.next()) {
          samples.add(text(rs));
        }
      }
      if (samples.size() < SAMPLES) {
        return new CheckResult(check, samples.size(), samples);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from (\n" + check.sql() + "\n) as offending")) {
        rs.next();
        return new CheckResult(check, rs.getLong(1), samples);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("data check " + check.name() + " (" + check.source() + ") cannot run: " + e.getMessage(), e);
    }
  }

  /** {@code column=value, …} */
  private static String text(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      s.append(i == 1 ? "" : ", ").append(meta.getColumnLabel(i)).append('=').append(value == null ? "null" : value);
    }
    return s.toString();
  }
}
