package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * award_eligibility.sql, award_candidates.sql and award_shortlist.sql on inline
 * kpi_commissioner_year rows: eligibility rule by rule, scores, caps, ties, how far a near miss is behind.
 */
@Tag("spark")
class AwardShortlistTest extends SparkTestBase {
  @TempDir Path tmp;

  @BeforeAll
  static void inputs() {
    StructType kpi = new StructType()
        .add("commissioner_id", DataTypes.StringType).add("year", DataTypes.IntegerType).add("district_code", DataTypes.StringType)
        .add("requests_handled", DataTypes.LongType).add("on_time_rate", DataTypes.DoubleType).add("onsite_sessions", DataTypes.LongType)
        .add("onsite_hours", DataTypes.DoubleType).add("avg_satisfaction", DataTypes.DoubleType).add("qualified", DataTypes.BooleanType)
        .add("qualification_issues", DataTypes.StringType);
    List<Row> rows = List.of(
        RowFactory.create("A1", 2025, "D1", 100L, 0.95, 30L, 250.0, 4.5, true, null),
        RowFactory.create("B1", 2025, "D1", 50L, 0.92, 12L, 100.0, 4.0, true, null),
        RowFactory.create("C1", 2025, "D1", 60L, 0.99, 40L, 300.0, 5.0, true, null),
        RowFactory.create("D1", 2025, "D2", 19L, 1.0, 40L, 300.0, 5.0, true, null),          // too few requests
        RowFactory.create("E1", 2025, "D2", 90L, 0.89, 40L, 300.0, 5.0, true, null),         // on time below 90%
        RowFactory.create("F1", 2025, "D2", 90L, 1.0, 5L, 39.5, 5.0, true, null),            // under 40 hours on site
        RowFactory.create("G1", 2025, "D2", 90L, 1.0, 40L, 300.0, null, true, null),         // no satisfaction
        RowFactory.create("H1", 2025, "D2", 90L, 1.0, 40L, 300.0, 5.0, false, "NO_DEPARTMENT"),
        RowFactory.create("I1", 2025, "D3", 80L, 0.9, 30L, 200.0, 4.2, true, null),
        RowFactory.create("J1", 2025, "D3", 80L, 0.9, 30L, 200.0, 4.2, true, null),          // tied with I1
        RowFactory.create("L1", 2026, "D4", 20L, 0.95, 10L, 40.0, 4.013, true, null));       // alone in 2026
    spark.createDataFrame(rows, kpi).createOrReplaceTempView("kpi_commissioner_year");
    StructType c = new StructType().add("commissioner_id", DataTypes.StringType).add("name", DataTypes.StringType);
    spark.createDataFrame(rows.stream().map(r -> RowFactory.create(r.getString(0), "专员" + r.getString(0))).toList(), c)
        .createOrReplaceTempView("commissioners");
  }

  static List<String> shortlist(AwardRules rules) {
    Map<String, Object> params = new HashMap<>(rules.parameters());
    params.put("as_of", LocalDate.of(2026, 1, 15));
    spark.sql(SqlResources.load("marts/award_eligibility.sql"), params).createOrReplaceTempView("award_eligibility");
    spark.sql(SqlResources.load("marts/award_candidates.sql"), params).createOrReplaceTempView("award_candidates");
    return spark.sql(SqlResources.load("marts/award_shortlist.sql"), params).orderBy("year", "rank").collectAsList().stream()
        .map(r -> r.getAs("year") + " #" + r.getAs("rank") + " " + r.getAs("commissioner_id") + " " + r.getAs("score") + " = "
            + r.getAs("score_sla") + " + " + r.getAs("score_onsite") + " + " + r.getAs("score_satisfaction") + " + " + r.getAs("score_volume")
            + (Boolean.TRUE.equals(r.getAs("provisional")) ? " provisional" : ""))
        .toList();
  }

