package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17 (1, 2, 11): the pages open on the newest quarter whose report is due (the mart's
 * report_due_date against the as-of date), a quarter in progress is badged and not compared with
 * the previous one, a chart without data says so and why, an unknown district, year or quarter
 * in the URL is said on the page, and an unknown page path gets the product's 404 page.
 */
class DefaultsAndEmptyStatesBrowserTest extends BrowserTestBase {
  /** The newest quarter whose report is due at the fixture's as-of date, from the mart. */
  private static String newestDue() {
    return (String) mart("select max(quarter) from kpi_district_quarter where report_due_date <= ?", FixtureWarehouse.AS_OF).get(0).get(0);
  }

  /** The quarter the as-of date falls in (in progress), from calendar_quarters; it is a quarter of the mart. */
  private static String inProgress() {
    String q = (String) mart("select quarter from calendar_quarters where ? between quarter_start and quarter_end", FixtureWarehouse.AS_OF).get(0).get(0);
    assertEquals(1, count("select count(distinct quarter) from kpi_district_quarter where quarter = ?", q), q + " is a quarter of the mart");
    return q;
  }

  private static String selected(String id) {
    return new Select(driver.findElement(By.id(id))).getFirstSelectedOption().getDomAttribute("value");
  }

  @Test
  void pagesOpenOnTheNewestQuarterWhoseReportIsDue() {
    login(FixtureWarehouse.LEADER);
    String due = newestDue();
    assertFalse(due.equals(inProgress()), "the fixture has a quarter in progress after the newest due one");
    for (String path : List.of("/", "/sla", "/district", "/reports")) {
      if (path.equals("/reports")) {
        open(path, "default-quarter-reports"); // no chart
      } else {
        openDrawn(path, "default-quarter" + path.replace('/', '-'));
      }
      assertEquals(due, selected("quarter"), path + " opens on the newest due quarter");
      assertTrue(driver.findElement(By.id("quarter-badge")).getText().isEmpty(), path + ": a complete quarter has no badge");
      assertTrue(driver.findElements(By.id("param-notice")).isEmpty(), path + ": no notice");
    }
    // the overview's cards compare with the previous quarter
    openDrawn("/", "default-quarter-overview");
    for (WebElement d : driver.findElements(By.cssSelector("#cards .card .delta"))) {
      assertTrue(d.getText().startsWith("较上季度"), d.getText());
    }
  }

  @Test
  void theQuarterInProgressIsBadgedAndNotComparedWithThePreviousOne() {
    login(FixtureWarehouse.LEADER);
    String q = inProgress();
    String badge = "进行中 · 截至 " + FixtureWarehouse.AS_OF.toString().substring(5);
    openDrawn("/?quarter=" + q, "in-progress-overview");
    assertEquals(q, selected("quarter"));
    assertEquals(badge, driver.findElement(By.id("quarter-badge")).getText());
    assertTrue(new Select(driver.findElement(By.id("quarter"))).getFirstSelectedOption().getText().contains("进行中"), "the option is badged too");
    List<WebElement> deltas = driver.findElements(By.cssSelector("#cards .card .delta"));
    assertEquals(6, deltas.size());
    for (WebElement d : deltas) {
      assertEquals("hidden", d.getDomAttribute("data-delta"));
      assertFalse(d.getText().contains("%") || d.getText().contains("pp") || d.getText().contains("较上季度"), d.getText());
      assertTrue(d.getDomAttribute("title").contains(FixtureWarehouse.AS_OF.toString()), "the hover says why: " + d.getDomAttribute("title"));
    }
    openDrawn("/sla?quarter=" + q, "in-progress-sla");
    assertEquals(badge, driver.findElement(By.id("quarter-badge")).getText());

    driver.executeScript("localStorage.setItem('lang', 'en')");
    openDrawn("/?quarter=" + q, "in-progress-overview-en");
    assertEquals("in progress · to " + FixtureWarehouse.AS_OF.toString().substring(5), driver.findElement(By.id("quarter-badge")).getText());
    driver.executeScript("localStorage.removeItem('lang')");
  }

  @Test
  void aChartWithoutDataSaysSoAndWhy() {
    login(FixtureWarehouse.LEADER);
    String q = inProgress();
    long requests = count("""
        select count(*) from requests as r join calendar_quarters as q on r.received_date between q.quarter_start and q.quarter_end
        where q.quarter = ?""", q);
    assertEquals(0, requests, "the sample data has no request in the quarter in progress");
    openDrawn("/?quarter=" + q, "empty-overview");
    for (String id : List.of("channel-chart", "category-chart")) {
      WebElement empty = driver.findElement(By.cssSelector("#" + id + " .empty-state"));
      assertTrue(empty.isDisplayed(), id);
      assertEquals("暂无数据\n本季度尚无受理记录", empty.getText(), id);
    }
    assertTrue(driver.findElements(By.cssSelector("#trend-chart .empty-state")).isEmpty(), "the trend has earlier quarters");
    openDrawn("/sla?quarter=" + q, "empty-sla");
    for (String id : List.of("histogram-chart", "category-chart", "channel-chart")) {
      assertTrue(driver.findElement(By.cssSelector("#" + id + " .empty-state")).getText().startsWith("暂无数据\n"), id);
    }
    // back on a quarter with data, the empty state goes
    new Select(driver.findElement(By.id("quarter"))).selectByValue(newestDue());
    new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".empty-state")).isEmpty());
    assertDrawnWithData("histogram-chart");
  }

  @Test
  void anUnknownDistrictYearOrQuarterInTheUrlIsSaid() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/?district=999999", "unknown-district");
    String notice = driver.findElement(By.id("param-notice")).getText();
    assertTrue(notice.contains("区县") && notice.contains("999999") && notice.contains("全市"), notice);
    assertEquals("", selected("district-filter"));

    openDrawn("/district?district=999999&quarter=1999Q1", "unknown-district-quarter");
    List<String> lines = texts("#param-notice p");
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("999999")) && lines.stream().anyMatch(l -> l.contains("1999Q1")), lines.toString());

    open("/awards?year=1999", "unknown-year");
    notice = driver.findElement(By.id("param-notice")).getText();
    assertTrue(notice.contains("年度") && notice.contains("1999"), notice);

    driver.executeScript("localStorage.setItem('lang', 'en')");
    open("/awards?year=1999", "unknown-year-en");
    notice = driver.findElement(By.id("param-notice")).getText();
    assertTrue(notice.contains("year \"1999\"") && notice.contains("not in the data"), notice);
    driver.executeScript("localStorage.removeItem('lang')");
  }

  @Test
  void anUnknownPagePathGetsThe404Page() throws Exception {
    login(FixtureWarehouse.LEADER);
    open("/no-such-page", "not-found");
    assertEquals("页面不存在", text("#not-found h2"));
    assertEquals("/no-such-page", text("#not-found-path"));
    assertEquals("/", driver.findElement(By.id("not-found-home")).getDomAttribute("href"));
    driver.executeScript("localStorage.setItem('lang', 'en')");
    open("/no-such-page", "not-found-en");
    assertEquals("Page not found", text("#not-found h2"));
    driver.executeScript("localStorage.removeItem('lang')");

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/no-such-page")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
    HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/no-such-route")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, api.statusCode());
    assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), api.headers().toString());
  }
}
