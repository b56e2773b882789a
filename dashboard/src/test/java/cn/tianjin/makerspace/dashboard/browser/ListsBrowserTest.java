package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.dashboard.web.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lists and the drill-through in a real browser: a list sorts by a header (by mouse and by
 * keyboard), pages with its total shown, exports CSV and .xlsx with the page's filter; a request
 * id opens the request (for the roles that may see it); a district's page draws its trend over
 * quarters; a commissioner on the shortlist opens their explain-award breakdown.
 */
class ListsBrowserTest extends BrowserTestBase {
  private static final String Q3 = "received_date between DATE '2025-07-01' and DATE '2025-09-30'";

  private static List<String> column(String table, int i) {
    return driver.findElements(By.cssSelector(table + " tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).get(i).getText()).toList();
  }

  /** Waits until the list in {@code box} is drawn sorted by {@code sort} ({@code dir}) on page {@code page}. */
  private static void waitList(String box, String sort, String dir, int page) {
    new WebDriverWait(driver, WAIT).until(d -> {
      WebElement b = d.findElement(By.cssSelector(box));
      return sort.equals(b.getDomAttribute("data-sort")) && dir.equals(b.getDomAttribute("data-dir")) && String.valueOf(page).equals(b.getDomAttribute("data-page"));
    });
  }

  @Test
  void theSlaOverdueListSortsByKeyboardPagesWithItsTotalAndExportsItsFilter() throws IOException {
    login(FixtureWarehouse.ANALYST);
    long total = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + Q3);
    assertTrue(total > 50, "more than a page: " + total);
    openDrawn("/sla?quarter=2025Q3", "list-sla");
    long pages = (total + 49) / 50;
    assertEquals("共 " + String.format(Locale.ROOT, "%,d", total) + " 条 · 第 1/" + pages + " 页", text("#overdue-table .list-total"));
    assertTrue(driver.findElements(By.cssSelector(".scroll #overdue")).isEmpty(), "no inner scroll box");

    // sort by the received date with the keyboard: the header is a button
    WebElement header = driver.findElement(By.cssSelector("#overdue th button[data-sort=received_date]"));
    header.sendKeys(Keys.ENTER);
    waitList("#overdue-table", "received_date", "asc", 1);
    assertEquals("ascending", driver.findElement(By.cssSelector("#overdue th:has(button[data-sort=received_date])")).getDomAttribute("aria-sort"));
    List<String> oldest = mart("select received_date::varchar from requests where sla_status = 'OPEN_OVERDUE' and " + Q3
        + " order by received_date limit 100").stream().map(r -> (String) r.get(0)).toList();
    assertEquals(oldest.subList(0, 50), column("#overdue", 5), "the 50 oldest, oldest first");
    screenshot("list-sla-sorted");

    // page 2 of the sorted list
    driver.findElement(By.cssSelector("#overdue-table .page-next")).click();
    waitList("#overdue-table", "received_date", "asc", 2);
    assertEquals("共 " + String.format(Locale.ROOT, "%,d", total) + " 条 · 第 2/" + pages + " 页", text("#overdue-table .list-total"));
    assertEquals(oldest.subList(50, Math.min(100, oldest.size())), column("#overdue", 5));

    // Enter again: newest first
    driver.findElement(By.cssSelector("#overdue th button[data-sort=received_date]")).sendKeys(Keys.ENTER);
    waitList("#overdue-table", "received_date", "desc", 1);
    assertEquals("descending", driver.findElement(By.cssSelector("#overdue th:has(button[data-sort=received_date])")).getDomAttribute("aria-sort"));
    assertEquals(mart("select max(received_date)::varchar from requests where sla_status = 'OPEN_OVERDUE' and " + Q3).get(0).get(0), column("#overdue", 5).get(0));

    // with a district filter and a sort, the exports hold the whole filtered list in that order
    String d = FixtureWarehouse.busiestDistrict("2025Q3");
    long filtered = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and " + Q3, d);
    openDrawn("/sla?quarter=2025Q3&district=" + d, "list-sla-district");
    driver.findElement(By.cssSelector("#overdue th button[data-sort=received_date]")).click();
    waitList("#overdue-table", "received_date", "asc", 1);
    driver.findElement(By.cssSelector("#overdue-table a.export-csv")).click();
    Path csv = downloaded("sla-overdue-2025Q3-" + d + ".csv");
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF需求编号 (request_id),"), text.substring(0, 40));
    List<List<String>> records = TestClient.csv(text);
    assertEquals(filtered, records.size() - 1, "every row of the filter");
    List<String> head = records.get(0);
    int district = head.indexOf("区县代码 (district_code)");
    int received = head.indexOf(head.stream().filter(h -> h.endsWith("(received_date)")).findFirst().orElseThrow());
    List<String> dates = new ArrayList<>();
    for (List<String> f : records.subList(1, records.size())) {
      assertEquals(d, f.get(district), f.toString());
      dates.add(f.get(received));
    }
    assertEquals(dates.stream().sorted().toList(), dates, "sorted as on the page");
    driver.findElement(By.cssSelector("#overdue-table a.export-xlsx")).click();
    Path xlsx = downloaded("sla-overdue-2025Q3-" + d + ".xlsx");
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertEquals(filtered, wb.getSheetAt(0).getLastRowNum() - 2, "title, blank, header, then the rows");
      assertTrue(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue().contains(d));
    }
  }

