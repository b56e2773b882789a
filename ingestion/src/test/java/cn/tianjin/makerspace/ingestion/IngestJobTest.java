package cn.tianjin.makerspace.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class IngestJobTest extends SparkTestBase {
  @TempDir Path tmp;

  private IngestJob.Result ingest(Path landing, Path warehouse) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new IngestJob(spark, new LandingZone(landing), new SnapshotStore(warehouse), quiet).run();
  }

  private Dataset<Row> table(Path warehouse, String table) {
    SnapshotStore store = new SnapshotStore(warehouse);
    Snapshot s = store.requireCurrent();
    return spark.read().parquet(s.segments(table).stream().map(seg -> store.resolve(seg.path()).toString()).toArray(String[]::new));
  }

  /** Every row of a table as sorted text, to compare whole tables. */
  private List<String> rows(Path warehouse, String table) {
    return table(warehouse, table).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void everyRejectionRuleLandsInQuarantineWithItsLineAndNothingIsLost() {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    IngestJob.Result r = ingest(landing, wh);

    List<String> quarantine =
        table(wh, CuratedTables.QUARANTINE).collectAsList().stream()
            .map(x -> x.getString(0) + ":" + x.getLong(1) + ":" + x.getString(2) + ":" + x.getAs("district_code"))
            .sorted()
            .toList();
    List<String> expected =
        List.of(
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:9:BAD_MEMBER:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:10:BAD_MEMBER:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:13:BAD_VALUE:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:3:WRONG_FIELD_COUNT:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:4:BAD_VALUE:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:5:BAD_VALUE:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:6:DATE_OUTSIDE_QUARTER:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:7:GROUP_NOT_IN_DISTRICT:120101",
            "quarterly_reports/2025Q3/120101.2025-10-10.csv:8:GROUP_NOT_ASSIGNED:120101",
            "quarterly_reports/2025Q3/notes.txt:0:BAD_FILE_NAME:null",
            "reference/commissioners.csv:5:BAD_VALUE:null",
            "reference/districts.csv:4:BAD_VALUE:null",
            "reference/group_assignments.csv:4:UNKNOWN_REFERENCE:null",
            "reference/group_members.csv:5:UNKNOWN_REFERENCE:null",
            "reference/maker_spaces.csv:4:UNKNOWN_REFERENCE:null",
            "reference/maker_spaces.csv:5:DUPLICATE_KEY:null",
            "request_logs/2025-07-07/a.jsonl:10:BAD_TIMESTAMP:120101",
            "request_logs/2025-07-07/a.jsonl:11:BAD_SATISFACTION:null",
            "request_logs/2025-07-07/a.jsonl:12:BAD_SATISFACTION:null",
            "request_logs/2025-07-07/a.jsonl:13:NOT_JSON:null",
            "request_logs/2025-07-07/a.jsonl:15:ORPHAN_REQUEST:null",
            "request_logs/2025-07-07/a.jsonl:4:NOT_JSON:null",
            "request_logs/2025-07-07/a.jsonl:5:MISSING_FIELD:120101",
            "request_logs/2025-07-07/a.jsonl:6:UNKNOWN_TYPE:null",
            "request_logs/2025-07-07/a.jsonl:7:UNKNOWN_CHANNEL:120101",
            "request_logs/2025-07-07/a.jsonl:8:UNKNOWN_CATEGORY:120101",
            "request_logs/2025-07-07/a.jsonl:9:UNKNOWN_SPACE:null");
    assertEquals(expected.stream().sorted().toList(), quarantine);

    Map<String, SourceSummary> bySource =
        r.summaries().stream().collect(Collectors.toMap(SourceSummary::source, s -> s));
    assertEquals(new SourceSummary("reference", 5, 18, 12, 6, 0, ""), bySource.get("reference"));
    SourceSummary reports = bySource.get("quarterly_reports");
    assertEquals(List.of(2L, 12L, 3L, 9L, 0L), List.of(reports.files(), reports.read(), reports.accepted(), reports.quarantined(), reports.duplicates()));
    assertEquals(new SourceSummary("request_logs", 2, 17, 5, 10, 2, ""), bySource.get("request_logs"));
    r.summaries().forEach(s -> assertTrue(s.reconciles(), s.toString()));
    assertEquals(1, r.orphans());

    // the first occurrence of a duplicate is kept
    assertEquals(
        List.of("E10:request_logs/2025-07-14/b.jsonl.gz:2", "E11:request_logs/2025-07-14/b.jsonl.gz:3", "E1:request_logs/2025-07-07/a.jsonl:1", "E2:request_logs/2025-07-07/a.jsonl:2", "E9:request_logs/2025-07-07/a.jsonl:15"),
        table(wh, CuratedTables.REQUEST_EVENTS).collectAsList().stream().map(x -> x.getAs("event_id") + ":" + x.getAs("source_file") + ":" + x.getAs("line_number")).sorted().toList());
  }

  @Test
  void anExcelReportIsCheckedLikeTheSameReportAsCsv() throws Exception {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    String csv = Files.readString(landing.resolve(TinyLanding.REPORT));
    Files.delete(landing.resolve(TinyLanding.REPORT));
    String xlsx = TinyLanding.REPORT.replace(".csv", ".xlsx");
    TinyLanding.bytes(landing, xlsx, TinyLanding.xlsx(csv));
    Path wh = tmp.resolve("wh");
    ingest(landing, wh);
    // a line is the sheet's row number; the CSV's two-line note takes one row, so the last
    // record is row 12 here and line 13 in the CSV; the short row has empty cells, not fewer
    // fields: its missing count of requests is a missing value
    assertEquals(
        List.of(":10:BAD_MEMBER", ":12:BAD_VALUE", ":3:MISSING_VALUE", ":4:BAD_VALUE", ":5:BAD_VALUE", ":6:DATE_OUTSIDE_QUARTER",
            ":7:GROUP_NOT_IN_DISTRICT", ":8:GROUP_NOT_ASSIGNED", ":9:BAD_MEMBER"),
        table(wh, CuratedTables.QUARANTINE).filter("source_file = '" + xlsx + "'").collectAsList().stream()
            .map(x -> ":" + x.getLong(1) + ":" + x.getString(2)).sorted().toList());
    // the workbook's rejected rows belong to the district of its file name, as a CSV's do (v1.1)
    assertEquals(List.of("120101"),
        table(wh, CuratedTables.QUARANTINE).filter("source_file = '" + xlsx + "'").select("district_code").distinct().collectAsList().stream()
            .map(x -> x.getString(0)).toList());
    // the accepted sessions are the CSV's (see reportsKeepEverySubmissionAndTheLatestWins)
    assertEquals(
        List.of("120101 2025-07-03 [C1, C2] 8.0 2 现场受理", "120101 2025-07-31 [C1] 12.0 0 两行\n备注"),
        table(wh, CuratedTables.ONSITE_SESSIONS).filter("district_code = '120101'").collectAsList().stream()
            .map(x -> x.getAs("district_code") + " " + x.getAs("session_date") + " " + x.getList(x.fieldIndex("member_ids")) + " " + x.getAs("hours") + " " + x.getAs("requests_received") + " " + x.getAs("notes"))
            .sorted()
            .toList());
    assertEquals(List.of("xlsx"),
        table(wh, CuratedTables.INGEST_RUNS).filter("source_file = '" + xlsx + "'").select("encoding").collectAsList().stream().map(x -> x.getString(0)).toList());
  }

  @Test
  void reportsKeepEverySubmissionAndTheLatestWins() {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    ingest(landing, wh);
    assertEquals(
        List.of(
            "120101 2025Q3 2025-10-09 accepted=1 rejected=1 latest=false",
            "120101 2025Q3 2025-10-10 accepted=2 rejected=9 latest=true",
            "120104 2025Q3 2025-10-09 accepted=1 rejected=0 latest=true"),
        table(wh, CuratedTables.QUARTERLY_REPORTS).collectAsList().stream()
            .map(x -> x.getAs("district_code") + " " + x.getAs("quarter") + " " + x.getAs("submitted_on") + " accepted=" + x.getAs("rows_accepted") + " rejected=" + x.getAs("rows_rejected") + " latest=" + x.getAs("is_latest"))
            .sorted()
            .toList());
    // the GB18030 file decodes; the multi-line quoted note survives; 12 hours is accepted
    assertEquals(
        List.of("120101 2025-07-03 [C1, C2] 8.0 2 现场受理", "120101 2025-07-31 [C1] 12.0 0 两行\n备注", "120104 2025-08-07 [C3] 8.0 1 南开现场"),
        table(wh, CuratedTables.ONSITE_SESSIONS).collectAsList().stream()
            .map(x -> x.getAs("district_code") + " " + x.getAs("session_date") + " " + x.getList(x.fieldIndex("member_ids")) + " " + x.getAs("hours") + " " + x.getAs("requests_received") + " " + x.getAs("notes"))
            .sorted()
            .toList());
    assertEquals(
        List.of("GB18030", "UTF-8"),
        table(wh, CuratedTables.INGEST_RUNS).filter("source = 'quarterly_reports'").select("encoding").distinct().collectAsList().stream().map(x -> x.getString(0)).sorted().toList());
  }

  @Test
  void rerunOnAnUnchangedLandingZoneChangesNoTable() {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    IngestJob.Result first = ingest(landing, wh);
    Map<String, List<String>> before = new TreeMap<>();
    for (String t : CuratedTables.ALL.keySet()) {
      before.put(t, rows(wh, t));
    }
    IngestJob.Result second = ingest(landing, wh);
    assertFalse(second.published());
    assertEquals(first.snapshot().id(), new SnapshotStore(wh).requireCurrent().id());
    for (String t : CuratedTables.ALL.keySet()) {
      assertEquals(before.get(t), rows(wh, t), t);
    }
  }

  @Test
  void aNewDayIsAppendedAndEqualsAFullIngestOfTheSameLandingZone() {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    ingest(landing, wh);
    TinyLanding.file(landing, "request_logs/2025-07-21/c.jsonl", String.join("\n",
        "{\"event_id\":\"E10\",\"request_id\":\"R1\",\"type\":\"FEEDBACK\",\"ts\":\"2025-07-10T09:00:00\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E20\",\"request_id\":\"R20\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-18T16:30:00Z\",\"channel\":\"HOTLINE\",\"space_id\":\"S2\",\"category\":\"IP_SERVICES\"}",
        "{\"event_id\":\"E21\",\"request_id\":\"R9\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T09:00:00+08:00\",\"channel\":\"ONSITE\",\"space_id\":\"S1\",\"category\":\"REGISTRATION\"}"));
    IngestJob.Result second = ingest(landing, wh);
    assertTrue(second.published());
    SourceSummary logs = second.summaries().get(0);
    assertEquals(new SourceSummary("request_logs", 1, 3, 2, 0, 1, "(appended)"), logs);
    assertEquals(0, second.orphans(), "R9's RECEIVED arrived: no longer an orphan");

    Path fresh = tmp.resolve("fresh");
    ingest(landing, fresh);
    for (String t : CuratedTables.ALL.keySet()) {
      if (!t.equals(CuratedTables.INGEST_RUNS)) {
        assertEquals(rows(fresh, t), rows(wh, t), t);
      }
    }
  }

  @Test
  void anAppendedDayKeepsTheOrphansItDoesNotTouchAndFindsNewOnes() {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    assertEquals(1, ingest(landing, wh).orphans(), "R9 has no RECEIVED yet");
    TinyLanding.file(landing, "request_logs/2025-07-21/c.jsonl", String.join("\n",
        "{\"event_id\":\"E30\",\"request_id\":\"R77\",\"type\":\"FEEDBACK\",\"ts\":\"2025-07-15T09:00:00\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E32\",\"request_id\":\"R77\",\"type\":\"ASSIGNED\",\"ts\":\"2025-07-14T09:00:00\",\"space_id\":\"S2\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E33\",\"request_id\":\"R77\",\"type\":\"CLOSED\",\"ts\":\"2025-07-16T09:00:00\",\"space_id\":\"S1\"}",
        "{\"event_id\":\"E31\",\"request_id\":\"R1\",\"type\":\"CLOSED\",\"ts\":\"2025-07-16T09:00:00\",\"satisfaction\":4}"));
    IngestJob.Result second = ingest(landing, wh);
    assertEquals(2, second.orphans(), "R9 kept (untouched), R77 new");
    // an orphan's district: that of the first of its events, in file and line order, naming a
    // known space (E32's S2, 南开区), not the earliest by time; R9 names none
    assertEquals(List.of("R77 has:120104", "R9 has:null"),
        table(wh, CuratedTables.QUARANTINE).filter("reason_code = 'ORPHAN_REQUEST'").collectAsList().stream()
            .map(x -> x.getString(3).substring(8, 15).trim() + ":" + x.getAs("district_code")).sorted().toList());

    Path fresh = tmp.resolve("fresh");
    ingest(landing, fresh);
    assertEquals(rows(fresh, CuratedTables.QUARANTINE), rows(wh, CuratedTables.QUARANTINE));
    assertEquals(rows(fresh, CuratedTables.REQUEST_EVENTS), rows(wh, CuratedTables.REQUEST_EVENTS));
  }

  @Test
  void aChangedFileIsReingestedAndReplacesItsRows() throws Exception {
    Path landing = TinyLanding.write(tmp.resolve("landing"));
    Path wh = tmp.resolve("wh");
    ingest(landing, wh);
    TinyLanding.gz(landing, TinyLanding.EVENTS_B, "{\"event_id\":\"E10\",\"request_id\":\"R1\",\"type\":\"FEEDBACK\",\"ts\":\"2025-07-10T09:00:00\",\"commissioner_id\":\"C1\"}\n");
    Files.setLastModifiedTime(landing.resolve(TinyLanding.EVENTS_B), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    ingest(landing, wh);
    assertEquals(
        List.of("E1", "E10", "E2", "E9"),
        table(wh, CuratedTables.REQUEST_EVENTS).select("event_id").collectAsList().stream().map(x -> x.getString(0)).sorted().toList());
    assertEquals(
        1L,
        table(wh, CuratedTables.INGEST_RUNS).filter("source_file = '" + TinyLanding.EVENTS_B + "' AND action = 'CHANGED'").count());
  }
}
