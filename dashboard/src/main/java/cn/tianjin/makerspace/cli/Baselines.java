package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.common.UserError;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The bare jobs the benchmark compares the warehouse against (bench/ingest.sh): what plain Spark
 * does with the same data and no validation, deduplication, quarantine or atomic publish.
 */
final class Baselines {
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

  static void run(Args a, PrintStream out) {
    String what = a.positional.isEmpty() ? "" : a.positional.get(0);
    if (!what.equals("ingest")) {
      throw new UserError("usage: ./warehouse baseline ingest --landing DIR --out DIR [--master URL]");
    }
    Path landing = Path.of(a.required("landing"));
    Path target = Path.of(a.required("out"));
    SparkSession spark = SparkSessions.create("baseline-ingest", a.get("master", null));
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
