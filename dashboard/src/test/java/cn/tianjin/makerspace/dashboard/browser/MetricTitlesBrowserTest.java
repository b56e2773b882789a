package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hover texts of the metric catalogue on the pages beyond the overview's cards (which
 * {@link OverviewBrowserTest} checks): on the district, SLA, report tracker (with a report's
 * history open), award, alert, data-quality and overview pages and the header, in Chinese and in
 * English, every figure's name a page shows ({@code App.metricHead}: a card's label, a table
 * header, a term; {@code .metric[data-metric]}) is the catalogue's label with the catalogue's
 * description, basis and article as its title, and every titled value ({@code App.metricValue})
 * names its figure in its title. The catalogue is the one the server answers ({@code GET
 * /api/metrics}, fetched in the logged-in browser). Each page must name the figures it shows — the
 * ones it once labelled by hand among them — and a few of those values are checked against the
 * marts.
 */
class MetricTitlesBrowserTest extends BrowserTestBase {
  private static final String QUARTER = "2025Q3";
  private static final String ALERT_DAY = "2025-10-14";

  /** A figure's name or titled value on the page: its metric id, whether it is a name (metricHead), its text and title. */
  private record Shown(String id, boolean head, String text, String title) {}

  /** GET /api/metrics in the browser's session: metrics and bases by id. */
  private record Catalogue(Map<String, Map<String, Object>> metrics, Map<String, Map<String, Object>> bases) {
    String label(String id, boolean zh) {
      return (String) metric(id).get(zh ? "labelZh" : "labelEn");
    }

    /** The hover text of a figure as the catalogue words it: description (basis; article). */
    String title(String id, boolean zh) {
      Map<String, Object> m = metric(id);
      Map<String, Object> basis = bases.get((String) m.get("basis"));
      @SuppressWarnings("unchecked")
      Map<String, Object> article = (Map<String, Object>) m.get("article");
      return zh
          ? m.get("descriptionZh") + "（" + basis.get("labelZh") + "；" + article.get("zh") + "）"
          : m.get("descriptionEn") + " (" + basis.get("labelEn") + "; " + article.get("en") + ")";
    }

    Map<String, Object> metric(String id) {
      Map<String, Object> m = metrics.get(id);
      if (m == null) {
        throw new AssertionError("the page names '" + id + "', which GET /api/metrics does not have");
      }
      return m;
    }
  }

  @SuppressWarnings("unchecked")
  private static Catalogue catalogue() {
    Map<String, Object> answer = (Map<String, Object>) driver.executeAsyncScript(
        """
        const done = arguments[arguments.length - 1];
        fetch('/api/metrics', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then((r) => r.json()).then(done, (e) => done({ error: String(e) }));
        """);
    assertFalse(answer.containsKey("error"), String.valueOf(answer.get("error")));
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    ((List<Map<String, Object>>) answer.get("metrics")).forEach(m -> metrics.put((String) m.get("id"), m));
    Map<String, Map<String, Object>> bases = new LinkedHashMap<>();
    ((List<Map<String, Object>>) answer.get("bases")).forEach(b -> bases.put((String) b.get("id"), b));
    assertTrue(metrics.size() > 50, "the catalogue: " + metrics.size() + " metrics");
    return new Catalogue(metrics, bases);
  }

  /** Every element of the page (or under {@code root}) naming a figure: hidden ones too (a closed details, a tooltip-less table). */
  @SuppressWarnings("unchecked")
  private static List<Shown> shown(String root) {
    List<Map<String, Object>> found = (List<Map<String, Object>>) driver.executeScript(
        """
        return [...document.querySelectorAll(arguments[0] + ' [data-metric]')].map((n) => ({
          id: n.dataset.metric, head: n.classList.contains('metric'), text: n.textContent, title: n.getAttribute('title'),
        }));
        """, root);
    return found.stream().map(m -> new Shown((String) m.get("id"), (Boolean) m.get("head"), (String) m.get("text"), (String) m.get("title"))).toList();
  }

  /**
   * Checks every figure shown under {@code root} against the catalogue and that the page names
   * (metricHead) at least {@code heads}; returns the ids named.
   */
  private static Set<String> checkFigures(Catalogue c, boolean zh, String page, String root, Set<String> heads) {
    List<Shown> all = shown(root);
    List<String> wrong = new ArrayList<>();
    for (Shown s : all) {
      String label = c.label(s.id(), zh);
      String title = c.title(s.id(), zh);
      if (s.head()) {
        if (!label.equals(s.text()) || !title.equals(s.title())) {
          wrong.add(s + " — expected '" + label + "' titled '" + title + "'");
        }
      } else if (!(label + "：" + title).equals(s.title())) {
        wrong.add(s + " — expected the title '" + label + "：" + title + "'");
      }
    }
    assertEquals(List.of(), wrong, page + ": figures whose name or hover text is not the catalogue's");
    Set<String> named = all.stream().filter(Shown::head).map(Shown::id).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(heads);
    missing.removeAll(named);
    assertEquals(Set.of(), missing, page + ": figures the page should name with the catalogue's label (named: " + named + ")");
    return named;
  }

