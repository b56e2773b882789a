package cn.tianjin.makerspace.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.year;

import cn.tianjin.makerspace.cli.Options;
import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The bare jobs the benchmark compares the warehouse against (bench/ingest.sh): what plain Spark
 * does with the same data and no validation, deduplication, quarantine or atomic publish.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "The benchmarks' yardsticks: bare Spark JSON -> Parquet, bare DuckDB COPY JSON -> Parquet,"
        + " bare Spark events by district and quarter.",
    subcommands = {Baselines.Ingest.class, Baselines.DuckDb.class, Baselines.Aggregate.class})
final class Baselines {
  @ParentCommand Bench root;

  @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Bare Spark: the request logs' JSON to Parquet.")
  static final class Ingest implements Callable<Integer> {
    @ParentCommand Baselines baselines;
    @Option(names = "--landing", paramLabel = "DIR", required = true, description = "the landing zone") Path landing;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the Parquet goes") Path out;
    @Mixin Options.Spark spark;

    @Override
    public Integer call() {
      ingest(landing, out, spark.master, baselines.root.out);
      return 0;
    }
  }

  @Command(name = "duckdb", mixinStandardHelpOptions = true, description = "Bare DuckDB: COPY the request logs' JSON to one Parquet file.")
  static final class DuckDb implements Callable<Integer> {
    @ParentCommand Baselines baselines;
    @Option(names = "--landing", paramLabel = "DIR", required = true, description = "the landing zone") Path landing;
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the Parquet file") Path out;

    @Override
    public Integer call() {
      duckdb(landing, out, baselines.root.out);
      return 0;
    }
  }

  @Command(name = "aggregate", mixinStandardHelpOptions = true,
      description = "Bare Spark: the live snapshot's request events by district and quarter.")
  static final class Aggregate implements Callable<Integer> {
    @ParentCommand Baselines baselines;
    @Mixin Options.Warehouse warehouse;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the Parquet goes") Path out;
    @Mixin Options.Spark spark;

    @Override
    public Integer call() {
      aggregate(warehouse.store(), out, spark.master, baselines.root.out);
      return 0;
    }
  }

  /** The request-log fields, read as Spark's JSON source reads them with an explicit schema. */
  static final StructType EVENT_JSON =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("request_id", DataTypes.StringType)
          .add("type", DataTypes.StringType)
          .add("ts", DataTypes.TimestampType)
          .add("channel", DataTypes.StringType)
          .add("space_id", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("commissioner_id", DataTypes.StringType)
          .add("satisfaction", DataTypes.IntegerType)
          .add("note", DataTypes.StringType);

  private Baselines() {}

  /**
   * The transform benchmark's yardstick: the request events of the live snapshot, joined to their
   * space's district, grouped by district and quarter (count, average satisfaction), written out.
   */
  static void aggregate(SnapshotStore store, Path target, String master, PrintStream out) {
    Snapshot s = store.requireCurrent();
    SparkSession spark = SparkSessions.create("baseline-aggregate", master);
    try {
      long t0 = System.nanoTime();
      Dataset<Row> events = spark.read().parquet(paths(store, s, "request_events"));
      Dataset<Row> spaces = spark.read().parquet(paths(store, s, "maker_spaces"));
      events.join(spaces, "space_id")
          .groupBy(col("district_code"), concat(year(col("ts")), lit("Q"), quarter(col("ts"))).as("quarter"))
          .agg(count(lit(1)).as("events"), avg("satisfaction").as("avg_satisfaction"))
          .write().mode("overwrite").parquet(target.toString());
      out.printf("bare Spark aggregation: %.1f s inside the job%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      spark.stop();
    }
  }

  private static String[] paths(SnapshotStore store, Snapshot s, String table) {
    return s.segments(table).stream().map(seg -> store.location(seg.path())).toArray(String[]::new);
  }

  /**
   * The ingest benchmark's second yardstick (bench/run.sh): DuckDB alone, reading the same request
   * logs with the same columns and writing one Parquet file, {@code COPY ... TO}; malformed lines
   * are skipped ({@code ignore_errors}), as Spark's permissive JSON source turns them into nulls.
   */
  static void duckdb(Path landing, Path target, PrintStream out) {
    String columns = "{event_id: 'VARCHAR', request_id: 'VARCHAR', type: 'VARCHAR', ts: 'TIMESTAMPTZ', "
        + "channel: 'VARCHAR', space_id: 'VARCHAR', category: 'VARCHAR', commissioner_id: 'VARCHAR', "
        + "satisfaction: 'INTEGER', note: 'VARCHAR'}";
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = '" + ProgrammeClock.ZONE.getId() + "'");
      st.execute("COPY (SELECT * FROM read_json('" + landing.resolve("request_logs") + "/*/*.jsonl*', "
          + "format = 'newline_delimited', ignore_errors = true, columns = " + columns + ")) TO '" + target + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new UserError("DuckDB: " + e.getMessage());
    }
    out.printf("bare DuckDB COPY JSON -> Parquet: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  /** The ingest benchmark's yardstick: Spark's JSON source with an explicit schema, then Parquet. */
  static void ingest(Path landing, Path target, String master, PrintStream out) {
    SparkSession spark = SparkSessions.create("baseline-ingest", master);
    try {
      long t0 = System.nanoTime();
      spark.read().schema(EVENT_JSON).json(landing.resolve("request_logs").toString() + "/*/*.jsonl*")
          .write().mode("overwrite").parquet(target.toString());
      out.printf("bare Spark JSON -> Parquet: %.1f s inside the job%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      spark.stop();
    }
  }
}
