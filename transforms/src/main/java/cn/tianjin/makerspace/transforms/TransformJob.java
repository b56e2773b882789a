package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.common.Quarter;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.common.WorkCalendar;
import cn.tianjin.makerspace.common.WriteLock;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Recomputes every mart from the curated tables of the live snapshot, for an as-of date, and
 * publishes them with the curated tables as the next snapshot (the same mechanism as ingestion).
 */
public final class TransformJob {
  /** What a run published, its data checks (all passed), and what the reader should be warned about. */
  public record Result(Snapshot snapshot, CheckReport checks, List<String> warnings) {}

  /** Reached after every table of the next snapshot is written and before the data checks run. */
  public static final String BEFORE_CHECKS = "before-transform-checks";

  /** Reached after the data_checks table is written, just before the snapshot is published. */
  public static final String BEFORE_PUBLISH = "before-transform-publish";

  /** The fail point reached right after a mart's segment is written (see FailPoints; the crash test). */
  public static String afterMart(String mart) {
    return "after-mart-" + mart;
  }

  private final SparkSession spark;
  private final SnapshotStore store;
  private final LocalDate asOf;
  private final AwardRules rules;
  private final PrintStream out;
  private final Progress progress;
  private final boolean inFull;

  public TransformJob(SparkSession spark, SnapshotStore store, LocalDate asOf, PrintStream out) {
    this(spark, store, asOf, AwardRules.defaults(), out);
  }

  public TransformJob(SparkSession spark, SnapshotStore store, LocalDate asOf, AwardRules rules, PrintStream out) {
    this(spark, store, asOf, rules, out, false);
  }

  private TransformJob(SparkSession spark, SnapshotStore store, LocalDate asOf, AwardRules rules, PrintStream out, boolean inFull) {
    this.rules = rules;
    this.spark = spark;
    this.store = store;
    this.asOf = asOf;
    this.out = out;
    this.progress = new Progress("transform", out);
    this.inFull = inFull;
  }

  /** The same job, recomputing every request instead of refreshing the previous requests mart. */
  public TransformJob inFull() {
    return new TransformJob(spark, store, asOf, rules, out, true);
  }

  public Result run() {
    try (WriteLock lock = store.lockForWrite()) {
      Snapshot current = store.requireCurrent();
      for (String table : Marts.INPUTS) {
        if (!current.has(table)) {
          throw new UserError("snapshot " + current.id() + " has no table " + table + ": run an ingest first");
        }
        view(table, current.segments(table));
      }
      Snapshot.Builder next = current.toBuilder();
      LocalDate[] range = calendarRange(current);
      Map<String, Object> params = new HashMap<>(rules.parameters());
      params.put("as_of", asOf);
      for (String mart : Marts.ALL) {
        Snapshot.Segment segment = switch (mart) {
          case Marts.WORK_CALENDAR -> writeSmall(mart, WorkCalendarMart.SCHEMA, WorkCalendarMart.rows(spark, range[0], range[1]));
          case Marts.REQUESTS -> {
            RequestsMart.Computed requests = RequestsMart.compute(spark, store, current, asOf, params, inFull);
            requests.properties().forEach(next::property);
            yield writeMart(mart, requests.rows(), requests.how());
          }
          default -> writeMart(mart, spark.sql(SqlResources.load("marts/" + mart + ".sql"), params), null);
        };
        next.replace(mart, "transform", segment);
        if (mart.equals(Marts.REQUESTS)) {
          params.put("first_day", firstDay(segment, current));
        }
        FailPoints.reached(afterMart(mart));
      }
      next.replace(Marts.AWARD_RULES, "transform", writeSmall(Marts.AWARD_RULES, AWARD_RULES_SCHEMA, rules.values().entrySet().stream()
          .map(e -> RowFactory.create(e.getKey(), e.getValue(), rules.source(), asOf)).toList()));
      List<String> warnings = calendarWarnings();
      warnings.forEach(w -> out.println("warning: " + w));
      CheckReport checks = check(next, current);
      next.replace(DataChecksTable.NAME, "transform",
          writeSmall(DataChecksTable.NAME, DataChecksTable.SCHEMA, DataChecksTable.rows(checks, Instant.now(), asOf)));
      next.property(Snapshot.AS_OF, asOf.toString());
      FailPoints.reached(BEFORE_PUBLISH);
      Snapshot published = store.publish(next);
      progress.say("published snapshot %s (as of %s) in %s", published.id(), asOf, store.location());
      return new Result(published, checks, warnings);
    }
  }