  @Test
  void defaultRules() {
    // percent rank of requests among the eligible A1 100, B1 50, C1 60, I1 80, J1 80:
    // B1 0, C1 0.25, I1 = J1 0.5 (ties share the lowest rank), A1 1. D1 keeps its best two.
    // L1 is alone in 2026 (volume 20); 20 × (4.013 − 1) / 4 = 15.065 rounds half-up to 15.07.
    assertEquals(List.of(
        "2025 #1 A1 95.50 = 38.00 + 20.00 + 17.50 + 20.00",
        "2025 #2 C1 84.60 = 39.60 + 20.00 + 20.00 + 5.00",
        "2025 #3 I1 82.00 = 36.00 + 20.00 + 16.00 + 10.00",
        "2025 #4 J1 82.00 = 36.00 + 20.00 + 16.00 + 10.00",
        "2026 #1 L1 77.07 = 38.00 + 4.00 + 15.07 + 20.00 provisional"),
        shortlist(AwardRules.defaults()));
    // B1 is eligible but its district already has two better candidates
    assertEquals("B1 61.80 5 3 DISTRICT_CAP",
        spark.sql("select concat_ws(' ', commissioner_id, score, eligible_position, district_position, not_shortlisted_reason)"
            + " from award_candidates where not shortlisted").first().getString(0));
    // ... one place and 84.60 − 61.80 points behind C1, the district's second
    assertEquals("B1 1 22.80", spark.sql("select concat_ws(' ', commissioner_id, places_behind, points_behind)"
        + " from award_candidates where not shortlisted").first().getString(0));
  }

  /** Each commissioner of 2025 who is not a candidate fails exactly the one rule the row was made to fail. */
  @Test
  void eligibilityRuleByRule() {
    shortlist(AwardRules.defaults());
    assertEquals(List.of(
        "A1 0 true", "B1 0 true", "C1 0 true",
        "D1 1 false requests_handled", "E1 1 false on_time_rate", "F1 1 false onsite_hours", "G1 1 false satisfaction",
        "H1 1 false qualified", "I1 0 true", "J1 0 true"),
        spark.sql("select concat_ws(' ', commissioner_id, rules_failed, eligible,"
            + " case when not requests_handled_met then 'requests_handled' end, case when not on_time_rate_met then 'on_time_rate' end,"
            + " case when not onsite_hours_met then 'onsite_hours' end, case when not satisfaction_met then 'satisfaction' end,"
            + " case when not qualified then 'qualified' end)"
            + " from award_eligibility where year = 2025 order by commissioner_id").collectAsList().stream().map(r -> r.getString(0)).toList());
    assertEquals(List.of("A1", "B1", "C1", "I1", "J1"),
        spark.sql("select commissioner_id from award_candidates where year = 2025 order by 1").collectAsList().stream().map(r -> r.getString(0)).toList(),
        "the candidates are the eligible rows");
  }

  /** With one place in all, the others the district cap let through are behind the first by places and points. */
  @Test
  void behindTheTotalCap() throws Exception {
    Path file = tmp.resolve("one.properties");
    Files.writeString(file, new String(AwardShortlistTest.class.getResourceAsStream("/award-rules.properties").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("max_total = 10", "max_total = 1"));
    shortlist(AwardRules.load(file));
    assertEquals(List.of("B1 DISTRICT_CAP 1 22.80", "C1 TOTAL_CAP 1 10.90", "I1 TOTAL_CAP 2 13.50", "J1 TOTAL_CAP 3 13.50"),
        spark.sql("select concat_ws(' ', commissioner_id, not_shortlisted_reason, places_behind, points_behind)"
            + " from award_candidates where year = 2025 and not shortlisted order by 1").collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void rulesComeFromTheConfigurationFile() throws Exception {
    Path file = tmp.resolve("rules.properties");
    String text = new String(AwardShortlistTest.class.getResourceAsStream("/award-rules.properties").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("max_total = 10", "max_total = 2").replace("max_per_district = 2", "max_per_district = 1");
    Files.writeString(file, text);
    assertEquals(List.of(
        "2025 #1 A1 95.50 = 38.00 + 20.00 + 17.50 + 20.00",
        "2025 #2 I1 82.00 = 36.00 + 20.00 + 16.00 + 10.00",
        "2026 #1 L1 77.07 = 38.00 + 4.00 + 15.07 + 20.00 provisional"),
        shortlist(AwardRules.load(file)));
    Files.writeString(file, text.replace("min_on_time_rate = 0.90", "min_on_time_rate = ninety"));
    UserError e = assertThrows(UserError.class, () -> AwardRules.load(file));
    assertTrue(e.getMessage().contains("'min_on_time_rate' must be a non-negative number"), e.getMessage());
  }
}
