package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The district page (by drill-down from the overview), the quarterly-report tracker, the feedback
 * SLA, the award shortlist with its exports and data quality, in a real browser; every figure
 * checked against the fixture's marts.
 */
class PagesBrowserTest extends BrowserTestBase {
  private static final String QUARTER = "2025Q3";
  private static final String Q3_FIRST = "2025-07-01";
  private static final String Q3_LAST = "2025-09-30";
  private static final Map<String, String> REPORT_STATUS_ZH = Map.of("ON_TIME", "按时", "LATE", "逾期", "MISSING", "未报", "NOT_DUE", "未到期");

  private static List<String> strings(String sql, Object... params) {
    return mart(sql, params).stream().map(r -> String.valueOf(r.get(0))).toList();
  }

  private static Map<String, Object> kpi(String district, String quarter) {
    List<List<Object>> r = mart("select open_overdue, groups_active, report_status from kpi_district_quarter where district_code = ? and quarter = ?",
        district, quarter);
    return Map.of("open_overdue", r.get(0).get(0), "groups_active", r.get(0).get(1), "report_status", r.get(0).get(2));
  }

  /** A number as the pages show it in Chinese (1,234) back to a long. */
  private static long number(String shown) {
    return Long.parseLong(shown.replace(",", "").trim());
  }

