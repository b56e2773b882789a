package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.XlsxReport;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.browser.BrowserTestBase;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.pipeline.PipelineRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.io.output.NullOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 季报上报 in the browser, the whole way: Heping's clerk downloads the template, fills it in (as
 * Excel would save it), uploads it, sees the bad row, fixes it, uploads again, confirms; the
 * queued pipeline run (real Spark, on a copy of the fixture) loads it, and the report tracker
 * shows the quarter's report on time.
 */
class UploadBrowserTest extends BrowserTestBase {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  private static PipelineRunner runner;
  private static Path warehouse;

  @BeforeAll
  static void withALandingZoneAndARunner() throws IOException {
    Path dir = Files.createTempDirectory("browser-upload");
    warehouse = dir.resolve("warehouse");
    Path landing = dir.resolve("landing");
    FixtureWarehouse.copyTree(FixtureWarehouse.get(), warehouse);
    FixtureWarehouse.copyTree(FixtureWarehouse.sampleData(), landing);
    runner = new PipelineRunner(landing.toString(), new SnapshotStore(warehouse), warehouse, "local[2]", null, null, new PrintStream(NullOutputStream.INSTANCE), () -> TODAY);
    DashboardApp.Deps copy = DashboardServer.deps(warehouse);
    startApp(new DashboardApp.Deps(copy.snapshot(), copy.console(), copy.users(), warehouse, runner));
  }

  @AfterAll
  static void closeRunner() {
    runner.close();
  }

