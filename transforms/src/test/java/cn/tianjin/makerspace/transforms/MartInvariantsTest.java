package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The marts' invariants, dbt-style, on a generated landing zone run through the real pipeline:
 * each query counts the rows that break one rule, and must find none.
 */
class MartInvariantsTest extends SparkTestBase {
  @TempDir static Path tmp;

  @BeforeAll
  static void runThePipeline() {
    Path landing = tmp.resolve("landing");
    new LandingGenerator(0.05, 3).generate(landing);
    SnapshotStore store = new SnapshotStore(tmp.resolve("wh"));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    new IngestJob(spark, new LandingZone(landing), store, quiet).run();
    new TransformJob(spark, store, LocalDate.of(2026, 11, 28), quiet).run();
    Snapshot s = store.requireCurrent();
    s.tables().forEach((table, segments) ->
        spark.read().parquet(segments.stream().map(seg -> store.resolve(seg.path()).toString()).toArray(String[]::new))
            .createOrReplaceTempView(table));
  }

  /** Each query returns the number of offending rows. */
  @ParameterizedTest
  @ValueSource(strings = {
      // unique, non-null keys
      "select count(*) - count(distinct date) + count_if(date is null or is_working_day is null) from work_calendar",
      "select count(*) - count(distinct request_id) + count_if(request_id is null) from requests",
      "select count(*) - count(distinct district_code, quarter) + count_if(district_code is null or quarter is null) from kpi_district_quarter",
      // accepted values
      "select count_if(sla_status not in ('ON_TIME', 'LATE', 'OPEN_OVERDUE', 'OPEN_WITHIN_SLA') or sla_status is null) from requests",
      "select count_if(report_status not in ('ON_TIME', 'LATE', 'MISSING', 'NOT_DUE') or report_status is null) from kpi_district_quarter",
      "select count_if(channel not in ('ONSITE', 'HOTLINE', 'WEB', 'WECHAT')) from requests",
      "select count(*) from requests where category not in (select category_code from service_categories)",
      "select count(*) from requests where district_code not in (select district_code from districts)",
      // the requests mart's own rules
      "select count_if(deadline_date <= received_date or feedback_working_days < 0) from requests",
      "select count_if((feedback_date is null) <> (feedback_working_days is null) or (feedback_date is null) <> (feedback_commissioner_id is null)) from requests",
      "select count_if(sla_status in ('ON_TIME', 'LATE') and feedback_date is null or sla_status like 'OPEN%' and feedback_date is not null) from requests",
      "select count_if(satisfaction not between 1 and 5) from requests",
      // sums that add up, rates within [0, 1]
      "select count_if(feedback_on_time + feedback_late + open_overdue > requests_received) from kpi_district_quarter",
      "select count_if(spaces_covered > spaces_operating or onsite_compliant_weeks > onsite_required_weeks or groups_undersized > groups_active) from kpi_district_quarter",
      "select count_if(coverage_rate not between 0 and 1 or onsite_compliance_rate not between 0 and 1 or sla_on_time_rate not between 0 and 1) from kpi_district_quarter",
      "select abs((select sum(requests_received) from kpi_district_quarter) - (select count(*) from requests))",
      "select count_if(report_status in ('ON_TIME', 'LATE') and report_first_submitted_on is null) from kpi_district_quarter",
      // kpi_commissioner_year
      "select count(*) - count(distinct commissioner_id, year) + count_if(commissioner_id is null or year is null) from kpi_commissioner_year",
      "select count_if(on_time_rate not between 0 and 1 or requests_handled < 0 or onsite_hours < 0 or qualified is null) from kpi_commissioner_year",
      "select count_if(qualified = (qualification_issues is not null)) from kpi_commissioner_year",
      "select abs((select sum(requests_handled) from kpi_commissioner_year) - (select count(*) from requests where feedback_commissioner_id is not null and feedback_commissioner_id in (select commissioner_id from commissioners)))",
      // award_shortlist: at most 2 per district and 10 per year, ranks 1..k, eligible only, scores add up
      "select count(*) from (select year, district_code from award_shortlist group by 1, 2 having count(*) > 2)",
      "select count(*) from (select year from award_shortlist group by 1 having count(*) > 10 or max(rank) <> count(*) or count(distinct rank) <> count(*))",
      "select count(*) - count(distinct year, commissioner_id) from award_shortlist",
      "select count_if(score <> score_sla + score_onsite + score_satisfaction + score_volume or score not between 0 and 100) from award_shortlist",
      "select count_if(requests_handled < 20 or on_time_rate < 0.9 or onsite_hours < 40 or avg_satisfaction is null) from award_shortlist",
      "select count(*) from award_shortlist a join award_shortlist b on a.year = b.year and a.rank < b.rank"
          + " where a.score < b.score or a.score = b.score and (a.requests_handled < b.requests_handled"
          + " or a.requests_handled = b.requests_handled and a.commissioner_id > b.commissioner_id)",
      "select count_if(provisional <> (year >= 2026)) from award_shortlist",
  })
  void noRowBreaksTheRule(String query) {
    assertEquals(0L, ((Number) spark.sql(query).first().get(0)).longValue(), query);
  }

  @Test
  void everyDistrictHasEveryQuarter() {
    long districts = spark.sql("select count(*) from districts").first().getLong(0);
    List<Long> perQuarter = spark.sql("select count(*) from kpi_district_quarter group by quarter").collectAsList().stream().map(r -> r.getLong(0)).distinct().toList();
    assertEquals(List.of(districts), perQuarter);
    assertEquals(List.of("2024Q1", "2026Q4"),
        List.of(spark.sql("select min(quarter) from kpi_district_quarter").first().getString(0),
            spark.sql("select max(quarter) from kpi_district_quarter").first().getString(0)));
    assertTrue(spark.sql("select count(*) from requests").first().getLong(0) > 1000, "the generated data has requests");
    assertEquals(List.of(2024, 2025, 2026), spark.sql("select distinct year from award_shortlist order by 1").collectAsList().stream()
        .map(r -> r.getInt(0)).toList(), "a shortlist every year, so the award rules above are not checked on nothing");
  }
}
