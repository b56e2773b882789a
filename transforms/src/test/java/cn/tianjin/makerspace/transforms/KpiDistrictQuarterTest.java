package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kpi_district_quarter around the 2026 Spring Festival: coverage with a space assigned from
 * mid-quarter, a group that drops to one member, weeks that straddle quarters (they belong to
 * the quarter of their Thursday), a week without a working day, and a resubmitted report whose
 * status comes from the first submission.
 */
@Tag("spark")
class KpiDistrictQuarterTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Map<String, String> kpi = new TreeMap<>();
  /** kpi_district_quarter's dates: "quarter_start quarter_end due report_due_date". */
  static Map<String, String> dates = new TreeMap<>();
  /** onsite_weeks by "group space week_start": "quarter hours status required compliant". */
  static Map<String, String> weeks = new TreeMap<>();

  static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @BeforeAll
  static void buildTheMart() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "reference/districts.csv", "district_code,name_zh,name_en\n120101,和平区,Heping District\n120104,南开区,Nankai District\n");
    write(landing, "reference/maker_spaces.csv", "space_id,name,district_code,university_hosted,opened_on,closed_on\n"
        + "S1,一号空间,120101,false,2020-01-01,\nS2,二号空间,120101,false,2020-01-01,\n");
    write(landing, "reference/commissioners.csv", "commissioner_id,name,district_code,department,career_start_date,grassroots_experience,filed_on\n"
        + "C1,王伟,120101,区科技局,2010-01-01,true,2023-06-01\nC2,李娜,120101,区科技局,2012-01-01,true,2023-06-01\n"
        + "C3,张敏,120101,区科技局,2011-01-01,true,2023-06-01\nC4,刘洋,120101,区科技局,2011-01-01,true,2023-06-01\n");
    write(landing, "reference/group_members.csv", "group_id,district_code,commissioner_id,valid_from,valid_to\n"
        + "G1,120101,C1,2025-10-01,\nG1,120101,C2,2025-10-01,2026-02-20\nG2,120101,C3,2025-10-01,\nG2,120101,C4,2025-10-01,\n");
    write(landing, "reference/group_assignments.csv", "group_id,space_id,valid_from,valid_to\nG1,S1,2025-12-01,\nG2,S2,2026-02-10,\n");
    String header = "session_date,group_id,space_id,member_ids,hours,requests_received,notes\n";
    write(landing, "quarterly_reports/2025Q4/120101.2026-01-09.csv", header + "2025-12-30,G1,S1,C1;C2,8,0,\n");
    write(landing, "quarterly_reports/2026Q1/120101.2026-04-08.csv", header + "2026-01-06,G1,S1,C1;C2,8,1,\n");
    write(landing, "quarterly_reports/2026Q1/120101.2026-04-28.csv", header
        + "2026-01-06,G1,S1,C1;C2,8,1,\n2026-01-13,G1,S1,C1;C2,4,0,\n2026-02-24,G2,S2,C3;C4,4,0,\n2026-02-26,G2,S2,C3;C4,4,0,\n2026-03-30,G1,S1,C1,8,0,\n");
    write(landing, "request_logs/2026-01-12/events.jsonl",
        "{\"event_id\":\"E1\",\"request_id\":\"R1\",\"type\":\"RECEIVED\",\"ts\":\"2026-01-05T10:00:00+08:00\",\"channel\":\"ONSITE\",\"space_id\":\"S1\",\"category\":\"REGISTRATION\"}\n"
            + "{\"event_id\":\"E2\",\"request_id\":\"R1\",\"type\":\"FEEDBACK\",\"ts\":\"2026-01-07T10:00:00+08:00\",\"commissioner_id\":\"C1\"}\n"
            + "{\"event_id\":\"E3\",\"request_id\":\"R1\",\"type\":\"CLOSED\",\"ts\":\"2026-01-08T10:00:00+08:00\",\"satisfaction\":4}\n");
    Path wh = tmp.resolve("wh");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    SnapshotStore store = new SnapshotStore(wh);
    new IngestJob(spark, new LandingZone(landing), store, quiet).run();
    new TransformJob(spark, store, LocalDate.of(2026, 4, 30), quiet).run();
    Snapshot s = store.requireCurrent();
    for (Row r : spark.read().parquet(store.resolve(s.segments(Marts.KPI_DISTRICT_QUARTER).get(0).path()).toString()).collectAsList()) {
      kpi.put(r.getAs("district_code") + " " + r.getAs("quarter"),
          "spaces " + r.getAs("spaces_covered") + "/" + r.getAs("spaces_operating") + " = " + r.getAs("coverage_rate")
              + "; groups " + r.getAs("groups_active") + " undersized " + r.getAs("groups_undersized")
              + "; weeks " + r.getAs("onsite_compliant_weeks") + "/" + r.getAs("onsite_required_weeks")
              + "; requests " + r.getAs("requests_received") + " on time " + r.getAs("feedback_on_time") + " late " + r.getAs("feedback_late")
              + " overdue " + r.getAs("open_overdue") + " rate " + r.getAs("sla_on_time_rate") + " wd " + r.getAs("avg_feedback_working_days")
              + " satisfaction " + r.getAs("avg_satisfaction")
              + "; report " + r.getAs("report_status") + " " + r.getAs("report_first_submitted_on"));
      dates.put(r.getAs("district_code") + " " + r.getAs("quarter"),
          r.getAs("quarter_start") + " " + r.getAs("quarter_end") + " due " + r.getAs("report_due_date"));
    }
    for (Row r : spark.read().parquet(store.resolve(s.segments(Marts.ONSITE_WEEKS).get(0).path()).toString()).collectAsList()) {
      weeks.put(r.getAs("group_id") + " " + r.getAs("space_id") + " " + r.getAs("week_start"),
          r.getAs("district_code") + " " + r.getAs("quarter") + " " + r.getAs("hours") + " " + r.getAs("status")
              + (Boolean.TRUE.equals(r.getAs("required")) ? " required" : "") + (Boolean.TRUE.equals(r.getAs("compliant")) ? " compliant" : ""));
    }
  }

  @Test
  void theQuarterDatesAndTheReportDueDateAreTheMartsColumns() {
    // due on the 10th working day after the quarter (v1.1): 15 April 2026 around Qingming
    assertEquals("2026-01-01 2026-03-31 due 2026-04-15", dates.get("120101 2026Q1"));
    assertEquals("2025-10-01 2025-12-31 due 2026-01-15", dates.get("120104 2025Q4"));
  }

  @Test
  void onsiteWeeksGiveEachWeekOfAPairItsStatusAndAddUpToTheKpi() {
    assertEquals("120101 2026Q1 8.0 COMPLIANT required compliant", weeks.get("G1 S1 2025-12-29"), "a 2025Q4 session in a 2026Q1 week");
    assertEquals("120101 2026Q1 4.0 SHORT required", weeks.get("G1 S1 2026-01-12"));
    assertEquals("120101 2026Q1 0.0 NO_WORKING_DAY", weeks.get("G1 S1 2026-02-16"), "the Spring Festival week");
    assertEquals("120101 2026Q1 0.0 PARTIAL_ASSIGNMENT", weeks.get("G2 S2 2026-02-09"), "assigned from Tuesday 10 Feb");
    assertEquals("120101 2026Q1 8.0 COMPLIANT required compliant", weeks.get("G2 S2 2026-02-23"));
    assertEquals("120101 2026Q2 8.0 COMPLIANT required compliant", weeks.get("G1 S1 2026-03-30"));
    // Q2's report is not submitted and not yet due on 30 April: its short weeks wait for it
    assertEquals("120101 2026Q2 0.0 AWAITING_REPORT required", weeks.get("G1 S1 2026-04-13"));
    assertEquals("120101 2026Q2 0.0 NOT_ENDED", weeks.get("G1 S1 2026-04-27"), "as of Thursday 30 April");
    assertEquals(null, weeks.get("G2 S2 2026-02-02"), "no row for a week the pair is not assigned on any day");
    for (String quarter : java.util.List.of("2025Q4", "2026Q1", "2026Q2")) {
      long required = weeks.values().stream().filter(w -> w.startsWith("120101 " + quarter) && w.contains(" required")).count();
      long compliant = weeks.values().stream().filter(w -> w.startsWith("120101 " + quarter) && w.endsWith(" compliant")).count();
      assertEquals(kpi.get("120101 " + quarter).replaceAll(".*; weeks (\\d+)/(\\d+);.*", "$1/$2"), compliant + "/" + required, quarter);
    }
  }

  @Test
  void everyDistrictAndQuarterFromTheFirstReportFolderToTheAsOfQuarter() {
    assertEquals(java.util.List.of("120101 2025Q4", "120101 2026Q1", "120101 2026Q2", "120104 2025Q4", "120104 2026Q1", "120104 2026Q2"),
        java.util.List.copyOf(kpi.keySet()));
  }

  @Test
  void quarterBeforeTheFestival() {
    // S1 assigned from 2025-12-01 only: not covered. G1 at S1: the four weeks with a Thursday in
    // December; the week of Monday 2025-12-29 belongs to 2026Q1 (its Thursday is 1 January).
    assertEquals("spaces 0/2 = 0.0; groups 2 undersized 0; weeks 0/4; requests 0 on time 0 late 0 overdue 0 rate null wd null satisfaction null;"
        + " report ON_TIME 2026-01-09", kpi.get("120101 2025Q4"));
  }

  @Test
  void quarterOfTheSpringFestival() {
    // G1/S1: 13 weeks with a Thursday in Q1 (29 Dec .. 23 Mar) less the festival week 16-22 Feb
    // (no working day) = 12; G2/S2 (assigned Tuesday 10 Feb): 23 Feb, 2, 9, 16, 23 Mar = 5.
    // Compliant: the week of 29 Dec (8 h on 30 Dec, a 2025Q4 session), of 5 Jan (8 h), and
    // G2's week of 23 Feb (4 h + 4 h); the week of 12 Jan had 4 h. G1 has one member from
    // 21 Feb. The report was first submitted on 8 April, before its due date (15 April, the
    // 10th working day after 31 March around the Qingming holiday), and resubmitted on 28 April.
    assertEquals("spaces 1/2 = 0.5; groups 2 undersized 1; weeks 3/17; requests 1 on time 1 late 0 overdue 0 rate 1.0 wd 2.0 satisfaction 4.0;"
        + " report ON_TIME 2026-04-08", kpi.get("120101 2026Q1"));
  }

  @Test
  void currentQuarterUpToTheAsOfDate() {
    // As of 30 April: weeks of 30 Mar (Thursday 2 April: Q2; 8 h on Monday 30 Mar, a Q1 date),
    // 6, 13 and 20 April for each pair; the week of 27 April has not ended.
    assertEquals("spaces 2/2 = 1.0; groups 2 undersized 1; weeks 1/8; requests 0 on time 0 late 0 overdue 0 rate null wd null satisfaction null;"
        + " report NOT_DUE null", kpi.get("120101 2026Q2"));
  }

  @Test
  void aDistrictThatNeverReported() {
    assertEquals("MISSING", kpi.get("120104 2025Q4").replaceAll(".*report (\\w+).*", "$1"));
    assertEquals("MISSING", kpi.get("120104 2026Q1").replaceAll(".*report (\\w+).*", "$1"));
    assertEquals("NOT_DUE", kpi.get("120104 2026Q2").replaceAll(".*report (\\w+).*", "$1"));
    assertEquals("spaces 0/0 = null; groups 0 undersized 0; weeks 0/0; requests 0 on time 0 late 0 overdue 0 rate null wd null satisfaction null;"
        + " report MISSING null", kpi.get("120104 2026Q1"));
  }
}
