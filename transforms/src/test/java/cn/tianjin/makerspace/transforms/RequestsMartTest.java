package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests mart on the official calendar: make-up working days, holidays, UTC timestamps,
 * the deadline day itself, the fallback commissioner, and the as-of cut-off.
 */
@Tag("spark")
class RequestsMartTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Path warehouse;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  static String event(String id, String request, String type, String ts, String extra) {
    return "{\"event_id\":\"" + id + "\",\"request_id\":\"" + request + "\",\"type\":\"" + type + "\",\"ts\":\"" + ts + "\"" + extra + "}";
  }

  static String received(String id, String request, String ts) {
    return event(id, request, "RECEIVED", ts, ",\"channel\":\"HOTLINE\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\"");
  }

  @BeforeAll
  static void ingestTheFixture() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "reference/districts.csv", "district_code,name_zh,name_en\n120101,和平区,Heping District\n");
    write(landing, "reference/maker_spaces.csv", "space_id,name,district_code,university_hosted,opened_on,closed_on\nS1,一号空间,120101,false,2020-01-01,\n");
    write(landing, "reference/commissioners.csv", "commissioner_id,name,district_code,department,career_start_date,grassroots_experience,filed_on\n"
        + "C1,王伟,120101,区科技局,2010-01-01,true,2023-06-01\nC2,李娜,120101,区科技局,2012-01-01,true,2023-06-01\n");
    write(landing, "reference/group_members.csv", "group_id,district_code,commissioner_id,valid_from,valid_to\nG1,120101,C1,2024-01-01,\nG1,120101,C2,2024-01-01,\n");
    write(landing, "reference/group_assignments.csv", "group_id,space_id,valid_from,valid_to\nG1,S1,2024-01-01,\n");
    write(landing, "request_logs/2025-10-27/events.jsonl", String.join("\n",
        // R1: received Friday 2025-09-26; feedback on Sunday 2025-09-28, a make-up working day
        received("E11", "R1", "2025-09-26T10:00:00+08:00"),
        event("E12", "R1", "FEEDBACK", "2025-09-28T15:00:00+08:00", ",\"commissioner_id\":\"C1\""),
        // R2: received on National Day; feedback on its deadline, the 10th working day after
        received("E21", "R2", "2025-10-01T09:00:00+08:00"),
        event("E22", "R2", "FEEDBACK", "2025-10-21T17:59:00+08:00", ",\"commissioner_id\":\"C2\""),
        // R3: the same, one working day late
        received("E31", "R3", "2025-10-01T09:00:00+08:00"),
        event("E32", "R3", "FEEDBACK", "2025-10-22T09:00:00+08:00", ",\"commissioner_id\":\"C2\""),
        // R4: a UTC timestamp whose Shanghai date is the next day (Friday 2025-07-04); never answered
        received("E41", "R4", "2025-07-03T16:30:00Z"),
        // R5: feedback without a commissioner: the latest ASSIGNED before it counts
        received("E51", "R5", "2025-07-07T09:00:00+08:00"),
        event("E52", "R5", "ASSIGNED", "2025-07-07T10:00:00+08:00", ",\"commissioner_id\":\"C1\""),
        event("E53", "R5", "ASSIGNED", "2025-07-08T10:00:00+08:00", ",\"commissioner_id\":\"C2\""),
        event("E54", "R5", "FEEDBACK", "2025-07-09T10:00:00+08:00", ""),
        event("E55", "R5", "ASSIGNED", "2025-07-10T10:00:00+08:00", ",\"commissioner_id\":\"C1\""),
        // R6: received 2025-07-10, answered 2025-07-15 (after the early as-of date)
        received("E61", "R6", "2025-07-10T09:00:00+08:00"),
        event("E62", "R6", "FEEDBACK", "2025-07-15T09:00:00+08:00", ",\"commissioner_id\":\"C1\""),
        // R7: received after the early as-of date
        received("E71", "R7", "2025-07-20T09:00:00+08:00"),
        // R8: two CLOSED events: the earliest counts; same-day feedback is 0 working days
        received("E81", "R8", "2025-07-07T09:00:00+08:00"),
        event("E82", "R8", "FEEDBACK", "2025-07-07T16:00:00+08:00", ",\"commissioner_id\":\"C1\""),
        event("E84", "R8", "CLOSED", "2025-07-09T09:00:00+08:00", ",\"satisfaction\":5"),
        event("E83", "R8", "CLOSED", "2025-07-08T09:00:00+08:00", ",\"satisfaction\":3"),
        ""));
    warehouse = tmp.resolve("wh");
    new IngestJob(spark, new LandingZone(landing), new SnapshotStore(warehouse), QUIET).run();
  }

  static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** request_id -> "received deadline feedback working_days commissioner satisfaction status". */
  static Map<String, String> requests(LocalDate asOf) {
    new TransformJob(spark, new SnapshotStore(warehouse), asOf, QUIET).run();
    SnapshotStore store = new SnapshotStore(warehouse);
    Snapshot s = store.requireCurrent();
    Map<String, String> out = new LinkedHashMap<>();
    List<Row> rows = spark.read().parquet(store.resolve(s.segments(Marts.REQUESTS).get(0).path()).toString())
        .orderBy("request_id").collectAsList();
    for (Row r : rows) {
      out.put(r.getAs("request_id"), r.getAs("received_date") + " " + r.getAs("deadline_date") + " " + r.getAs("feedback_date") + " "
          + r.getAs("feedback_working_days") + " " + r.getAs("feedback_commissioner_id") + " " + r.getAs("satisfaction") + " " + r.getAs("sla_status"));
    }
    return out;
  }

  @Test
  void slaOnTheOfficialCalendar() {
    Map<String, String> r = requests(LocalDate.of(2025, 12, 31));
    assertEquals("2025-09-26 2025-10-16 2025-09-28 1 C1 null ON_TIME", r.get("R1"), "make-up Sunday counts as a working day");
    assertEquals("2025-10-01 2025-10-21 2025-10-21 10 C2 null ON_TIME", r.get("R2"), "received on a holiday; feedback on the deadline");
    assertEquals("2025-10-01 2025-10-21 2025-10-22 11 C2 null LATE", r.get("R3"), "one working day after the deadline");
    assertEquals("2025-07-04 2025-07-18 null null null null OPEN_OVERDUE", r.get("R4"), "UTC 16:30 is the next day in Shanghai");
    assertEquals("2025-07-07 2025-07-21 2025-07-09 2 C2 null ON_TIME", r.get("R5"), "the latest ASSIGNED before the feedback");
    assertEquals("2025-07-07 2025-07-21 2025-07-07 0 C1 3 ON_TIME", r.get("R8"), "same day = 0 working days; the earliest CLOSED counts");
    assertEquals(8, r.size());
    assertWorkCalendar();
  }

  @Test
  void asOfDateIsACutOff() {
    Map<String, String> r = requests(LocalDate.of(2025, 7, 14));
    assertEquals("2025-07-04 2025-07-18 null null null null OPEN_WITHIN_SLA", r.get("R4"), "before the deadline: within");
    assertEquals("2025-07-10 2025-07-24 null null null null OPEN_WITHIN_SLA", r.get("R6"), "feedback after the as-of date is not seen");
    assertFalse(r.containsKey("R7"), "received after the as-of date");
    assertFalse(r.containsKey("R1"));
    Map<String, String> later = requests(LocalDate.of(2025, 7, 21));
    assertEquals("2025-07-04 2025-07-18 null null null null OPEN_OVERDUE", later.get("R4"), "the first day after the deadline");
    assertEquals("2025-07-10 2025-07-24 2025-07-15 3 C1 null ON_TIME", later.get("R6"));
  }

  @Test
  void uncoveredYearsAreNamedNotGuessedSilently() {
    TransformJob.Result r = new TransformJob(spark, new SnapshotStore(warehouse), LocalDate.of(2027, 3, 1), QUIET).run();
    assertEquals(List.of("no official working-day calendar for [2027]: weekends are taken as days off and weekdays as working days"
        + " (add the State Council's holiday notice to reference/workday_overrides.csv)"), r.warnings());
  }

  /** work_calendar: one row per date, no nulls, the official days off and make-up days. */
  static void assertWorkCalendar() {
    SnapshotStore store = new SnapshotStore(warehouse);
    Snapshot s = store.requireCurrent();
    var cal = spark.read().parquet(store.resolve(s.segments(Marts.WORK_CALENDAR).get(0).path()).toString());
    assertEquals(cal.count(), cal.select("date").distinct().count(), "unique dates");
    assertEquals(0, cal.filter("date is null or is_working_day is null").count(), "no nulls");
    // 2025-09-28 make-up Sunday, 2025-10-01 National Day, 2025-10-11 make-up Saturday, 2026-02-18 Spring Festival
    List<Boolean> working = cal.filter("date in (date'2025-09-28', date'2025-10-01', date'2025-10-11', date'2026-02-18')")
        .orderBy("date").collectAsList().stream().map(x -> x.getBoolean(1)).toList();
    assertEquals(List.of(true, false, true, false), working);
  }
}
