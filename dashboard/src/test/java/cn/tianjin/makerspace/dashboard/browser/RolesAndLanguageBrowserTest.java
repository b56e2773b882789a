package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Every dashboard page after the language switch; the 和平区 user on every page (their district's
 * data only); a leader never sees the SQL console in the menu.
 */
class RolesAndLanguageBrowserTest extends BrowserTestBase {
  private static final String HEPING = FixtureWarehouse.DISTRICT_CODE;
  private static final List<String> DASHBOARD_NAV = List.of("overview", "district", "reports", "sla", "awards", "alerts", "quality");
  private static final List<String> DISTRICT_NAV = List.of("overview", "district", "reports", "sla", "awards", "alerts", "upload", "quality");

  /** A page, a label of its own (not the shared header's) in Chinese and in English, its menu entry in both. */
  private record Page(String key, String path, String label, String zh, String en, String navZh, String navEn) {}

  private static final List<Page> PAGES = List.of(
      new Page("overview", "/?quarter=2025Q3", "#cards .card[data-kpi=requests_received] .label", "受理需求数", "Requests received", "总览", "Overview"),
      new Page("district", "/district?district=120102&quarter=2025Q3", "h2[data-i18n=di_spaces]", "众创空间与流动服务站覆盖", "Maker spaces and station coverage",
          "区县", "District"),
      new Page("reports", "/reports", "h2[data-i18n=rp_reconciliation]", "现场受理需求核对：季报填报数与需求受理记录",
          "On-site requests: reported in the quarterly report vs. the request logs", "季报跟踪", "Quarterly reports"),
      new Page("sla", "/sla?quarter=2025Q3", "h2[data-i18n=sla_overdue]", "逾期未反馈需求清单", "Overdue requests without feedback", "反馈时限", "Feedback SLA"),
      new Page("awards", "/awards?year=2025", "h2[data-i18n=aw_chart]", "得分构成", "Score components", "表彰候选名单", "Award shortlist"),
      new Page("alerts", "/alerts?on=2025-10-14", "h2[data-i18n=al_by_district]", "各区县提醒", "Alerts by district", "通知提醒", "Alerts"),
      new Page("quality", "/quality", "h2[data-i18n=q_runs]", "数据导入记录（最新在前）", "Ingestion runs (latest first)", "数据质量", "Data quality"));

  private static String lang() {
    return driver.findElement(By.tagName("html")).getDomAttribute("lang");
  }

  private static List<String> options(String selectId) {
    return new Select(driver.findElement(By.id(selectId))).getOptions().stream().map(o -> o.getDomAttribute("value")).toList();
  }

  @Test
  void aLeaderSeesEveryPageInChineseThenInEnglishAndNeverTheConsoleLink() {
    login(FixtureWarehouse.LEADER);
    for (Page p : PAGES) {
      open(p.path(), p.key() + "-zh");
      assertEquals("zh-CN", lang(), p.key());
      assertEquals(p.zh(), text(p.label()), p.key());
      assertEquals(p.navZh(), text("nav a.active"), p.key());
      assertEquals(DASHBOARD_NAV, nav(), p.key() + ": the leader's menu, without the SQL console");
      assertTrue(driver.findElements(By.cssSelector("a[href='/console']")).isEmpty(), p.key() + ": no link to the console");
    }
    // the switch on the last page reloads it in English; the choice holds for every page opened after
    WebElement body = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("lang-switch")).click();
    waitReloaded(body);
    assertEquals("en", lang());
    for (Page p : PAGES) {
      open(p.path(), p.key() + "-en");
      assertEquals("en", lang(), p.key());
      assertEquals(p.en(), text(p.label()), p.key());
      assertEquals(p.navEn(), text("nav a.active"), p.key());
      assertEquals("中文", text("#lang-switch"), p.key());
      assertEquals(DASHBOARD_NAV, nav(), p.key());
    }
    // a page's own data in English too: the district's English name and the quarter
    open("/district?district=120102&quarter=2025Q3", "district-en");
    String nameEn = (String) mart("select name_en from districts where district_code = '120102'").get(0).get(0);
    assertEquals(nameEn + " · Q3 2025", text("#district-title"));

