package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What App.chart gives every chart (issue 17, items 4 and 9): a title as its aria-label, a text
 * summary, a PNG download, its data as a table (the chart's own numbers) and as CSV; the overview's
 * ranking bars with their values, the trend with every quarter labelled and the selected one
 * marked, the SLA histogram's labels apart; and the keyboard: the skip link, drill-down rows and
 * report cells reached with Tab and opened with Enter or Space.
 */
class ChartsBrowserTest extends BrowserTestBase {
  private static final String QUARTER = "2025Q3";
  private static final List<String> PAGES = List.of("/?quarter=" + QUARTER, "/sla?quarter=" + QUARTER, "/awards", "/quality",
      "/district?district=" + FixtureWarehouse.DISTRICT_CODE + "&quarter=" + QUARTER);

  /**
   * The chart's data as ECharts holds them: {@code kind} (pie, category or other), {@code names}
   * (the categories, the pie's items or a heat map's rows) and {@code values} (per name, a value per series; the pie: one).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(String id) {
    return (Map<String, Object>) driver.executeScript(
        """
        const o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();
        const value = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d);
        const num = (v) => (v === null || v === undefined || v === '-' ? null : Number(v));
        if (o.series[0].type === 'pie') {
          return { kind: 'pie', names: o.series[0].data.map((d) => d.name), values: o.series[0].data.map((d) => [num(value(d))]) };
        }
        const axis = [...(o.xAxis || []), ...(o.yAxis || [])].find((a) => a.type === 'category');
        // a heat map: a row per y category
        if (o.series.some((s) => s.type !== 'bar' && s.type !== 'line')) return { kind: 'other', names: o.yAxis[0].data, values: [] };
        return { kind: 'category', names: axis.data, values: axis.data.map((_, k) => o.series.map((s) => num(value(s.data[k])))) };
        """, id);
  }

  /** The data table's rows under the chart: each row's header cell then its data cells, as shown. */
  private static List<List<String>> tableRows(String id) {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement tr : driver.findElements(By.cssSelector("#" + id + "-data table tbody tr"))) {
      rows.add(tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }
    return rows;
  }

  /** Asserts that a number as shown ("1,019", "85.3") is {@code expected} to the shown decimals; "–" for null. */
  private static void assertShows(Double expected, String shown, String where) {
    if (expected == null) {
      assertEquals("–", shown, where);
      return;
    }
    String plain = shown.replace(",", "").trim();
    int dot = plain.indexOf('.');
    int decimals = dot < 0 ? 0 : plain.length() - dot - 1;
    double value = Double.parseDouble(plain);
    assertTrue(Math.abs(value - expected) <= 0.5 * Math.pow(10, -decimals) + 1e-9, where + ": shows " + shown + ", the chart has " + expected);
  }

  /**
   * The x-axis labels ECharts drew (below the grid, not hidden): their texts and boxes [x, y,
   * width, height] in pixels.
   */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> xLabels(String id) {
    return (List<Map<String, Object>>) driver.executeScript(
        """
        const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));
        const grid = c.getModel().getComponent('grid', 0).coordinateSystem.getRect();
        const out = [];
        c.getZr().storage.getRoots().forEach((root) => root.traverse((e) => {
          if (e.type !== 'text' || !e.anid || !e.anid.startsWith('label_') || e.ignore || e.invisible) return;
          const r = e.getBoundingRect().clone();
          r.applyTransform(e.getComputedTransform());
          if (r.y >= grid.y + grid.height) out.push({ text: String(e.style.text), x: r.x, y: r.y, width: r.width, height: r.height });
        }));
        return out.sort((a, b) => a.x - b.x);
        """, id);
  }

  private static double n(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  /** No two labels' boxes overlap. */
  private static void assertApart(List<Map<String, Object>> labels, String what) {
    for (int i = 1; i < labels.size(); i++) {
      Map<String, Object> a = labels.get(i - 1);
      Map<String, Object> b = labels.get(i);
      assertTrue(n(a, "x") + n(a, "width") <= n(b, "x") + 0.5, what + ": " + a + " overlaps " + b);
    }
  }

  /** The text of the tooltip ECharts shows for item {@code index} of series 0 of chart {@code id}. */
  private static String tooltip(String id, int index) {
    return (String) new WebDriverWait(driver, WAIT).until(d -> driver.executeScript(
        """
        const n = document.getElementById(arguments[0]);
        echarts.getInstanceByDom(n).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: arguments[1] });
        const tip = [...n.querySelectorAll('div')].find((x) => x.style.zIndex === '9999999' && x.style.display !== 'none' && x.innerText.trim());
        return tip ? tip.innerText : null;
        """, id, index));
  }

  @Test
  void everyChartHasItsTitleASummaryDownloadsAndADataTableWithTheChartsNumbers() {
    login(FixtureWarehouse.LEADER);
    int checked = 0;
    for (String page : PAGES) {
      openDrawn(page, "charts" + page.replaceAll("[^a-z0-9]+", "-"));
      List<String> ids = attributes(".chart", "id");
      assertFalse(ids.isEmpty(), page);
      for (String id : ids) {
        String where = page + " #" + id;
        WebElement node = driver.findElement(By.id(id));
        String title = node.findElement(By.xpath("ancestor::section[1]//h2")).getText();
        assertFalse(title.isBlank(), where);
        assertEquals(title, node.getDomAttribute("aria-label"), where + ": the aria-label is the chart's title");
        assertEquals("img", node.getDomAttribute("role"), where);
        String summaryId = node.getDomAttribute("aria-describedby");
        String summary = (String) driver.executeScript("return document.getElementById(arguments[0]).textContent", summaryId);
        assertTrue(summary.startsWith(title + "："), where + ": " + summary);

        WebElement tools = driver.findElement(By.id(id + "-tools"));
        assertEquals(List.of("下载图片", "数据", "下载 CSV"), tools.findElements(By.tagName("button")).stream().map(WebElement::getText).toList(), where);
        WebElement toggle = tools.findElement(By.cssSelector("[data-action=data]"));
        assertFalse(driver.findElement(By.id(id + "-data")).isDisplayed(), where + ": the table is shown on demand");
        toggle.click();
        assertTrue(driver.findElement(By.id(id + "-data")).isDisplayed(), where);
        assertEquals("true", toggle.getDomAttribute("aria-expanded"), where);
        assertEquals(title, text("#" + id + "-data caption"), where);

        Map<String, Object> d = data(id);
        List<?> names = (List<?>) d.get("names");
        List<List<String>> rows = tableRows(id);
        assertEquals(names.size(), rows.size(), where + ": a row per category");
        if (!"other".equals(d.get("kind"))) {
          List<?> values = (List<?>) d.get("values");
          for (int k = 0; k < rows.size(); k++) {
            List<?> v = (List<?>) values.get(k);
            assertEquals(String.valueOf(names.get(k)).replace("\n", " "), rows.get(k).get(0), where);
            for (int s = 0; s < v.size(); s++) {
              assertShows(v.get(s) == null ? null : ((Number) v.get(s)).doubleValue(), rows.get(k).get(s + 1), where + " row " + k + " series " + s);
              checked++;
            }
          }
          // the summary names the highest item of the first series
          int max = -1;
          for (int k = 0; k < values.size(); k++) {
            Object x = ((List<?>) values.get(k)).get(0);
            if (x != null && (max < 0 || ((Number) x).doubleValue() > ((Number) ((List<?>) values.get(max)).get(0)).doubleValue())) {
              max = k;
            }
          }
          if (max >= 0) {
            assertTrue(summary.contains("最高为" + rows.get(max).get(0) + "（" + rows.get(max).get(1) + "）"), where + ": " + summary);
          }
        } else {
          // the heat map: a row per station, a column per week
          int weeks = ((List<?>) chart(id).get("x")).size();
          rows.forEach(r -> assertEquals(weeks + 1, r.size(), where));
        }
      }
    }
    assertTrue(checked > 100, "numbers compared: " + checked);
  }

  @Test
  void aChartDownloadsAsPngAndItsDataAsCsv() throws IOException {
    login(FixtureWarehouse.LEADER);
    openDrawn("/?quarter=" + QUARTER, "charts-downloads");
    driver.findElement(By.cssSelector("#ranking-chart-tools [data-action=png]")).click();
    byte[] png = Files.readAllBytes(downloaded("ranking-chart.png"));
    assertTrue(png.length > 5000 && png[0] == (byte) 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG image of " + png.length + " bytes");

    driver.findElement(By.cssSelector("#ranking-chart-tools [data-action=csv]")).click();
    Path csv = downloaded("ranking-chart.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Map<String, Object> d = data("ranking-chart");
    List<?> names = (List<?>) d.get("names");
    List<?> values = (List<?>) d.get("values");
    MetricCatalogue.Metric rate = MetricCatalogue.get().metric("sla_on_time_rate").orElseThrow();
    assertEquals("\ufeff项目," + rate.labelZh() + "（%）", lines.get(0));
    assertEquals(names.size() + 1, lines.size());
    for (int k = 0; k < names.size(); k++) {
      Object v = ((List<?>) values.get(k)).get(0);
      assertEquals(names.get(k) + "," + (v == null ? "" : new java.math.BigDecimal(v.toString()).stripTrailingZeros().toPlainString()),
          lines.get(k + 1).replaceAll("\\.0$", ""), "row " + k);
    }
  }

  @Test
  void theRankingBarsShowTheirValuesAndTheTooltipsPercentages() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/?quarter=" + QUARTER, "charts-ranking");
    // the bars' labels as drawn: each district's on-time rate with its unit, the catalogue's decimals
    List<String> drawn = valueLabels("ranking-chart");
    List<List<Object>> rates = mart("select sla_on_time_rate from kpi_district_quarter where quarter = ? and sla_on_time_rate is not null", QUARTER);
    assertFalse(rates.isEmpty());
    int decimals = MetricCatalogue.get().metric("sla_on_time_rate").orElseThrow().decimals();
    List<String> expected = rates.stream()
        .map(r -> String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * ((Number) r.get(0)).doubleValue())).sorted().toList();
    assertEquals(expected, drawn.stream().sorted().toList(), "a value label on every bar");

    String tip = tooltip("ranking-chart", ((List<?>) data("ranking-chart").get("names")).size() - 1);
    assertTrue(tip.matches("(?s).*\\d+\\.\\d%.*"), tip);
    // the trend: a rate line's value with %, the requests without
    String trendTip = tooltip("trend-chart", 0);
    assertTrue(trendTip.matches("(?s).*" + MetricCatalogue.get().metric("coverage_rate").orElseThrow().labelZh() + ": \\d+\\.\\d%.*"), trendTip);
  }

  /** The value labels ECharts drew on the chart's bars (the texts attached to its shapes, not hidden). */
  @SuppressWarnings("unchecked")
  private static List<String> valueLabels(String id) {
    return (List<String>) driver.executeScript(
        """
        const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));
        const out = [];
        c.getZr().storage.getRoots().forEach((root) => root.traverse((e) => {
          const t = e.getTextContent && e.getTextContent();
          if (t && !t.ignore && !t.invisible && t.style && t.style.text) out.push(String(t.style.text));
        }));
        return out;
        """, id);
  }

  @Test
  void theShortlistsBarsShowTheirScores() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/awards?year=2025", "charts-awards");
    int decimals = MetricCatalogue.get().metric("award_score").orElseThrow().decimals();
    List<String> scores = mart("select score from award_shortlist where year = 2025").stream()
        .map(r -> String.format(Locale.ROOT, "%." + decimals + "f 分", ((Number) r.get(0)).doubleValue())).sorted().toList();
    assertEquals(10, scores.size());
    assertEquals(scores, valueLabels("score-chart").stream().sorted().toList(), "each bar ends with its score");
  }

  @Test
  void theTrendLabelsEveryQuarterAndMarksTheSelectedOneAndTheHistogramsLabelsDoNotOverlap() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/?quarter=" + QUARTER, "charts-trend");
    List<?> quarters = (List<?>) chart("trend-chart").get("x");
    assertTrue(quarters.size() >= 6, quarters.toString());
    List<Map<String, Object>> labels = xLabels("trend-chart");
    assertEquals(quarters.size(), labels.size(), "a label per quarter: " + labels);
    assertApart(labels, "trend");
    List<String> marked = labels.stream().map(l -> (String) l.get("text")).filter(s -> s.contains("{sel|")).toList();
    assertEquals(List.of("{sel|2025年}\n{sel|第3季度}"), marked, "the selected quarter's label is bold");
    Object area = driver.executeScript(
        "return echarts.getInstanceByDom(document.getElementById('trend-chart')).getOption().series[0].markArea.data.map((a) => a[0].xAxis);");
    assertEquals(List.of("2025年第3季度"), area, "the selected quarter is shaded");

    openDrawn("/sla?quarter=" + QUARTER, "charts-histogram");
    List<?> buckets = (List<?>) chart("histogram-chart").get("x");
    List<Map<String, Object>> h = xLabels("histogram-chart");
    assertEquals(buckets.size(), h.size(), "a label per bucket: " + h);
    assertEquals("≥21", h.get(h.size() - 1).get("text"));
    // the axis is named by the catalogue, its unit said once (the name already says 工作日)
    assertEquals(MetricCatalogue.get().metric("feedback_working_days").orElseThrow().labelZh(),
        driver.executeScript("return echarts.getInstanceByDom(document.getElementById('histogram-chart')).getOption().xAxis[0].name"));
    assertApart(h, "histogram");
  }

  @Test
  void onAPhoneTheTrendAndTheHistogramStillLabelEveryQuarterAndBucketApart() {
    login(FixtureWarehouse.LEADER);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      openDrawn("/?quarter=" + QUARTER, "charts-trend-390");
      List<Map<String, Object>> labels = xLabels("trend-chart");
      assertEquals(((List<?>) chart("trend-chart").get("x")).size(), labels.size(), "a label per quarter: " + labels);
      assertApart(labels, "trend at 390 px");
      assertEquals(1, labels.stream().filter(l -> ((String) l.get("text")).contains("{sel|")).count(), "the selected quarter marked");
      openDrawn("/sla?quarter=" + QUARTER, "charts-histogram-390");
      List<Map<String, Object>> h = xLabels("histogram-chart");
      assertEquals(((List<?>) chart("histogram-chart").get("x")).size(), h.size(), "a label per bucket: " + h);
      assertApart(h, "histogram at 390 px");
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(Chromium.WIDTH, Chromium.HEIGHT));
    }
  }

  @Test
  void theKeyboardReachesTheSkipLinkADrillDownRowAndAReportCell() {
    login(FixtureWarehouse.LEADER);
    openDrawn("/?quarter=" + QUARTER, "keyboard-overview");
    Actions keys = new Actions(driver);
    keys.sendKeys(Keys.TAB).perform();
    WebElement skip = driver.switchTo().activeElement();
    assertEquals("跳到正文", skip.getText());
    assertTrue(skip.isDisplayed(), "the skip link shows when focused");
    keys.sendKeys(Keys.ENTER).perform();
    assertEquals("main", driver.switchTo().activeElement().getDomAttribute("id"));

    WebElement row = tabTo("#districts tbody tr");
    String code = row.getDomAttribute("data-district");
    assertNotNull(code);
    WebElement body = driver.findElement(By.tagName("body"));
    keys.sendKeys(Keys.ENTER).perform();
    waitReloaded(body);
    assertEquals("/district", path());
    assertTrue(driver.getCurrentUrl().contains("district=" + code), driver.getCurrentUrl());

    open("/reports", "keyboard-reports");
    WebElement cell = tabTo("#report-grid td.cell");
    keys.sendKeys(Keys.SPACE).perform();
    WebElement history = driver.findElement(By.id("history"));
    new WebDriverWait(driver, WAIT).until(d -> history.isDisplayed()
        && cell.getDomAttribute("data-district").equals(history.getDomAttribute("data-district"))
        && cell.getDomAttribute("data-quarter").equals(history.getDomAttribute("data-quarter")));
  }

  /** Presses Tab until the focused element matches {@code css} (at most 300 times); returns it. */
  private static WebElement tabTo(String css) {
    Actions keys = new Actions(driver);
    for (int i = 0; i < 300; i++) {
      keys.sendKeys(Keys.TAB).perform();
      WebElement active = driver.switchTo().activeElement();
      if ((Boolean) driver.executeScript("return arguments[0].matches(arguments[1])", active, css)) {
        return active;
      }
    }
    throw new AssertionError("Tab never reaches " + css);
  }
}
