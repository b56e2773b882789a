package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Folder;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.contract.XlsxReport;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload of a quarterly report: the pipeline's own checks against the live snapshot, nothing
 * written before the confirmation, the contract's file name after it.
 */
public class ReportUploadServiceTest {
  /** The fixture's as-of date. */
  static final java.util.function.Supplier<java.time.LocalDate> TODAY = () -> java.time.LocalDate.of(2026, 11, 27);
  static final User HEPING = new User(FixtureWarehouse.DISTRICT, Role.DISTRICT, "120101", "x");
  static final User OTHER = new User("other-clerk", Role.DISTRICT, "120101", "x");
  /** Heping's 2026Q1 report in sample-data: the ingest quarantined 7 of its rows. */
  static final String REPORT = "quarterly_reports/2026Q1/120101.2026-04-03.csv";

  static LiveSnapshot live;
  @TempDir Path landing;

  @BeforeAll
  static void open() {
    live = new LiveSnapshot(new SnapshotStore(FixtureWarehouse.get()), SnapshotDatabase.Limits.NONE);
  }

  @AfterAll
  static void close() {
    live.close();
  }

  private ReportUploadService service(AtomicInteger runs) {
    return new ReportUploadService(live, Folder.open(landing.toString()), user -> runs.incrementAndGet(), TODAY);
  }

  private static byte[] sample() throws IOException {
    return Files.readAllBytes(FixtureWarehouse.sampleData().resolve(REPORT));
  }

  /** The ingest's verdict on the same file: "line:REASON" of its quarantined rows. */
  private static List<String> quarantinedAtIngest() {
    return FixtureWarehouse.rows("select line_number, reason_code from quarantine where source_file = ? order by line_number", REPORT)
        .stream().map(r -> r.get(0) + ":" + r.get(1)).toList();
  }

  private static List<String> verdict(ReportUploadService.Preview p) {
    return p.problems().stream().map(x -> x.line() + ":" + x.reason()).toList();
  }