    body = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("lang-switch")).click();
    waitReloaded(body);
    assertEquals("zh-CN", lang());
    assertEquals(PAGES.get(1).zh(), text(PAGES.get(1).label()));
    assertEquals("天津市众创空间延伸服务 · 数据看板", text("header h1"));
  }

  @Test
  void theDistrictUserSeesOnlyTheirDistrictOnEveryPage() {
    String heping = (String) mart("select name_zh from districts where district_code = ?", HEPING).get(0).get(0);
    assertEquals("和平区", heping);
    login(FixtureWarehouse.DISTRICT);

    open("/?quarter=2025Q3", "overview-heping");
    assertEquals(List.of(HEPING), attributes("#districts tbody tr[data-district]", "data-district"));
    assertEquals(DISTRICT_NAV, nav(), "the district user's menu: with 季报上报");

    // 区县: another district in the address gives the user's own
    open("/district?district=120102&quarter=2025Q3", "district-heping");
    waitChartsDrawn();
    assertEquals(heping + " · 2025年第3季度", text("#district-title"));
    assertEquals(List.of(HEPING), options("district-select"));
    assertFalse(driver.findElement(By.id("district-select")).isEnabled());
    assertEquals(base + "/district?district=" + HEPING + "&quarter=2025Q3", driver.getCurrentUrl());
    assertEquals(count("select count(*) from maker_spaces where district_code = ? and opened_on <= date '2025-09-30'"
        + " and coalesce(closed_on, date '2999-12-31') >= date '2025-07-01'", HEPING),
        driver.findElements(By.cssSelector("#space-table tbody tr[data-space]")).size());
    assertDrawnWithData("heatmap-chart");

    // 季报跟踪: one row of the grid, one of the reconciliation
    open("/reports?quarter=2025Q3", "reports-heping");
    assertEquals(List.of(HEPING), attributes("#report-grid tbody tr[data-district]", "data-district"));
    assertEquals(count("select count(distinct quarter) from kpi_district_quarter"), driver.findElements(By.cssSelector("#report-grid td.cell")).size());
    assertTrue(attributes("#report-grid td.cell", "data-district").stream().allMatch(HEPING::equals));
    assertEquals(List.of(HEPING), attributes("#reconciliation-table tbody tr", "data-district"));

    // 反馈时限: the filter holds only 和平区; the cards and the overdue list are its own
    open("/sla?quarter=2025Q3", "sla-heping");
    waitChartsDrawn();
    assertEquals(List.of(HEPING), options("district-filter"));
    String q3 = "district_code = ? and received_date between date '2025-07-01' and date '2025-09-30'";
    assertEquals(String.format(Locale.ROOT, "%,d", count("select count(*) from requests where " + q3, HEPING)),
        text("#cards .card[data-kpi=requests] .value"));
    List<String> overdue = attributes("#overdue tbody tr[data-request]", "data-request");
    assertEquals(mart("select request_id from requests where sla_status = 'OPEN_OVERDUE' and " + q3 + " order by 1", HEPING).stream()
        .map(r -> (String) r.get(0)).toList(), overdue.stream().sorted().toList());
    assertFalse(overdue.isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#overdue tbody tr td:nth-child(2)")).stream().allMatch(td -> td.getText().equals(heping)));

    // 表彰候选名单: no 和平区 commissioner is shortlisted in 2025; the near misses are 和平区's only
    open("/awards?year=2025", "awards-heping");
    assertEquals(0, count("select count(*) from award_shortlist where year = 2025 and district_code = ?", HEPING), "a fixture fact");
    assertEquals("0", driver.findElement(By.id("shortlist-table")).getDomAttribute("data-total"));
    assertEquals("共 0 条 · 第 1/1 页", text("#shortlist-table .list-total"));
    assertEquals("没有符合条件的记录", text("#shortlist-table p.muted"));
    long near = count("select count(*) from award_candidates where year = 2025 and district_code = ? and not shortlisted", HEPING);
    assertTrue(near > 0, "和平区 has eligible commissioners in 2025");
    List<WebElement> nearRows = driver.findElements(By.cssSelector("#near-miss-table tbody tr"));
    assertEquals(Math.min(10, near), nearRows.size());
    assertTrue(nearRows.stream().allMatch(tr -> tr.findElements(By.cssSelector("td")).get(3).getText().equals(heping)));
    assertEquals("/api/awards/export?year=2025&format=csv", driver.findElement(By.id("export-csv")).getDomAttribute("href"),
        "the export is scoped on the server");

    // 通知提醒: 和平区's alerts only; its overdue count is the direct count on the fixture
    open("/alerts?on=2025-10-14", "alerts-heping");
    assertEquals(List.of(HEPING), attributes("#alert-counts-table tbody tr[data-district]", "data-district"));
    assertEquals(List.of(HEPING), attributes("#alert-districts section[data-district]", "data-district"));
    assertEquals(String.valueOf(count("select count(*) from requests where district_code = ? and deadline_date < date '2025-10-14'"
        + " and received_date <= date '2025-10-14' and (feedback_date is null or feedback_date >= date '2025-10-14')", HEPING)),
        text("#cards .card[data-kind=requestsOverdue] .value"));
    assertEquals(List.of(HEPING), options("district-filter"));

    // 数据质量: only 和平区's rows (quarantine.district_code: its report files' rows and the
    // request-log lines naming its spaces); the runs of its report files
    open("/quality", "quality-heping");
    assertEquals(List.of(HEPING), options("district-filter"));
    String mine = "district_code = '" + HEPING + "'";
    assertEquals(mart("select distinct reason_code from quarantine where " + mine + " order by 1").stream().map(r -> (String) r.get(0)).toList(),
        attributes("#reasons tbody tr[data-reason]", "data-reason").stream().sorted().toList());
    List<String> sources = attributes("#runs tbody tr", "data-source");
    assertFalse(sources.isEmpty());
    assertTrue(sources.stream().allMatch("quarterly_reports"::equals), sources.toString());
    driver.findElement(By.cssSelector("#reasons tbody tr[data-reason] td")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#rows tbody tr")).isEmpty());
    screenshot("quality-heping-rows");
    List<String> files = driver.findElements(By.cssSelector("#rows tbody tr td:first-child")).stream().map(WebElement::getText).toList();
    List<String> own = mart("select distinct source_file from quarantine where " + mine).stream().map(r -> (String) r.get(0)).toList();
    assertTrue(!files.isEmpty() && own.containsAll(files), files.toString());
  }
}
