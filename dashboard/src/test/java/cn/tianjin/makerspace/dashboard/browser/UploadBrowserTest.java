package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.PipelineRunner;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.ingestion.CsvRecords;
import cn.tianjin.makerspace.ingestion.ReportCheck;
import cn.tianjin.makerspace.ingestion.XlsxReport;
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
    runner = new PipelineRunner(landing, warehouse, "local[2]", null, null, new PrintStream(NullOutputStream.INSTANCE), () -> TODAY);
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
    PipelineRunner.Run run = runner.await(runner.history().get(0).id(), Duration.ofMinutes(10));
    assertEquals(PipelineRunner.OK, run.status(), run.error());
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
