package cn.tianjin.makerspace.common;

import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is built: local mode by default, any master by argument. */
public final class SparkSessions {
  public static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  public static SparkSession create(String appName, String master) {
    // --master wins; else the master spark-submit passes (spark.master); else local mode
    String chosen = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(chosen)
            // Every date in the contract is an Asia/Shanghai date.
            .config("spark.sql.session.timeZone", ProgrammeClock.ZONE.getId())
            // Instants, readable by DuckDB as TIMESTAMP WITH TIME ZONE (the default is INT96).
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions()))
            .config("spark.sql.adaptive.enabled", "true")
            // Reference tables, calendars and marts are small: join them by broadcast.
            .config("spark.sql.autoBroadcastJoinThreshold", Long.toString(64L << 20))
            // Dates and timestamps cross the Java API as LocalDate and Instant.
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // Local files without forked chmod processes and .crc files (see NioLocalFileSystem).
            .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
            // Our output files are Parquet only; Spark's _SUCCESS markers are not needed.
            .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
            .config("spark.hadoop.parquet.enable.summary-metadata", "false");
    if (chosen.startsWith("local")) {
      // One executor: no task can be closer to its data than another. Without this a task whose
      // HDFS blocks name another host waited for a better offer that local mode never makes again
      // (a refresh on HDFS hung, one task of a write never launched).
      builder.config("spark.locality.wait", "0s");
    }
    String jars = System.getProperty("warehouse.spark.jars");
    if (jars != null && !jars.isBlank() && !chosen.startsWith("local")) {
      // On a cluster the executors need the application's own classes (lambdas, validators).
      builder.config("spark.jars", jars);
    }
    if (chosen.startsWith("spark://")) {
      builder.config("spark.driver.host", System.getProperty("warehouse.driver.host", "127.0.0.1"));
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  private static int shufflePartitions() {
    return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
  }
}
