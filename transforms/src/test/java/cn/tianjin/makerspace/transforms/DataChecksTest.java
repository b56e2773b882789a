package cn.tianjin.makerspace.transforms;

import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.common.SpoiledSegments;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's data checks (the marts' invariants, dbt-style) on a generated landing zone run
 * through the real pipeline: every check passes there, and a spoiled mart is caught before
 * anything is published.
 */
@Tag("spark")
class DataChecksTest extends SparkTestBase {
  @TempDir static Path tmp;
  static SnapshotStore store;
  static TransformJob.Result result;
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

  @BeforeAll
  static void runThePipeline() {
    Path landing = tmp.resolve("landing");
    new LandingGenerator(0.05, 3).generate(landing);
    store = new SnapshotStore(tmp.resolve("wh"));
    new IngestJob(spark, new LandingZone(landing), store, quiet()).run();
    result = new TransformJob(spark, store, AS_OF, quiet()).run();
    System.out.println("DataChecksTest fixture: checks " + result.checks().summary());
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void everyCheckPassesOnTheGeneratedWarehouse() {
    CheckReport report = result.checks();
    assertEquals(List.of(), report.failures().stream().map(r -> r.check().name() + ": " + r.samples()).toList());
    assertTrue(report.results().size() >= 30, "at least 30 checks, not " + report.results().size());
    assertEquals(DataChecks.all().size(), report.results().size(), "every check ran");
  }

  /** Every rule MartInvariantsTest held is a check of the product (none lost in the move). */
  @Test
  void theFormerInvariantsAreChecks() {
    Set<String> names = DataChecks.all().stream().map(DataCheck::name).collect(Collectors.toSet());
    for (String name : List.of(
        "work_calendar.unique_date", "work_calendar.is_working_day_not_null",
        "requests.unique_request_id", "kpi_district_quarter.unique_district_quarter",
        "requests.accepted_sla_status", "kpi_district_quarter.accepted_report_status", "requests.accepted_channel",
        "requests.category_in_service_categories", "requests.district_in_districts",
        "requests.deadline_after_received", "requests.feedback_columns_together", "requests.sla_status_matches_feedback",
        "requests.satisfaction_1_to_5",
        "kpi_district_quarter.outcomes_within_received", "kpi_district_quarter.parts_within_wholes",
        "kpi_district_quarter.rates_within_0_1", "kpi_district_quarter.requests_received_reconcile",
        "kpi_district_quarter.submitted_report_has_date", "kpi_district_quarter.every_district_every_quarter",
        "kpi_commissioner_year.unique_commissioner_year", "kpi_commissioner_year.values_in_range",
        "kpi_commissioner_year.qualified_iff_no_issues", "kpi_commissioner_year.requests_handled_reconcile",
        "award_shortlist.max_per_district", "award_shortlist.max_total_and_ranks", "award_shortlist.unique_commissioner_year",
        "award_shortlist.score_is_sum_of_components", "award_shortlist.eligible_only", "award_shortlist.ordered_by_score",
        "award_shortlist.provisional_until_year_end", "ingest_runs.rows_balance")) {
      assertTrue(names.contains(name), "missing check " + name);
    }
  }

  /** The checks run on real rows: the fixture has requests, every quarter and a shortlist every year. */
  @Test
  void theFixtureGivesTheChecksSomethingToCheck() {
    Snapshot s = store.requireCurrent();
    s.tables().forEach((table, segments) -> store.read(spark, segments).createOrReplaceTempView(table));
    assertEquals(List.of("2024Q1", "2026Q4"), List.of(
        spark.sql("select min(quarter) from kpi_district_quarter").first().getString(0),
        spark.sql("select max(quarter) from kpi_district_quarter").first().getString(0)));
    assertTrue(spark.sql("select count(*) from requests").first().getLong(0) > 1000, "the generated data has requests");
    assertEquals(List.of(2024, 2025, 2026), spark.sql("select distinct year from award_shortlist order by 1").collectAsList().stream()
        .map(r -> r.getInt(0)).toList(), "a shortlist every year, so the award rules are not checked on nothing");
    assertTrue(spark.sql("select count(*) from award_shortlist group by year having count(*) = 10").count() > 0,
        "a year with a full shortlist, so the caps are checked at their limit");
  }

  @Test
  void theResultsArePublishedAsDataChecks() {
    Snapshot s = store.requireCurrent();
    Dataset<Row> table = store.read(spark, s.segments("data_checks"));
    assertEquals(result.checks().results().size(), table.count());
    Row row = table.where("check_name = 'award_shortlist.max_per_district'").first();
    assertEquals("award_shortlist", row.getAs("table_name"));
    assertEquals("PASS", row.getAs("status"));
    assertEquals(0L, (long) row.getAs("failing_rows"));
    assertEquals(AS_OF, row.getAs("as_of"));
    assertTrue(((String) row.getAs("description")).startsWith("No district has more than max_per_district"));
  }

  /**
   * A requests row duplicated after the marts are written breaks requests.unique_request_id: the
   * real check finds the real row, the run throws, and the live snapshot stays the one before.
   */
  @Test
  void aBrokenMartIsNotPublished() {
    Snapshot before = store.requireCurrent();
    FailPoints.runAt(TransformJob.BEFORE_CHECKS,
        () -> SpoiledSegments.duplicateFirstRow(store.resolve(""), "requests", "request_id"));
    DataChecksFailed failed;
    try {
      failed = assertThrows(DataChecksFailed.class, () -> new TransformJob(spark, store, AS_OF, quiet()).run());
    } finally {
      FailPoints.runAt(TransformJob.BEFORE_CHECKS, null);
    }
    assertEquals(before.id(), store.requireCurrent().id(), "nothing published");
    List<String> failing = failed.report().failures().stream().map(r -> r.check().name()).toList();
    assertTrue(failing.contains("requests.unique_request_id"), failing.toString());
    CheckResult duplicate = failed.report().failures().stream()
        .filter(r -> r.check().name().equals("requests.unique_request_id")).findFirst().orElseThrow();
    assertEquals(1, duplicate.failingRows());
    String first = store.read(spark, before.segments("requests")).agg(min("request_id")).first().getString(0);
    assertEquals(List.of("request_id=" + first + ", copies=2"), duplicate.samples());
    assertTrue(failed.getMessage().startsWith("data checks failed: "), failed.getMessage());
    assertTrue(failed.getMessage().contains("nothing published (snapshot " + before.id() + " stays live)"), failed.getMessage());
    assertTrue(failed.getMessage().contains("\n  requests.unique_request_id: 1 offending row (Each request has exactly one row"), failed.getMessage());
    assertTrue(failed.getMessage().contains("\n    request_id=" + first + ", copies=2"), failed.getMessage());
    assertFalse(failed.getMessage().contains("award_shortlist"), "only the failing checks are named: " + failed.getMessage());
  }
}