  /** The value of the "name: value" figure (App.metricFigure) named {@code id} under {@code root}, without grouping commas. */
  private static String figureValue(String root, String id) {
    WebElement figure = driver.findElement(By.xpath("//*[@id='" + root + "']//span[contains(@class, 'figure')][span[@data-metric='" + id + "']]"));
    String text = figure.getDomProperty("textContent");
    String name = figure.findElement(By.cssSelector("[data-metric]")).getDomProperty("textContent");
    return text.substring(name.length()).replaceFirst("^[：:]\\s*", "").replace(",", "").trim();
  }

  private static String one(String sql, Object... params) {
    return String.valueOf(mart(sql, params).get(0).get(0));
  }

  private static void everyPage(boolean zh) {
    login(FixtureWarehouse.LEADER);
    if (!zh) {
      open("/?quarter=" + QUARTER, "titles-switch");
      WebElement body = driver.findElement(By.tagName("body"));
      driver.findElement(By.id("lang-switch")).click();
      waitReloaded(body);
      assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
    }
    Catalogue c = catalogue();
    String lang = zh ? "zh" : "en";

    // 总览: the cards and the districts table; the header's quarantined rows, the mart's count
    openDrawn("/?quarter=" + QUARTER, "titles-overview-" + lang);
    checkFigures(c, zh, "overview", "main", Set.of("coverage_rate", "onsite_compliance_rate", "sla_on_time_rate", "requests_received",
        "avg_satisfaction", "reports_on_time_rate", "open_overdue", "groups_undersized", "report_status"));
    checkFigures(c, zh, "header", "#data-as-of", Set.of("quarantined_rows"));
    assertEquals(one("select count(*) from quarantine"), figureValue("data-as-of", "quarantined_rows"));

    // 区县: a district with an undersized group, an overdue request and a report submitted for the quarter
    String district = one("""
        select g.district_code from group_quarters as g
        join kpi_district_quarter as k on k.district_code = g.district_code and k.quarter = g.quarter
        where g.quarter = ? and g.undersized and k.open_overdue > 0 and k.report_first_submitted_on is not null
        order by 1 limit 1""", QUARTER);
    openDrawn("/district?district=" + district + "&quarter=" + QUARTER, "titles-district-" + lang);
    checkFigures(c, zh, "district", "main", Set.of("coverage_rate", "onsite_compliant_weeks", "groups_undersized", "open_overdue", "sla_on_time_rate",
        "report_status", "space_covered", "onsite_required_weeks", "onsite_hours", "group_members_at_end", "group_min_members", "group_undersized",
        "group_first_undersized_day", "group_undersized_days", "received_date", "deadline_date", "working_days_overdue", "report_due_date",
        "report_first_submitted_on", "report_submissions", "report_submitted_on", "report_rows_accepted", "report_rows_rejected"));
    // the groups' first day under 2 members, as the mart has it
    Map<String, String> firstDays = new LinkedHashMap<>();
    for (List<Object> r : mart("select group_id, coalesce(first_undersized_day::varchar, '–') from group_quarters where district_code = ? and quarter = ?",
        district, QUARTER)) {
      firstDays.put((String) r.get(0), (String) r.get(1));
    }
    @SuppressWarnings("unchecked")
    Map<String, String> shownDays = (Map<String, String>) driver.executeScript(
        """
        const ths = [...document.querySelectorAll('#group-table thead th')];
        const k = ths.findIndex((th) => th.querySelector('[data-metric=group_first_undersized_day]'));
        return Object.fromEntries([...document.querySelectorAll('#group-table tbody tr[data-group]')].map((tr) => [tr.dataset.group, tr.children[k].textContent]));
        """);
    assertEquals(firstDays, shownDays, "the group table's first day under 2 members");
    assertEquals(one("select report_due_date from kpi_district_quarter where district_code = ? and quarter = ?", district, QUARTER),
        driver.findElement(By.xpath("//*[@id='report-status']//dt[span[@data-metric='report_due_date']]/following-sibling::dd[1]")).getDomProperty("textContent"));

    // 反馈时限: the cards, the overdue list and its note (the quarter's open_overdue, the mart's count)
    openDrawn("/sla?quarter=" + QUARTER, "titles-sla-" + lang);
    checkFigures(c, zh, "sla", "main", Set.of("requests_received", "requests_answered", "sla_on_time_rate", "feedback_late", "open_overdue",
        "median_feedback_working_days", "received_date", "deadline_date", "working_days_overdue", "calendar_days_overdue"));
    assertEquals(one("select sum(open_overdue) from kpi_district_quarter where quarter = ?", QUARTER), figureValue("overdue-note", "open_overdue"));

    // 季报跟踪: the reconciliation, the legend's counts (every district and quarter) and a history with two submissions
    open("/reports?quarter=" + QUARTER, "titles-reports-" + lang);
    checkFigures(c, zh, "reports", "main", Set.of("report_status", "report_sessions", "reported_onsite_requests", "logged_onsite_requests",
        "onsite_requests_difference"));
    @SuppressWarnings("unchecked")
    List<String> legend = (List<String>) driver.executeScript(
        "return [...document.querySelectorAll('#grid-legend [data-metric=district_quarters]')].map((n) => n.textContent.replace(/,/g, ''));");
    assertEquals(4, legend.size(), legend.toString());
    assertEquals(Long.parseLong(one("select count(*) from kpi_district_quarter")), legend.stream().mapToLong(Long::parseLong).sum(), legend.toString());
    List<Object> twice = mart("select district_code, quarter from quarterly_reports group by all having count(*) > 1 order by all limit 1").get(0);
    driver.findElement(By.cssSelector("#report-grid td.cell[data-district='" + twice.get(0) + "'][data-quarter='" + twice.get(1) + "']")).click();
    WebElement history = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("history")));
    new WebDriverWait(driver, WAIT).until(d -> twice.get(1).equals(history.getDomAttribute("data-quarter"))
        && !d.findElements(By.cssSelector("#history-submissions tbody tr")).isEmpty());
    screenshot("titles-reports-history-" + lang);
    checkFigures(c, zh, "reports history", "#history", Set.of("report_status", "report_due_date", "report_first_submitted_on", "report_submitted_on",
        "report_rows_accepted", "report_rows_rejected", "report_submission_timing"));

    // 表彰候选名单: the shortlist, the summary (the marts' counts), every rule award_rules recorded, the near misses
    openDrawn("/awards?year=2025", "titles-awards-" + lang);
    Set<String> awardHeads = new TreeSet<>(Set.of("award_rank", "award_score", "score_sla", "score_onsite", "score_satisfaction", "score_volume",
        "requests_handled", "commissioner_on_time_rate", "commissioner_onsite_hours", "commissioner_avg_satisfaction", "eligible_position",
        "places_behind", "points_behind", "award_commissioners", "award_eligible", "award_shortlisted"));
    List<String> rules = mart("select rule from award_rules order by 1").stream().map(r -> (String) r.get(0)).toList();
    assertFalse(rules.isEmpty());
    rules.forEach(r -> awardHeads.add("award_" + r));
    checkFigures(c, zh, "awards", "main", awardHeads);
    assertEquals(rules, driver.findElements(By.cssSelector("#rules dt[data-rule]")).stream()
        .filter(dt -> !dt.findElements(By.cssSelector(".metric")).isEmpty()).map(dt -> dt.getDomAttribute("data-rule")).sorted().toList(),
        "every recorded rule is named by the catalogue");
    assertEquals(one("select count(*) from kpi_commissioner_year where year = 2025"), figureValue("summary", "award_commissioners"));
    assertEquals(one("select count(*) from award_candidates where year = 2025"), figureValue("summary", "award_eligible"));
    assertEquals(one("select count(*) from award_shortlist where year = 2025"), figureValue("summary", "award_shortlisted"));

    // 通知提醒: the cards, the table by district, the rows of each kind (report rows when a report is due or missing)
    open("/alerts?on=" + ALERT_DAY, "titles-alerts-" + lang);
    Set<String> alertHeads = new TreeSet<>(Set.of("requests_due_soon", "overdue_on_day", "reports_due_soon", "reports_missing", "received_date",
        "deadline_date", "working_days_overdue_on_day"));
    if (!driver.findElements(By.cssSelector("#alert-districts details[data-kind^=reports]")).isEmpty()) {
      alertHeads.add("report_due_date");
    }
    checkFigures(c, zh, "alerts", "main", alertHeads);

    // 数据质量: the runs' files and rows
    openDrawn("/quality", "titles-quality-" + lang);
    checkFigures(c, zh, "quality", "main", Set.of("ingest_files", "ingest_files_new", "ingest_files_changed", "ingest_files_reprocessed",
        "ingest_files_removed", "ingest_rows_read", "ingest_rows_accepted", "ingest_rows_quarantined", "ingest_duplicates_dropped",
        "ingest_files_superseded", "ingest_superseded_rows"));
  }

  @Test
  void everyFigureOnThePagesIsNamedAndTitledByTheCatalogueInChinese() {
    everyPage(true);
  }

  @Test
  void everyFigureOnThePagesIsNamedAndTitledByTheCatalogueInEnglish() {
    everyPage(false);
  }
}
