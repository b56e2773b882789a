package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsApiTest {
  @Test
  void everyRoleGetsTheWholeCatalogue() {
    MetricCatalogue catalogue = MetricCatalogue.get();
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      for (String user : List.of(FixtureWarehouse.LEADER, FixtureWarehouse.ANALYST, FixtureWarehouse.DISTRICT, FixtureWarehouse.ADMIN)) {
        TestClient c = new TestClient(server.port()).login(user);
        var r = c.get("/api/metrics");
        assertEquals(200, r.statusCode(), user + ": " + r.body());
        JsonNode m = TestClient.json(r);
        assertEquals(catalogue.metrics().size(), m.get("metrics").size(), user);
        assertEquals(catalogue.units().size(), m.get("units").size(), user);
        assertEquals(catalogue.bases().size(), m.get("bases").size(), user);
      }
      JsonNode m = TestClient.json(new TestClient(server.port()).login(FixtureWarehouse.LEADER).get("/api/metrics"));
      JsonNode rate = null;
      for (JsonNode x : m.get("metrics")) {
        if (x.get("id").asText().equals("sla_on_time_rate")) {
          rate = x;
        }
      }
      MetricCatalogue.Metric expected = catalogue.metric("sla_on_time_rate").orElseThrow();
      assertEquals(expected.labelZh(), rate.get("labelZh").asText());
      assertEquals(expected.labelEn(), rate.get("labelEn").asText());
      assertEquals("percent", rate.get("unit").asText());
      assertEquals(1, rate.get("decimals").asInt());
      assertEquals("quarter_of_receipt", rate.get("basis").asText());
      assertEquals("第七条", rate.get("article").get("zh").asText());
      assertEquals("Art. 7", rate.get("article").get("en").asText());
      assertFalse(rate.get("descriptionZh").asText().isBlank());
      assertEquals("%", m.get("units").get(1).get("suffixZh").asText());
      assertEquals("percent", m.get("units").get(1).get("id").asText());
      assertEquals(401, new TestClient(server.port()).get("/api/metrics").statusCode(), "no session, no catalogue");
    });
  }

  /** The catalogue's definitions give the overview's figures: the cards of 2025Q3 recomputed from metrics.yaml. */
  @Test
  void theDefinitionsGiveTheOverviewsCards() {
    MetricCatalogue catalogue = MetricCatalogue.get();
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      JsonNode current = TestClient.json(new TestClient(server.port()).login(FixtureWarehouse.LEADER).get("/api/overview?quarter=2025Q3")).get("current");
      for (String id : List.of("coverage_rate", "onsite_compliance_rate", "sla_on_time_rate", "requests_received", "reports_on_time_rate", "open_overdue", "groups_undersized")) {
        MetricCatalogue.Metric metric = catalogue.metric(id).orElseThrow();
        assertEquals("kpi_district_quarter", metric.source(), id);
        double expected = ((Number) FixtureWarehouse.rows("select (" + metric.definition() + ")::double from kpi_district_quarter where quarter = '2025Q3'")
            .get(0).get(0)).doubleValue();
        assertEquals(expected, current.get(id).asDouble(), 1e-9, id);
      }
      MetricCatalogue.Metric satisfaction = catalogue.metric("avg_satisfaction").orElseThrow();
      double expected = ((Number) FixtureWarehouse.rows("select (" + satisfaction.definition() + ")::double from " + satisfaction.source()
          + " where received_date between DATE '2025-07-01' and DATE '2025-09-30'").get(0).get(0)).doubleValue();
      assertEquals(expected, current.get("avg_satisfaction").asDouble(), 1e-9, "avg_satisfaction");
    });
  }

  /** The alerts' four totals on a day are the catalogue's "as of the day" definitions, not the per-quarter ones. */
  @Test
  void theDefinitionsGiveTheAlertsTotals() {
    MetricCatalogue catalogue = MetricCatalogue.get();
    String day = "2025-10-14";
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      JsonNode totals = TestClient.json(new TestClient(server.port()).login(FixtureWarehouse.LEADER).get("/api/alerts?on=" + day)).get("totals");
      String[][] pairs = {{"requestsDueSoon", "requests_due_soon"}, {"requestsOverdue", "overdue_on_day"},
          {"reportsDueSoon", "reports_due_soon"}, {"reportsMissing", "reports_missing"}};
      for (String[] p : pairs) {
        MetricCatalogue.Metric metric = catalogue.metric(p[1]).orElseThrow();
        assertEquals(MetricCatalogue.Basis.ON_DAY, metric.basis(), p[1]);
        String sql = "select " + metric.definition().replace(":day", "DATE '" + day + "'").replace(":as_of", "DATE '" + FixtureWarehouse.AS_OF + "'")
            + " from " + metric.source();
        assertEquals(FixtureWarehouse.count(sql), totals.get(p[0]).asLong(), p[1]);
      }
      // the day's overdue count takes every quarter: more than the requests of 2025Q3 overdue by the as-of date
      assertTrue(totals.get("requestsOverdue").asLong() != FixtureWarehouse.count(
          "select sum(open_overdue) from kpi_district_quarter where quarter = '2025Q3'"));
    });
  }

  /** A figure by its catalogue definition on the rows of its source that {@code where} picks, as text (null: no value). */
  private static String defined(MetricCatalogue catalogue, String id, String where, Object... params) {
    MetricCatalogue.Metric m = catalogue.metric(id).orElseThrow(() -> new AssertionError("not in the catalogue: " + id));
    Object v = FixtureWarehouse.rows("select (" + m.definition() + ")::varchar from " + m.source() + " where " + where, params).get(0).get(0);
    return v == null ? null : v.toString();
  }

  /** The text of a JSON field (null for null), numbers as DuckDB writes them. */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * The entries added for the figures the pages once labelled by hand read the columns the pages
   * show: the header's quarantined rows, the district page's spaces and groups, the report
   * tracker's due dates and submissions, the award summary and rules, and the quality page's file
   * counts, each evaluated by its definition on the fixture against the API's answer.
   */
  @Test
  void theDefinitionsGiveTheFiguresOnceLabelledByThePages() {
    MetricCatalogue catalogue = MetricCatalogue.get();
    String quarter = "2025Q3";
    // a district with an undersized group in the quarter (so the undersized figures are not all null)
    String district = (String) FixtureWarehouse.rows(
        "select district_code from group_quarters where quarter = ? and undersized order by 1 limit 1", quarter).get(0).get(0);
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertEquals(defined(catalogue, "quarantined_rows", "true"), text(TestClient.json(c.get("/api/meta")), "quarantinedRows"));

      JsonNode d = TestClient.json(c.get("/api/district?district=" + district + "&quarter=" + quarter));
      // the district page's lists name their figures by the catalogue's ids
      List<String> groupFigures = List.of("group_members_at_end", "group_min_members", "group_undersized", "group_first_undersized_day", "group_undersized_days");
      assertFalse(d.get("groups").isEmpty());
      for (JsonNode g : d.get("groups")) {
        for (String f : groupFigures) {
          assertEquals(defined(catalogue, f, "group_id = ? and quarter = ?", g.get("group_id").asText(), quarter), text(g, f), f + " " + g);
        }
      }
      List<String> spaceFigures = List.of("space_open_days", "space_covered_days", "space_covered");
      assertFalse(d.get("spaces").isEmpty());
      for (JsonNode sp : d.get("spaces")) {
        for (String f : spaceFigures) {
          assertEquals(defined(catalogue, f, "space_id = ? and quarter = ?", sp.get("space_id").asText(), quarter), text(sp, f), f + " " + sp);
        }
      }
      assertEquals(defined(catalogue, "report_due_date", "district_code = ? and quarter = ?", district, quarter), text(d.get("report"), "due_date"));

      // a report with more than one submission: each submission's date, rows and timing
      List<Object> twice = FixtureWarehouse.rows(
          "select district_code, quarter from quarterly_reports group by all having count(*) > 1 order by all limit 1").get(0);
      JsonNode h = TestClient.json(c.get("/api/reports/history?district=" + twice.get(0) + "&quarter=" + twice.get(1)));
      assertEquals(defined(catalogue, "report_due_date", "district_code = ? and quarter = ?", twice.get(0), twice.get(1)), text(h.get("status"), "due_date"));
      String[][] submissionFigures = {{"report_submitted_on", "submitted_on"}, {"report_rows_accepted", "rows_accepted"},
          {"report_rows_rejected", "rows_rejected"}, {"report_submission_timing", "on_time"}};
      assertTrue(h.get("submissions").size() > 1);
      for (JsonNode sub : h.get("submissions")) {
        for (String[] f : submissionFigures) {
          assertEquals(defined(catalogue, f[0], "source_file = ?", sub.get("source_file").asText()), text(sub, f[1]), f[0] + " " + sub);
        }
      }
      assertEquals(defined(catalogue, "district_quarters", "true"), String.valueOf(TestClient.json(c.get("/api/reports")).get("cells").size()));

      JsonNode a = TestClient.json(c.get("/api/awards?year=2025"));
      String[][] summaryFigures = {{"award_commissioners", "commissioners"}, {"award_eligible", "eligible"}, {"award_shortlisted", "shortlisted"}};
      for (String[] f : summaryFigures) {
        assertEquals(defined(catalogue, f[0], "year = 2025"), text(a.get("summary"), f[1]), f[0]);
      }
      assertFalse(a.get("rules").isEmpty());
      for (JsonNode r : a.get("rules")) {
        String id = "award_" + r.get("rule").asText();
        assertEquals(r.get("value").asDouble(), Double.parseDouble(defined(catalogue, id, "true")), 1e-9, id);
      }

      String[][] fileFigures = {{"ingest_files", "files"}, {"ingest_files_new", "files_new"}, {"ingest_files_changed", "files_changed"},
          {"ingest_files_reprocessed", "files_reprocessed"}, {"ingest_files_removed", "files_removed"}, {"ingest_files_superseded", "files_superseded"}};
      JsonNode runs = TestClient.json(c.get("/api/quality/runs?limit=100")).get("runs");
      assertFalse(runs.isEmpty());
      for (JsonNode run : runs) {
        for (JsonNode src : run.get("sources")) {
          for (String[] f : fileFigures) {
            assertEquals(defined(catalogue, f[0], "run_id = ? and source = ?", run.get("run_id").asText(), src.get("source").asText()), text(src, f[1]),
                f[0] + " " + run.get("run_id") + " " + src.get("source"));
          }
        }
      }
    });
  }
}