  @Test
  void aRequestIdOpensTheRequestForTheRolesThatMaySeeIt() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/sla?quarter=2025Q3", "list-sla-leader");
    WebElement link = driver.findElement(By.cssSelector("#overdue tbody a.request-link"));
    String id = link.getText();
    WebElement body = driver.findElement(By.tagName("body"));
    link.click();
    waitReloaded(body);
    assertEquals("/request", path());
    screenshot("request-detail");
    assertEquals("OPEN_OVERDUE", driver.findElement(By.id("request-status")).getDomAttribute("data-status"));
    List<String> events = mart("select event_id from request_events where request_id = ? order by ts, event_id", id).stream().map(r -> (String) r.get(0)).toList();
    assertEquals(events, attributes("#events tbody tr", "data-event"), "its events in time order");
    String deadline = (String) mart("select deadline_date::varchar from requests where request_id = ?", id).get(0).get(0);
    assertTrue(text("#request-facts").contains(deadline), text("#request-facts"));

    // a district user: their own district's request opens, another's does not
    login(FixtureWarehouse.DISTRICT);
    String own = (String) mart("select request_id from requests where district_code = ? order by request_id limit 1", FixtureWarehouse.DISTRICT_CODE).get(0).get(0);
    String other = (String) mart("select request_id from requests where district_code <> ? order by request_id limit 1", FixtureWarehouse.DISTRICT_CODE).get(0).get(0);
    open("/request?id=" + own, "request-own");
    assertFalse(driver.findElements(By.cssSelector("#events tbody tr")).isEmpty());
    open("/request?id=" + other, "request-other");
    assertEquals("没有这条需求，或您无权查看。", text("#request-missing"));
    assertTrue(driver.findElements(By.cssSelector("#events tbody tr")).isEmpty());
  }

  @Test
  void aDistrictsPageDrawsItsTrendAndPagesItsOverdueList() {
    login(FixtureWarehouse.LEADER);
    String d = FixtureWarehouse.busiestDistrict("2025Q3");
    openDrawn("/district?district=" + d + "&quarter=2025Q3", "district-trend");
    Map<String, Object> trend = assertDrawnWithData("trend-chart");
    List<String> quarters = mart("select quarter from kpi_district_quarter where district_code = ? order by quarter", d).stream().map(r -> (String) r.get(0)).toList();
    assertEquals(quarters.size(), ((List<?>) trend.get("x")).size(), "a point per quarter of the mart");
    assertEquals(String.join(",", quarters), driver.findElement(By.id("trend-chart")).getDomAttribute("data-quarters"));
    assertEquals(3, ((Number) trend.get("series")).intValue());
    long overdue = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and " + Q3, d);
    assertEquals("共 " + String.format(Locale.ROOT, "%,d", overdue) + " 条 · 第 1/" + (overdue + 19) / 20 + " 页", text("#overdue-table .list-total"));
    assertEquals(Math.min(20, overdue), driver.findElements(By.cssSelector("#overdue tbody tr")).size());
    String export = driver.findElement(By.cssSelector("#overdue-table a.export-xlsx")).getDomAttribute("href");
    assertEquals("/api/district/overdue/export?district=" + d + "&quarter=2025Q3&format=xlsx", export);
  }

  @Test
  void aCommissionerOnTheShortlistOpensTheirExplanation() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/awards?year=2025", "awards-list");
    String first = (String) mart("select commissioner_id from award_shortlist where year = 2025 and rank = 1").get(0).get(0);
    driver.findElement(By.cssSelector("#shortlist button[data-explain='" + first + "']")).click();
    new WebDriverWait(driver, WAIT).until(d -> first.equals(d.findElement(By.id("explain")).getDomAttribute("data-commissioner")));
    screenshot("awards-explain");
    assertEquals("shortlisted", driver.findElement(By.id("explain-result")).getDomAttribute("data-result"));
    assertEquals("入围：第 1 名", text("#explain-result"));
    String score = mart("select score::varchar from award_candidates where year = 2025 and commissioner_id = ?", first).get(0).get(0).toString();
    assertTrue(text("#explain-score").startsWith(score), text("#explain-score") + " vs " + score);
    assertEquals(List.of("true", "true", "true"), attributes("#explain [data-rule]", "data-met"), "every rule met");

    // the shortlist sorts by score, lowest first, with the mouse
    driver.findElement(By.cssSelector("#shortlist th button[data-sort=score]")).click();
    waitList("#shortlist-table", "score", "asc", 1);
    assertEquals("ascending", driver.findElement(By.cssSelector("#shortlist th:has(button[data-sort=score])")).getDomAttribute("aria-sort"));
    List<String> lowestFirst = mart("select commissioner_id from award_shortlist where year = 2025 order by score, rank").stream().map(r -> (String) r.get(0)).toList();
    assertEquals(lowestFirst, attributes("#shortlist tbody tr", "data-commissioner"));
    assertEquals("/api/awards/export?year=2025&sort=score&dir=asc&format=csv", driver.findElement(By.id("export-csv")).getDomAttribute("href"));
  }

  @Test
  void theQualityTableShowsEveryReasonAndItsTotalsWithoutAnInnerScrollBox() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/quality", "list-quality");
    List<String> reasons = attributes("#reasons tbody tr[data-reason]", "data-reason");
    assertEquals(mart("select distinct reason_code from quarantine order by 1").stream().map(r -> (String) r.get(0)).toList(),
        reasons.stream().sorted().toList());
    assertTrue(reasons.contains("ORPHAN_REQUEST"), "the orphan requests' row: " + reasons);
    // no element around the table scrolls on its own: every row and the totals are on the page
    Object clipped = driver.executeScript("""
        for (let n = document.getElementById('reasons').parentElement; n && n !== document.body; n = n.parentElement) {
          const o = getComputedStyle(n).overflowY;
          if ((o === 'auto' || o === 'scroll' || o === 'hidden') && n.scrollHeight > n.clientHeight + 1) return n.id || n.className;
        }
        return null;""");
    assertEquals(null, clipped, "an inner scroll box hides rows");
    String total = String.format(Locale.ROOT, "%,d", count("select count(*) from quarantine"));
    List<String> foot = texts("#reasons tfoot th");
    assertEquals(total, foot.get(foot.size() - 1), "the total row: " + foot);

    // sorted by the total, most first (the keyboard's Space too); the export is the counts by source and reason in scope
    driver.findElement(By.cssSelector("#reasons th button[data-sort=total]")).click();
    waitList("#reason-table", "total", "asc", 1);
    driver.findElement(By.cssSelector("#reasons th button[data-sort=total]")).sendKeys(Keys.SPACE);
    waitList("#reason-table", "total", "desc", 1);
    String most = (String) mart("select reason_code from quarantine group by 1 order by count(*) desc, 1 limit 1").get(0).get(0);
    assertEquals(most, attributes("#reasons tbody tr[data-reason]", "data-reason").get(0));
    assertEquals("/api/quality/counts/export?format=xlsx", driver.findElement(By.cssSelector("#reason-table a.export-xlsx")).getDomAttribute("href"));
  }

  @Test
  void inEnglishTheListsAndTheRequestPageSpeakEnglish() {
    login(FixtureWarehouse.ANALYST);
    driver.executeScript("localStorage.setItem('lang', 'en')");
    long total = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + Q3);
    openDrawn("/sla?quarter=2025Q3", "list-sla-en");
    assertEquals(String.format(Locale.ROOT, "%,d", total) + " rows · page 1 of " + (total + 49) / 50, text("#overdue-table .list-total"));
    assertEquals("Export CSV", text("#overdue-table a.export-csv"));
    assertEquals("Export Excel", text("#overdue-table a.export-xlsx"));
    assertEquals("Next", text("#overdue-table .page-next"));
    String id = driver.findElement(By.cssSelector("#overdue tbody a.request-link")).getText();
    open("/request?id=" + id, "request-en");
    assertEquals("Request " + id, text("#request-title"));
    assertEquals("overdue, no feedback", text("#request-status"));
    assertEquals("Events (in time order)", text("h2[data-i18n=rq_events]"));
    assertEquals("received", texts("#events tbody tr td").get(1));
    driver.executeScript("localStorage.removeItem('lang')");
  }
}
