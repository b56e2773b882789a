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
}