  @Test
  void aClerkFillsTheTemplateFixesTheBadRowConfirmsAndTheReportIsOnTime() throws Exception {
    login(FixtureWarehouse.DISTRICT);
    open("/upload", "upload");
    assertEquals("季报上报（津科创〔2015〕51号 第八条）", text("h2[data-i18n=up_title]"));
    assertEquals(List.of("120101"), attributes("#upload-district option", "value"), "a district user: their own district only");

    driver.findElement(By.id("template-link")).click();
    Path template = downloadedLike(".*\\.xlsx");
    assertEquals(ReportCheck.COLUMNS, XlsxReport.records("template", Files.readAllBytes(template)).get(0).fields());

    // the clerk fills the template: the example row replaced by G0001's sessions of 2026Q4, plus a typo (13 hours)
    List<List<String>> sessions = sessions();
    Path filled = Files.createTempDirectory("clerk").resolve("和平区2026Q4季报.xlsx");
    fill(template, filled, sessions, true);
    new Select(driver.findElement(By.id("upload-quarter"))).selectByValue("2026Q4");
    driver.findElement(By.id("upload-file")).sendKeys(filled.toAbsolutePath().toString());
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#upload-problems-table tbody tr")).isEmpty());
    screenshot("upload-problems");
    List<String> problem = texts("#upload-problems-table tbody tr td");
    assertEquals(String.valueOf(sessions.size() + 2), problem.get(0), "the bad row's line: the sheet's row number");
    assertEquals(List.of("hours", "格式或数值错误 (BAD_VALUE)", "hours: 13 is not in (0, 12]"), problem.subList(1, 4));
    // the clerk downloads the rejected rows to fix them in their sheet
    assertEquals("1", driver.findElement(By.id("upload-problems")).getDomAttribute("data-total"));
    driver.findElement(By.cssSelector("#upload-problems a.export-csv")).click();
    String rejected = Files.readString(downloadedLike("report-problems-120101-2026Q4-.*\\.csv"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(rejected.contains("行号 (line_number)") && rejected.contains("BAD_VALUE") && rejected.contains("hours: 13 is not in (0, 12]"), rejected);

    // fixed, checked again: every row passes; confirmed
    fill(template, filled, sessions, false);
    driver.findElement(By.id("upload-file")).clear();
    driver.findElement(By.id("upload-file")).sendKeys(filled.toAbsolutePath().toString());
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#upload-problems-table")).isEmpty()
        && d.findElement(By.id("upload-summary")).getText().contains("全部通过"));
    driver.findElement(By.id("upload-confirm")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("upload-confirmed")).isDisplayed());
    assertEquals("已提交：quarterly_reports/2026Q4/120101.2026-11-27.xlsx。已排队更新数据。", text("#upload-confirmed"));

    // the queued run loads it; the tracker shows the report on time
    PipelineRun run = runner.await(runner.history().get(0).id(), Duration.ofMinutes(10));
    assertEquals(PipelineRun.Status.OK, run.status(), run.error());
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
      assertEquals(sessions.size(), ((Number) db.select("select count(*) from onsite_sessions where source_file = ?",
          "quarterly_reports/2026Q4/120101.2026-11-27.xlsx").rows().get(0).get(0)).intValue());
    }
    new WebDriverWait(driver, WAIT).until(d -> {
      open("/reports", "reports-after-upload");
      return "ON_TIME".equals(driver.findElement(By.cssSelector("#report-grid td.cell[data-district='120101'][data-quarter='2026Q4']"))
          .getAttribute("data-status"));
    });
    screenshot("reports-after-upload");
  }

  /**
   * Heping's 2026Q1 report is in force (sample-data's file, in the mart): checking it again says
   * which version a confirmation would replace; a second check that fails clears the first
   * result and Confirm; another quarter clears it too; a file of which no row passes gets no
   * Confirm, and says why. Nothing is confirmed here.
   */
  @Test
  void aFailedCheckClearsConfirmNoPassingRowGetsNoneAndTheVersionInForceIsNamed() throws Exception {
    List<List<Object>> inForce = mart("select cast(submitted_on as varchar), rows_accepted from quarterly_reports"
        + " where district_code = '120101' and quarter = '2026Q1' and is_latest");
    assertEquals(1, inForce.size(), inForce.toString());
    login(FixtureWarehouse.DISTRICT);
    open("/upload", "upload-replace");
    Path dir = Files.createTempDirectory("clerk-files");
    Path good = Files.copy(FixtureWarehouse.sampleData().resolve("quarterly_reports/2026Q1/120101.2026-04-03.csv"), dir.resolve("和平区2026Q1季报.csv"));
    Path pdf = Files.writeString(dir.resolve("季报.pdf"), "%PDF-1.4 not a report");
    Path none = Files.writeString(dir.resolve("全错.csv"), String.join(",", ReportCheck.COLUMNS) + "\n2026-01-08,G0001,S0002,C00001,13,2,\n");
    new Select(driver.findElement(By.id("upload-quarter"))).selectByValue("2026Q1");

    // the report in force, named before confirming
    choose(good);
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("upload-confirm")).isEnabled());
    screenshot("upload-replaces");
    String expected = "将替换 " + inForce.get(0).get(0) + " 提交的版本（"
        + java.text.NumberFormat.getIntegerInstance(java.util.Locale.CHINA).format(((Number) inForce.get(0).get(1)).longValue()) + " 行）";
    assertTrue(text("#upload-replaces").contains(expected), text("#upload-replaces") + " / " + expected);
    assertEquals("2026-04-03", driver.findElement(By.id("upload-replaces")).getAttribute("data-submitted-on"));

    // a second check that fails: the first result and Confirm are gone
    choose(pdf);
    assertFalse(driver.findElement(By.id("upload-result")).isDisplayed(), "choosing another file clears the result");
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("error")).isDisplayed());
    screenshot("upload-failed-check");
    assertTrue(text("#error").contains("季报.pdf"), text("#error"));
    assertFalse(driver.findElement(By.id("upload-result")).isDisplayed(), "no result of the earlier file");
    assertFalse(driver.findElement(By.id("upload-confirm")).isEnabled(), "no Confirm after a failed check");

    // checked again, then another quarter chosen: cleared as well
    choose(good);
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("upload-confirm")).isEnabled());
    assertFalse(driver.findElement(By.id("error")).isDisplayed(), "the earlier error is gone");
    new Select(driver.findElement(By.id("upload-quarter"))).selectByValue("2026Q2");
    assertFalse(driver.findElement(By.id("upload-result")).isDisplayed());
    assertFalse(driver.findElement(By.id("upload-confirm")).isEnabled());

    // no row passes: no Confirm, and why
    new Select(driver.findElement(By.id("upload-quarter"))).selectByValue("2026Q1");
    choose(none);
    driver.findElement(By.id("upload-check")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("upload-result")).isDisplayed());
    screenshot("upload-none-pass");
    assertEquals(1, driver.findElements(By.cssSelector("#upload-problems-table tbody tr")).size());
    assertFalse(driver.findElement(By.id("upload-confirm")).isDisplayed(), "no Confirm when no row passes");
    assertTrue(driver.findElement(By.id("upload-none-pass")).isDisplayed());
    assertTrue(text("#upload-none-pass").startsWith("没有一行通过检查，不能提交"), text("#upload-none-pass"));
    assertFalse(driver.findElement(By.id("upload-replaces")).isDisplayed(), "nothing to replace with");
  }

  private static void choose(Path file) {
    driver.findElement(By.id("upload-file")).clear();
    driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
  }

  /** G0001's sessions of Heping's 2026Q3 report, three months on, up to the as-of date. */
  private static List<List<String>> sessions() throws IOException {
    String q3 = Files.readString(FixtureWarehouse.sampleData().resolve("quarterly_reports/2026Q3/120101.2026-10-10.csv"));
    List<CsvRecords.Record> records = CsvRecords.parse(q3);
    return records.subList(1, records.size()).stream()
        .filter(r -> r.fields().get(1).equals("G0001"))
        .map(r -> {
          List<String> f = new java.util.ArrayList<>(r.fields());
          f.set(0, LocalDate.parse(f.get(0)).plusMonths(3).toString());
          return f;
        })
        .filter(f -> !LocalDate.parse(f.get(0)).isAfter(TODAY))
        .toList();
  }

  /** The template with the example row replaced by {@code sessions} (and a 13-hour row when {@code typo}). */
  private static void fill(Path template, Path out, List<List<String>> sessions, boolean typo) throws IOException {
    try (InputStream in = Files.newInputStream(template); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheetAt(0);
      var date = sheet.getRow(1).getCell(0).getCellStyle();
      sheet.removeRow(sheet.getRow(1));
      int r = 1;
      for (List<String> s : sessions) {
        row(sheet.createRow(r++), s, date);
      }
      if (typo) {
        row(sheet.createRow(r), List.of(TODAY.minusDays(7).toString(), "G0001", "S0001", "C00001", "13", "0", ""), date);
      }
      try (OutputStream o = Files.newOutputStream(out)) {
        wb.write(o);
      }
    }
  }

  private static void row(Row row, List<String> f, org.apache.poi.ss.usermodel.CellStyle date) {
    var d = row.createCell(0);
    d.setCellValue(LocalDate.parse(f.get(0)));
    d.setCellStyle(date);
    row.createCell(1).setCellValue(f.get(1));
    row.createCell(2).setCellValue(f.get(2));
    row.createCell(3).setCellValue(f.get(3));
    row.createCell(4).setCellValue(Double.parseDouble(f.get(4)));
    row.createCell(5).setCellValue(Double.parseDouble(f.get(5)));
    if (f.size() > 6 && !f.get(6).isEmpty()) {
      row.createCell(6).setCellValue(f.get(6));
    }
  }
}