  @Test
  void aCsvGetsTheIngestsVerdictAndNothingIsWrittenBeforeTheConfirmation() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    ReportUploadService s = service(runs);
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "和平区2026Q1季报.csv", sample());
    assertEquals(7, quarantinedAtIngest().size());
    assertEquals(quarantinedAtIngest(), verdict(p));
    long rows = FixtureWarehouse.count("select count(*) from onsite_sessions where source_file = ?", REPORT);
    assertEquals(rows, p.rowsAccepted());
    assertEquals(rows + 7, p.rowsRead());
    assertEquals("UTF-8", p.encoding());
    assertEquals("quarterly_reports/2026Q1/120101.2026-11-27.csv", p.landingPath());
    for (ReportUploadService.Problem x : p.problems()) {
      assertFalse(x.detail().isBlank(), x.toString());
      assertFalse(x.raw().isBlank(), x.toString());
    }
    try (var files = Files.walk(landing)) {
      assertEquals(List.of(landing), files.toList(), "nothing in the landing zone before the confirmation");
    }
    assertEquals(0, runs.get());

    ReportUploadService.Confirmed c = s.confirm(HEPING, p.token());
    assertEquals(p.landingPath(), c.landingPath());
    assertArrayEquals(sample(), Files.readAllBytes(landing.resolve(c.landingPath())));
    assertEquals(1, runs.get(), "a pipeline run was asked for");
    UserError again = assertThrows(UserError.class, () -> s.confirm(HEPING, p.token()));
    assertTrue(again.getMessage().startsWith("no checked upload with this token"), again.getMessage());
  }

  @Test
  void gb18030AndExcelGetTheSameVerdict() throws IOException {
    ReportUploadService s = service(new AtomicInteger());
    String text = TextDecoder.decode(sample(), REPORT).text();
    ReportUploadService.Preview gb = s.check(HEPING, "120101", "2026Q1", "季报.csv", text.getBytes(TextDecoder.GB18030));
    assertEquals("GB18030", gb.encoding());
    assertEquals(quarantinedAtIngest(), verdict(gb));

    ReportUploadService.Preview xlsx = s.check(HEPING, "120101", "2026Q1", "季报.xlsx", workbook(text));
    assertEquals("xlsx", xlsx.format());
    assertEquals("quarterly_reports/2026Q1/120101.2026-11-27.xlsx", xlsx.landingPath());
    assertEquals(gb.rowsAccepted(), xlsx.rowsAccepted());
    // the same rows refused for the same reasons — except that a sheet has no short rows: the
    // CSV's row with too few fields is, in a workbook, a row with empty cells at its end
    assertEquals(quarantinedAtIngest().stream().map(v -> v.substring(v.indexOf(':')).replace(":WRONG_FIELD_COUNT", ":MISSING_VALUE")).toList(),
        xlsx.problems().stream().map(x -> ":" + x.reason()).toList());
  }

  @Test
  void eachProblemNamesItsLineFieldAndReason() {
    ReportUploadService s = service(new AtomicInteger());
    String csv = String.join("\n",
        "session_date,group_id,space_id,member_ids,hours,requests_received,notes",
        "2026-01-08,G0001,S0002,C00001;C00002,13,2,",
        "2026-04-08,G0001,S0002,C00001;C00002,8,2,",
        "2026-01-08,G0001,S0002,C99999,8,2,",
        "2026-01-08,G0001,S0002,C00001,8,,",
        "");
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "bad.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("2:hours:BAD_VALUE", "3:session_date:DATE_OUTSIDE_QUARTER", "4:member_ids:BAD_MEMBER", "5:requests_received:MISSING_VALUE"),
        p.problems().stream().map(x -> x.line() + ":" + x.field() + ":" + x.reason()).toList());
    assertEquals(0, p.rowsAccepted());

    // the same rows as a list, the uploader's only: sortable and exportable by the one list mechanism
    ListPage.Listing list = s.problems(HEPING, p.token());
    assertEquals(List.of("2:hours:BAD_VALUE", "3:session_date:DATE_OUTSIDE_QUARTER", "4:member_ids:BAD_MEMBER", "5:requests_received:MISSING_VALUE"),
        list.rows().rows().stream().map(r -> r.get("line_number") + ":" + r.get("field") + ":" + r.get("reason_code")).toList());
    assertEquals("report-problems-120101-2026Q1-badcsv.csv", list.fileName("csv"));
    assertEquals(List.of("session_date", "requests_received"), ListPage.sorted(list.rows(), new ListPage.Sort("field", true)).rows().stream()
        .map(r -> (String) r.get("field")).limit(2).toList());
    assertMessage("no checked upload with this token", () -> s.problems(OTHER, p.token()));
  }

  /** A confirmed check's problems can still be exported; the file cannot be confirmed twice. */
  @Test
  void aConfirmedChecksProblemsStayForExport() throws IOException {
    ReportUploadService s = service(new AtomicInteger());
    String base = new String(sample(), StandardCharsets.UTF_8);
    int before = s.check(HEPING, "120101", "2026Q1", "r.csv", sample()).problems().size();
    String csv = base + (base.endsWith("\n") ? "" : "\n") + "2026-01-08,G0001,S0002,C00001;C00002,13,2,\n";
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "one-bad.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(before + 1, p.problems().size(), "the sample's problems and the added row's");
    s.confirm(HEPING, p.token());
    assertEquals(p.problems().size(), s.problems(HEPING, p.token()).rows().rows().size());
    assertMessage("no checked upload with this token", () -> s.confirm(HEPING, p.token()));
  }

  /**
   * The report in force for the district and quarter (quarterly_reports' latest submission in the
   * live snapshot) is named by the check and by the confirmation: the upload replaces it.
   */
  @Test
  void theCheckAndTheConfirmationNameTheReportInForceFromTheMart() throws IOException {
    List<List<Object>> latest = FixtureWarehouse.rows("select cast(submitted_on as varchar), source_file, rows_accepted, rows_rejected"
        + " from quarterly_reports where district_code = '120101' and quarter = '2026Q1' and is_latest");
    assertEquals(1, latest.size(), latest.toString());
    ReportUploadService.InForce expected = new ReportUploadService.InForce((String) latest.get(0).get(0), (String) latest.get(0).get(1),
        ((Number) latest.get(0).get(2)).longValue(), ((Number) latest.get(0).get(3)).longValue());
    assertEquals(REPORT, expected.sourceFile(), "sample-data's 2026Q1 report is the one in force");
    assertEquals("2026-04-03", expected.submittedOn());

    ReportUploadService s = service(new AtomicInteger());
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "r.csv", sample());
    assertEquals(expected, p.inForce());
    assertEquals(expected, s.confirm(HEPING, p.token()).replaces());

    // no report yet for 2026Q4: nothing to replace
    assertEquals(0, FixtureWarehouse.count("select count(*) from quarterly_reports where district_code = '120101' and quarter = '2026Q4'"));
    String q4 = "session_date,group_id,space_id,member_ids,hours,requests_received,notes\n2026-10-08,G0001,S0002,C00001,13,2,\n";
    assertEquals(null, s.check(HEPING, "120101", "2026Q4", "q4.csv", q4.getBytes(StandardCharsets.UTF_8)).inForce());
  }

  /** A file of which no row passes loads nothing: it cannot be confirmed, nothing is written. */
  @Test
  void aFileWithNoPassingRowCannotBeConfirmed() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    ReportUploadService s = service(runs);
    String csv = "session_date,group_id,space_id,member_ids,hours,requests_received,notes\n2026-01-08,G0001,S0002,C00001;C00002,13,2,\n";
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "bad.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, p.rowsAccepted());
    assertMessage("no row of this file passes the check", () -> s.confirm(HEPING, p.token()));
    try (var files = Files.walk(landing)) {
      assertEquals(List.of(landing), files.toList(), "nothing written");
    }
    assertEquals(0, runs.get());
  }

  @Test
  void onlyTheUploaderConfirmsAndBadFilesGetAClearMessage() throws IOException {
    ReportUploadService s = service(new AtomicInteger());
    ReportUploadService.Preview p = s.check(HEPING, "120101", "2026Q1", "r.csv", sample());
    assertThrows(UserError.class, () -> s.confirm(OTHER, p.token()));
    assertThrows(UserError.class, () -> s.confirm(HEPING, "made-up-token"));

    assertMessage("the file is larger than 10 MB", () -> s.check(HEPING, "120101", "2026Q1", "big.csv", new byte[ReportUploadService.MAX_BYTES + 1]));
    assertMessage("only a CSV (.csv, UTF-8 or GB18030) or an Excel workbook (.xlsx) can be uploaded", () -> s.check(HEPING, "120101", "2026Q1", "r.pdf", sample()));
    assertMessage("is a workbook, not a CSV file", () -> s.check(HEPING, "120101", "2026Q1", "r.csv", workbook("a,b\n1,2\n")));
    assertMessage("is not a readable Excel workbook", () -> s.check(HEPING, "120101", "2026Q1", "r.xlsx", "PK not really a zip".getBytes(StandardCharsets.UTF_8)));
    assertMessage("the header of", () -> s.check(HEPING, "120101", "2026Q1", "r.csv", "date,group\n2026-01-08,G0001\n".getBytes(StandardCharsets.UTF_8)));
    assertMessage("the file is empty", () -> s.check(HEPING, "120101", "2026Q1", "r.csv", new byte[0]));
    assertMessage("quarter must look like 2025Q3", () -> s.check(HEPING, "120101", "2026-1", "r.csv", sample()));
    assertMessage("has not begun", () -> s.check(HEPING, "120101", "2027Q1", "r.csv", sample()));
    assertMessage("no landing zone", () -> new ReportUploadService(live, null, null, TODAY).check(HEPING, "120101", "2026Q1", "r.csv", sample()));
  }

  /** A user's fourth checked file drops their first; the other three can still be confirmed. */
  @Test
  void aUserKeepsAtMostThreeCheckedFilesWaiting() throws IOException {
    ReportUploadService s = service(new AtomicInteger());
    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < ReportUploadService.PENDING_PER_USER + 1; i++) {
      tokens.add(s.check(HEPING, "120101", "2026Q1", "r" + i + ".csv", sample()).token());
    }
    assertMessage("no checked upload with this token", () -> s.confirm(HEPING, tokens.get(0)));
    assertEquals("quarterly_reports/2026Q1/120101.2026-11-27.csv", s.confirm(HEPING, tokens.get(1)).landingPath());
    s.confirm(HEPING, tokens.get(3));
  }

  /** Checked files waiting over all users are capped in bytes; a confirmation makes room. */
  @Test
  void theBytesWaitingOverAllUsersAreCapped() throws IOException {
    long size = sample().length;
    ReportUploadService s = new ReportUploadService(live, Folder.open(landing.toString()), null, TODAY, 2 * size + size / 2);
    String first = s.check(HEPING, "120101", "2026Q1", "a.csv", sample()).token();
    s.check(HEPING, "120101", "2026Q1", "b.csv", sample());
    assertMessage("checked reports waiting for confirmation; try again in a few minutes",
        () -> s.check(OTHER, "120101", "2026Q1", "c.csv", sample()));
    s.confirm(HEPING, first);
    s.check(OTHER, "120101", "2026Q1", "c.csv", sample());
  }

  /**
   * A workbook of 100,000 rows is refused for its size after reading the rows the page may show,
   * not the whole sheet: the check allocates a fraction of what reading every row costs.
   */
  @Test
  void aHugeWorkbookIsReadOnlyUpToTheRowLimit() throws IOException {
    byte[] huge;
    try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = wb.createSheet("季报");
      var header = sheet.createRow(0);
      for (int c = 0; c < ReportCheck.COLUMNS.size(); c++) {
        header.createCell(c).setCellValue(ReportCheck.COLUMNS.get(c));
      }
      for (int r = 1; r <= 100_000; r++) {
        var row = sheet.createRow(r);
        row.createCell(0).setCellValue("2026-01-08");
        row.createCell(1).setCellValue("G0001");
        row.createCell(2).setCellValue("S0001");
        row.createCell(3).setCellValue("C00001;C00002");
        row.createCell(4).setCellValue(8);
        row.createCell(5).setCellValue(r % 7);
        row.createCell(6).setCellValue("第 " + r + " 行");
      }
      wb.write(out);
      wb.dispose();
      huge = out.toByteArray();
    }
    assertTrue(huge.length < ReportUploadService.MAX_BYTES, "within the size limit: " + huge.length);
    ReportUploadService s = service(new AtomicInteger());
    assertMessage("the report has more than 20000 rows; at most 20000 are accepted",
        () -> s.check(HEPING, "120101", "2026Q1", "huge.xlsx", huge));
    // what the check reads: the header and one row more than it accepts, at a fraction of the cost of every row
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    List<CsvRecords.Record> limited = XlsxReport.records("huge.xlsx", huge, ReportUploadService.MAX_ROWS + 2);
    long some = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(ReportUploadService.MAX_ROWS + 2, limited.size());
    assertEquals(List.of("2026-01-08", "G0001", "S0001", "C00001;C00002", "8", String.valueOf((ReportUploadService.MAX_ROWS + 1) % 7),
        "第 " + (ReportUploadService.MAX_ROWS + 1) + " 行"), limited.get(limited.size() - 1).fields());
    before = threads.getCurrentThreadAllocatedBytes();
    assertEquals(100_000, XlsxReport.records("huge.xlsx", huge).size() - 1, "every row, read in full");
    long all = threads.getCurrentThreadAllocatedBytes() - before;
    System.out.printf("aHugeWorkbookIsReadOnlyUpToTheRowLimit: %d rows allocated %d MB, all 100,000 %d MB%n",
        ReportUploadService.MAX_ROWS + 1, some >> 20, all >> 20);
    assertTrue(some < all / 2, "up to the limit " + (some >> 20) + " MB, every row " + (all >> 20) + " MB");
    // read from a temporary file, the workbook's parts are inflated as they are streamed, not first
    // all into memory (from a byte stream: 154 MB for these 20,001 rows; from a file: 55 MB)
    assertTrue(some < 100L << 20, "up to the limit " + (some >> 20) + " MB");
  }

  @Test
  void theTemplateReadsBackAsTheContractsColumns() {
    List<CsvRecords.Record> records = XlsxReport.records("template.xlsx", ReportUploadService.template());
    assertEquals(ReportCheck.COLUMNS, records.get(0).fields());
    assertEquals(List.of("2025-07-03", "G0001", "S0002", "C00001;C00002", "8", "2", "现场受理，已登记（示例行，提交前请删除）"), records.get(1).fields());
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    UserError e = assertThrows(UserError.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  /** A CSV text as a workbook (dates as date cells, numbers as numbers), as Excel would save it. */
  /** The CSV's rows as an Excel workbook, dates and numbers as typed cells (as Excel saves them). */
  public static byte[] workbook(String csv) throws IOException {
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = wb.createSheet("季报");
      var date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      int r = 0;
      for (CsvRecords.Record rec : CsvRecords.parse(csv)) {
        var row = sheet.createRow(r);
        for (int c = 0; c < rec.fields().size(); c++) {
          String f = rec.fields().get(c);
          var cell = row.createCell(c);
          if (r > 0 && f.matches("\\d{4}-\\d{2}-\\d{2}")) {
            cell.setCellValue(java.time.LocalDate.parse(f));
            cell.setCellStyle(date);
          } else if (r > 0 && f.matches("-?\\d+(\\.\\d+)?")) {
            cell.setCellValue(Double.parseDouble(f));
          } else if (!f.isEmpty()) {
            cell.setCellValue(f);
          }
        }
        r++;
      }
      wb.write(out);
      return out.toByteArray();
    }
  }
}