  private static List<String> rowsOf(String css, int column) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(tr -> tr.findElements(By.cssSelector("td")).get(column).getText()).toList();
  }

  // ---- 区县 ----

  @Test
  void drillingDownFromTheOverviewShowsTheDistrictsHeatMapTablesAndReport() {
    // the district with the most overdue requests in the quarter, so every table has rows
    String code = strings("select district_code from kpi_district_quarter where quarter = ? and district_code <> ? and open_overdue > 0"
        + " order by open_overdue desc, district_code limit 1", QUARTER, FixtureWarehouse.DISTRICT_CODE).get(0);
    String name = strings("select name_zh from districts where district_code = ?", code).get(0);
    Map<String, Object> kpi = kpi(code, QUARTER);

    login(FixtureWarehouse.LEADER);
    openDrawn("/?quarter=" + QUARTER, "overview-before-drill-down");
    driver.findElement(By.cssSelector("#districts tbody tr[data-district='" + code + "']")).click();
    new WebDriverWait(driver, WAIT).until(d -> path().equals("/district"));
    waitReady();
    waitChartsDrawn();
    screenshot("district");
    assertEquals(base + "/district?district=" + code + "&quarter=" + QUARTER, driver.getCurrentUrl());
    assertEquals(name + " · 2025年第3季度", text("#district-title"));
    assertEquals(name, new Select(driver.findElement(By.id("district-select"))).getFirstSelectedOption().getText());

    // the heat map: a cell per operating station and week of the quarter (the weeks of 30 June … 22 September)
    List<String> spaces = strings("select space_id from maker_spaces where district_code = ? and opened_on <= ?::date"
        + " and coalesce(closed_on, date '2999-12-31') >= ?::date order by 1", code, Q3_LAST, Q3_FIRST);
    assertFalse(spaces.isEmpty());
    Map<String, Object> heat = assertDrawnWithData("heatmap-chart");
    List<?> weeks = (List<?>) heat.get("x");
    List<?> stations = (List<?>) heat.get("y");
    assertEquals(13, weeks.size(), weeks.toString());
    assertTrue(weeks.get(0).toString().startsWith("06-30") && weeks.get(12).toString().startsWith("09-22"), weeks.toString());
    assertEquals(spaces, stations.stream().map(s -> s.toString().split(" ")[0]).sorted().toList(), "a row per station of the district");
    assertEquals(13 * spaces.size(), ((Number) heat.get("points")).intValue(), "a cell per station and week");
    // green exactly where onsite_weeks says every required group was compliant (not where the hours of several groups add up to 8)
    @SuppressWarnings("unchecked")
    List<String> green = (List<String>) driver.executeScript(
        "const o = echarts.getInstanceByDom(document.getElementById('heatmap-chart')).getOption();"
            + " return o.series[0].data.filter((d) => d.value[2] === 2).map((d) => d.cell.space_id + ' ' + d.cell.week_start).sort();");
    assertEquals(strings("select space_id || ' ' || week_start from onsite_weeks where district_code = ? and quarter = ? and required"
        + " group by space_id, week_start having bool_and(compliant) order by 1", code, QUARTER), green);

    assertEquals(spaces, attributes("#space-table tbody tr[data-space]", "data-space").stream().sorted().toList());
    assertEquals(String.valueOf(spaces.size()), driver.findElement(By.id("space-table")).getDomAttribute("data-total"), "a list with its total");
    assertEquals(4, driver.findElements(By.cssSelector("#space-table a.export, #group-table a.export")).size(), "CSV and .xlsx of each list");
    assertEquals(((Number) kpi.get("groups_active")).intValue(), driver.findElements(By.cssSelector("#group-table tbody tr[data-group]")).size(),
        "a row per active group (the mart's groups_active)");
    List<String> overdue = strings("select request_id from requests where district_code = ? and received_date between ?::date and ?::date"
        + " and sla_status = 'OPEN_OVERDUE' order by 1", code, Q3_FIRST, Q3_LAST);
    assertEquals(((Number) kpi.get("open_overdue")).intValue(), overdue.size());
    assertFalse(overdue.isEmpty());
    // the list is paged (20 a page) with its total: every overdue request on one of its pages
    assertEquals(String.valueOf(overdue.size()), driver.findElement(By.id("overdue-table")).getDomAttribute("data-total"));
    List<String> listed = new ArrayList<>(attributes("#overdue-table tbody tr[data-request]", "data-request"));
    for (int page = 2; driver.findElement(By.cssSelector("#overdue-table .page-next")).isEnabled(); page++) {
      driver.findElement(By.cssSelector("#overdue-table .page-next")).click();
      String shown = String.valueOf(page);
      new WebDriverWait(driver, WAIT).until(d -> shown.equals(d.findElement(By.id("overdue-table")).getDomAttribute("data-page")));
      listed.addAll(attributes("#overdue-table tbody tr[data-request]", "data-request"));
    }
    assertEquals(overdue, listed.stream().sorted().toList());

    String status = (String) kpi.get("report_status");
    assertEquals(status, driver.findElement(By.id("report-status")).getDomAttribute("data-status"));
    assertEquals(REPORT_STATUS_ZH.get(status), text("#report-status dd .badge"));
    assertEquals("/reports?district=" + code + "&quarter=" + QUARTER, driver.findElement(By.id("report-history-link")).getDomAttribute("href"));
  }

  // ---- 季报跟踪 ----

  @Test
  void theReportTrackerHasACellPerDistrictAndQuarterItsHistoryAndTheReconciliation() {
    login(FixtureWarehouse.ANALYST);
    open("/reports?quarter=" + QUARTER, "reports");
    List<String> quarters = strings("select distinct quarter from kpi_district_quarter order by 1 desc");
    assertEquals(quarters.size(), driver.findElements(By.cssSelector("#report-grid thead th.quarter")).size());
    assertEquals(16, driver.findElements(By.cssSelector("#report-grid tbody tr[data-district]")).size());
    @SuppressWarnings("unchecked")
    List<String> cells = (List<String>) driver.executeScript(
        "return [...document.querySelectorAll('#report-grid td.cell')].map((c) => c.dataset.district + ' ' + c.dataset.quarter + ' ' + c.dataset.status).sort();");
    List<String> expected = mart("select district_code, quarter, report_status from kpi_district_quarter").stream()
        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).sorted().toList();
    assertEquals(16 * quarters.size(), cells.size(), "16 districts × " + quarters.size() + " quarters");
    assertEquals(expected, cells);

    // a district and quarter with more than one submission: the history lists them all
    List<Object> twice = mart("select district_code, quarter from quarterly_reports group by all having count(*) > 1 order by all limit 1").get(0);
    String district = (String) twice.get(0);
    String quarter = (String) twice.get(1);
    assertTrue(driver.findElement(By.id("history")).getDomAttribute("hidden") != null, "no history before a click");
    driver.findElement(By.cssSelector("#report-grid td.cell[data-district='" + district + "'][data-quarter='" + quarter + "']")).click();
    WebElement history = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("history")));
    new WebDriverWait(driver, WAIT).until(d -> quarter.equals(history.getDomAttribute("data-quarter"))
        && district.equals(history.getDomAttribute("data-district")) && !d.findElements(By.cssSelector("#history-submissions tbody tr")).isEmpty());
    screenshot("reports-history");
    String name = strings("select name_zh from districts where district_code = ?", district).get(0);
    assertTrue(text("#history h2").startsWith(name + " · "), text("#history h2"));
    assertEquals(strings("select submitted_on::varchar from quarterly_reports where district_code = ? and quarter = ? order by submitted_on", district, quarter),
        rowsOf("#history-submissions tbody tr", 0));
    assertTrue(driver.findElement(By.cssSelector("#report-grid td.cell[data-district='" + district + "'][data-quarter='" + quarter + "']"))
        .getDomAttribute("class").contains("selected"));

    // the reconciliation of the quarter asked for: a row per district, the logged on-site requests from the mart
    List<String> rows = attributes("#reconciliation-table tbody tr", "data-district");
    assertEquals(strings("select district_code from districts order by 1"), rows.stream().sorted().toList());
    Map<String, Long> logged = new java.util.HashMap<>();
    for (List<Object> r : mart("select district_code, count(*) from requests where channel = 'ONSITE' and received_date between ?::date and ?::date group by 1",
        Q3_FIRST, Q3_LAST)) {
      logged.put((String) r.get(0), ((Number) r.get(1)).longValue());
    }
    List<String> shown = rowsOf("#reconciliation-table tbody tr", 4);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(logged.getOrDefault(rows.get(i), 0L), number(shown.get(i)), rows.get(i));
    }
  }

  // ---- 反馈时限 ----

  @Test
  void theSlaPageDrawsItsThreeChartsWithTheQuartersRequestsAndListsTheOverdue() {
    login(FixtureWarehouse.ANALYST);
    openDrawn("/sla?quarter=" + QUARTER, "sla");
    String q3 = "received_date between '" + Q3_FIRST + "'::date and '" + Q3_LAST + "'::date";
    long requests = count("select count(*) from requests where " + q3);
    long answered = count("select count(*) from requests where feedback_working_days is not null and " + q3);
    long overdue = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + q3);
    assertTrue(overdue > 50, "more than a page of overdue requests: " + overdue);

    Map<String, Object> histogram = assertDrawnWithData("histogram-chart");
    assertEquals(answered, ((Number) histogram.get("total")).longValue(), "the histogram counts every answered request");
    assertEquals(14, ((List<?>) histogram.get("x")).size(), "0 … 10, 11–15, 16–20, 21+ working days");
    Map<String, Object> channels = assertDrawnWithData("channel-chart");
    assertEquals(requests, ((Number) channels.get("total")).longValue(), "the channels add up to the quarter's requests");
    assertEquals(List.of("现场", "热线", "网站", "微信").stream().sorted().toList(), ((List<?>) channels.get("x")).stream().map(String::valueOf).sorted().toList());
    Map<String, Object> categories = assertDrawnWithData("category-chart");
    assertEquals(requests, ((Number) categories.get("total")).longValue(), "the categories add up to the quarter's requests");
    assertEquals(count("select count(*) from service_categories"), ((List<?>) categories.get("y")).size());
    assertEquals(String.format(Locale.ROOT, "%,d", requests), text("#cards .card[data-kpi=requests] .value"));

    // the first page of the overdue list, most overdue first
    List<String> ids = attributes("#overdue tbody tr[data-request]", "data-request");
    assertEquals(50, ids.size());
    Set<String> all = new TreeSet<>(strings("select request_id from requests where sla_status = 'OPEN_OVERDUE' and " + q3));
    assertTrue(all.containsAll(ids), "only overdue requests of the quarter");
    List<Long> days = rowsOf("#overdue tbody tr", 7).stream().map(PagesBrowserTest::number).toList();
    assertEquals(days.stream().sorted((a, b) -> Long.compare(b, a)).toList(), days, "most working days overdue first");
    assertEquals("共 " + String.format(Locale.ROOT, "%,d", overdue) + " 条 · 第 1/" + (overdue + 49) / 50 + " 页", text("#overdue-table .list-total"));
  }

  // ---- 表彰候选名单 ----

  @Test
  void theShortlistIsTheMartsInRankOrderWithItsChartBadgeAndExports() throws IOException {
    List<List<Object>> shortlist = mart("select rank, commissioner_id, name, score from award_shortlist where year = 2025 order by rank");
    assertEquals(10, shortlist.size());
    List<String> ids = shortlist.stream().map(r -> (String) r.get(1)).toList();

    login(FixtureWarehouse.LEADER);
    openDrawn("/awards?year=2025", "shortlist");
    assertEquals(ids, attributes("#shortlist tbody tr[data-commissioner]", "data-commissioner"));
    assertEquals(shortlist.stream().map(r -> String.valueOf(r.get(0))).toList(), rowsOf("#shortlist tbody tr", 0));
    assertEquals(shortlist.stream().map(r -> (String) r.get(2)).toList(), rowsOf("#shortlist tbody tr", 1));
    assertEquals(shortlist.stream().map(r -> ((BigDecimal) r.get(3)).setScale(2, RoundingMode.HALF_UP).toPlainString()).toList(), rowsOf("#shortlist tbody tr", 4));

    Map<String, Object> chart = assertDrawnWithData("score-chart");
    assertEquals(4, ((Number) chart.get("series")).intValue(), "four score components, stacked");
    List<?> bars = (List<?>) chart.get("y");
    assertEquals(10, bars.size());
    for (int i = 0; i < 10; i++) {
      assertTrue(bars.get(i).toString().startsWith(shortlist.get(i).get(0) + ". " + shortlist.get(i).get(2)), bars.get(i).toString());
    }
    assertEquals(40, ((Number) chart.get("points")).intValue(), "a segment per component and commissioner");
    BigDecimal total = shortlist.stream().map(r -> (BigDecimal) r.get(3)).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(total.doubleValue(), ((Number) chart.get("total")).doubleValue(), 0.01, "the segments add up to the scores");

    WebElement badge = driver.findElement(By.id("provisional-badge"));
    assertFalse(badge.isDisplayed(), "2025 is over: no provisional badge");

    // exports, as the leader downloads them
    driver.findElement(By.id("export-csv")).click();
    Path csv = downloaded("award-shortlist-2025.csv");
    byte[] bytes = Files.readAllBytes(csv);
    assertTrue(bytes.length > 3, csv.toString());
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
    List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertEquals("年度 (year)", header.get(0));
    int idColumn = header.indexOf("服务专员编号 (commissioner_id)");
    assertTrue(idColumn > 0, header.toString());
    assertEquals(ids, lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[idColumn]).toList());

    driver.findElement(By.id("export-xlsx")).click();
    Path xlsx = downloaded("award-shortlist-2025.xlsx");
    assertTrue(Files.size(xlsx) > 0, xlsx.toString());
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheetAt(0);
      DataFormatter f = new DataFormatter();
      assertTrue(f.formatCellValue(sheet.getRow(0).getCell(0)).startsWith("2025年度优秀服务专员表彰候选名单（全市） · 正式"),
          f.formatCellValue(sheet.getRow(0).getCell(0)));
      Row names = sheet.getRow(4);
      int id = -1;
      for (int c = 0; c < names.getLastCellNum(); c++) {
        if ("commissioner_id".equals(f.formatCellValue(names.getCell(c)))) {
          id = c;
        }
      }
      assertTrue(id >= 0, "a commissioner_id column");
      List<String> rows = new ArrayList<>();
      for (int r = 5; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        assertNotNull(row);
        rows.add(f.formatCellValue(row.getCell(id)));
      }
      assertEquals(ids, rows);
    }

    // 2026 is not over on the as-of date: provisional, with that year's shortlist
    new Select(driver.findElement(By.id("year"))).selectByValue("2026");
    new WebDriverWait(driver, WAIT).until(d -> badge.isDisplayed());
    waitChartsDrawn();
    screenshot("shortlist-2026");
    assertEquals("暂定：截至 " + FixtureWarehouse.AS_OF + " 本年度尚未结束", badge.getText());
    assertEquals(strings("select commissioner_id from award_shortlist where year = 2026 order by rank"),
        attributes("#shortlist tbody tr[data-commissioner]", "data-commissioner"));
    assertEquals(base + "/awards?year=2026", driver.getCurrentUrl());
  }

  // ---- 数据质量 ----

  @Test
  void theQualityPageChartsTheQuarantineListsAReasonsRowsAndTheRuns() {
    login(FixtureWarehouse.ANALYST);
    openDrawn("/quality", "quality");
    Map<String, Object> chart = assertDrawnWithData("reason-chart");
    assertEquals(count("select count(*) from quarantine"), ((Number) chart.get("total")).longValue(), "the bars add up to the quarantine");
    List<String> reasons = attributes("#reasons tbody tr[data-reason]", "data-reason");
    assertEquals(strings("select distinct reason_code from quarantine order by 1"), reasons.stream().sorted().toList());

    // the reason with the most rows: more than a page of them
    String reason = strings("select reason_code from quarantine group by 1 order by count(*) desc, 1 limit 1").get(0);
    long total = count("select count(*) from quarantine where reason_code = ?", reason);
    WebElement row = driver.findElement(By.cssSelector("#reasons tbody tr[data-reason='" + reason + "']"));
    String label = row.findElement(By.cssSelector("td")).getText();
    row.findElement(By.cssSelector("td")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#rows[data-reason='" + reason + "'] tbody tr")).size() > 0);
    screenshot("quality-rows");
    assertEquals("隔离行：" + label, text("#rows-title"));
    List<String> codes = rowsOf("#rows tbody tr", 2);
    assertEquals(Math.min(50, total), codes.size());
    assertTrue(codes.stream().allMatch(reason::equals), codes.toString());
    assertTrue(driver.findElement(By.cssSelector("#reasons tbody tr[data-reason='" + reason + "']")).getDomAttribute("class").contains("selected"));
    assertEquals(base + "/quality?reason=" + reason, driver.getCurrentUrl());

    // the ingestion runs: a line per run and source, each balanced
    List<String> runs = attributes("#runs tbody tr", "data-run");
    assertFalse(runs.isEmpty());
    long allRuns = count("select count(distinct run_id) from ingest_runs");
    assertTrue(allRuns <= 20, "the fixture's runs fit on the first page: " + allRuns);
    assertEquals(allRuns, runs.stream().distinct().count());
    assertEquals(count("select count(*) from (select distinct run_id, source from ingest_runs)"), runs.size());
    assertTrue(rowsOf("#runs tbody tr", 10).stream().allMatch("✓ 平衡"::equals), rowsOf("#runs tbody tr", 10).toString());
  }
}