  /**
   * Runs every data check on the next snapshot's tables, as written (the segments not yet
   * published); when one fails, nothing is published and {@link DataChecksFailed} says why.
   */
  private CheckReport check(Snapshot.Builder next, Snapshot current) {
    FailPoints.reached(BEFORE_CHECKS);
    CheckReport checks = CheckRunner.run(store, next.tables(), DataChecks.forTables(next.tables().keySet()));
    progress.say("checks: %s", checks.summary());
    if (!checks.allPassed()) {
      throw new DataChecksFailed(checks, current.id());
    }
    return checks;
  }

  private Snapshot.Segment writeMart(String mart, Dataset<Row> rows, String how) {
    String path = store.newSegmentPath(mart);
    rows.write().parquet(store.location(path));
    Snapshot.Segment segment = store.segment(path, "transform");
    view(mart, List.of(segment)); // later marts read the written one
    progress.say("%s: %,d rows%s", mart, segment.rows(), how == null ? "" : " (" + how + ")");
    return segment;
  }

  /** A table computed on the driver (thousands of rows), written without a Spark job. */
  private Snapshot.Segment writeSmall(String table, StructType schema, List<Row> rows) {
    String path = store.newSegmentPath(table);
    store.writeSmallTable(path, schema, rows);
    Snapshot.Segment segment = store.segment(path, "transform");
    view(table, List.of(segment));
    progress.say("%s: %,d rows", table, segment.rows());
    return segment;
  }

  /** award_rules: one row per rule, with the file it came from and the run's as-of date. */
  static final StructType AWARD_RULES_SCHEMA =
      new StructType()
          .add("rule", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, false)
          .add("source", DataTypes.StringType, false)
          .add("as_of", DataTypes.DateType, false);

  private void view(String table, List<Snapshot.Segment> segments) {
    store.read(spark, segments).createOrReplaceTempView(table);
  }

  /**
   * The calendar covers the programme's first year (2015) or the earliest event, whichever is
   * earlier, through the end of the as-of date's quarter or the latest event, plus 60 days for
   * deadlines (of feedback and of the quarter's report) that fall after them.
   */
  private LocalDate[] calendarRange(Snapshot snapshot) {
    LocalDate first = LocalDate.of(WorkCalendar.FIRST_COVERED_YEAR, 1, 1);
    LocalDate last = Quarter.of(asOf).lastDay();
    var events = store.range(snapshot.segments("request_events"), "ts", Instant.class); // from the footers: no scan
    if (events.isPresent()) {
      LocalDate min = events.get().get(0).atZone(ProgrammeClock.ZONE).toLocalDate();
      LocalDate max = events.get().get(1).atZone(ProgrammeClock.ZONE).toLocalDate();
      first = min.isBefore(first) ? min : first;
      last = max.isAfter(last) ? max : last;
    }
    return new LocalDate[] {first, last.plusDays(60)};
  }

  /**
   * The first day the KPI marts cover (parameter {@code :first_day}): the earliest of the first
   * request's received date, the first day of the earliest quarter a report was filed for, and
   * the as-of date. From the Parquet footers, so that the marts need no scalar subquery.
   */
  private LocalDate firstDay(Snapshot.Segment requests, Snapshot current) {
    LocalDate first = asOf;
    var received = store.range(List.of(requests), "received_date", LocalDate.class);
    if (received.isPresent() && received.get().get(0).isBefore(first)) {
      first = received.get().get(0);
    }
    var quarters = store.range(current.segments("quarterly_reports"), "quarter", String.class);
    if (quarters.isPresent()) {
      LocalDate start = Quarter.parse(quarters.get().get(0)).firstDay(); // checked by the ingest
      first = start.isBefore(first) ? start : first;
    }
    return first;
  }

  /**
   * A date outside the official calendar is not guessed silently: weekends are off, weekdays on,
   * and the run names the uncovered years that a published figure depends on (the as-of date
   * and the deadlines).
   */
  private List<String> calendarWarnings() {
    TreeSet<Integer> covered = new TreeSet<>();
    for (int y = WorkCalendar.FIRST_COVERED_YEAR; y <= WorkCalendar.LAST_COVERED_YEAR; y++) {
      covered.add(y);
    }
    spark.sql("select distinct year(date) from workday_overrides where source <> 'project'")
        .collectAsList()
        .forEach(row -> covered.add(row.getInt(0)));
    Row used = spark.sql("select min(received_date), max(deadline_date) from requests").first();
    LocalDate from = used.isNullAt(0) ? asOf : used.getAs(0);
    LocalDate to = used.isNullAt(1) || asOf.isAfter(used.getAs(1)) ? asOf : used.getAs(1);
    List<Integer> missing = new ArrayList<>();
    for (int y = from.getYear(); y <= to.getYear(); y++) {
      if (!covered.contains(y)) {
        missing.add(y);
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    return List.of(String.format(Locale.ROOT,
        "no official working-day calendar for %s: weekends are taken as days off and weekdays as working days"
            + " (add the State Council's holiday notice to reference/workday_overrides.csv)",
        missing));
  }
}
