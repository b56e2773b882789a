package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.common.SqlResources;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** kpi_commissioner_year.sql on inline rows: Art. 5 qualification, attribution by feedback year. */
@Tag("spark")
class KpiCommissionerYearTest extends SparkTestBase {
  @Test
  void qualificationAndYearlyFigures() {
    LocalDate d = LocalDate.of(2020, 2, 29);
    spark.createDataFrame(List.of(
            RowFactory.create("Q1", "一", "120101", "区科技局", d, true),
            RowFactory.create("Q2", "二", "120101", "区科技局", d, true),
            RowFactory.create("Q3", "三", "120101", null, LocalDate.of(2010, 1, 1), false),
            RowFactory.create("Q4", "四", "120101", "区科技局", LocalDate.of(2010, 1, 1), true)),
        new StructType().add("commissioner_id", "string").add("name", "string").add("district_code", "string")
            .add("department", "string").add("career_start_date", "date").add("grassroots_experience", "boolean"))
        .createOrReplaceTempView("commissioners");
    spark.createDataFrame(List.of(
            RowFactory.create("G1", "120101", "Q1", LocalDate.of(2023, 3, 1)),   // 3rd anniversary of 29 Feb 2020 is 1 March 2023
            RowFactory.create("G1", "120101", "Q2", LocalDate.of(2023, 2, 28)),  // one day short
            RowFactory.create("G2", "120101", "Q3", LocalDate.of(2023, 1, 1))),
        new StructType().add("group_id", "string").add("district_code", "string").add("commissioner_id", "string").add("valid_from", "date"))
        .createOrReplaceTempView("group_members");
    spark.createDataFrame(List.of(
            RowFactory.create("R1", "Q1", LocalDate.of(2025, 3, 5), "ON_TIME", 5),
            RowFactory.create("R2", "Q1", LocalDate.of(2025, 12, 31), "LATE", null),
            RowFactory.create("R3", "Q1", LocalDate.of(2026, 1, 2), "ON_TIME", 3)),   // handled in 2026
        new StructType().add("request_id", "string").add("feedback_commissioner_id", "string").add("feedback_date", "date")
            .add("sla_status", "string").add("satisfaction", "int"))
        .createOrReplaceTempView("requests");
    spark.createDataFrame(List.of(
            RowFactory.create("f.csv", LocalDate.of(2025, 3, 3), List.of("Q1", "Q2"), 8.0),
            RowFactory.create("f.csv", LocalDate.of(2025, 3, 10), List.of("Q1"), 4.5)),
        new StructType().add("source_file", "string").add("session_date", "date")
            .add("member_ids", DataTypes.createArrayType(DataTypes.StringType)).add("hours", "double"))
        .createOrReplaceTempView("onsite_sessions");
    spark.createDataFrame(List.of(RowFactory.create("f.csv", LocalDate.of(2025, 4, 8))),
        new StructType().add("source_file", "string").add("submitted_on", "date"))
        .createOrReplaceTempView("quarterly_reports");
    // the years run from the first day the KPI marts cover (the transform finds it) to the as-of date's
    List<String> rows = spark.sql(SqlResources.load("marts/kpi_commissioner_year.sql"),
            Map.of("as_of", LocalDate.of(2026, 1, 15), "first_day", LocalDate.of(2025, 2, 17)))
        .orderBy("commissioner_id", "year").collectAsList().stream()
        .map(r -> r.getAs("commissioner_id") + " " + r.getAs("year") + ": handled " + r.getAs("requests_handled") + " on time " + r.getAs("on_time_rate")
            + " sessions " + r.getAs("onsite_sessions") + " hours " + r.getAs("onsite_hours") + " satisfaction " + r.getAs("avg_satisfaction")
            + " qualified " + r.getAs("qualified") + " " + r.getAs("qualification_issues"))
        .toList();
    assertEquals(List.of(
        "Q1 2025: handled 2 on time 0.5 sessions 2 hours 12.5 satisfaction 5.0 qualified true null",
        "Q1 2026: handled 1 on time 1.0 sessions 0 hours 0.0 satisfaction 3.0 qualified true null",
        "Q2 2025: handled 0 on time null sessions 1 hours 8.0 satisfaction null qualified false UNDER_3_YEARS_BEFORE_SERVICE",
        "Q2 2026: handled 0 on time null sessions 0 hours 0.0 satisfaction null qualified false UNDER_3_YEARS_BEFORE_SERVICE",
        "Q3 2025: handled 0 on time null sessions 0 hours 0.0 satisfaction null qualified false NO_DEPARTMENT;NO_GRASSROOTS_EXPERIENCE",
        "Q3 2026: handled 0 on time null sessions 0 hours 0.0 satisfaction null qualified false NO_DEPARTMENT;NO_GRASSROOTS_EXPERIENCE",
        "Q4 2025: handled 0 on time null sessions 0 hours 0.0 satisfaction null qualified false NOT_A_GROUP_MEMBER",
        "Q4 2026: handled 0 on time null sessions 0 hours 0.0 satisfaction null qualified false NOT_A_GROUP_MEMBER"), rows);
  }
}
