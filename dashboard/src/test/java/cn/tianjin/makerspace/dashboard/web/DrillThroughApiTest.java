package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drill-through: a request's detail (/api/requests/{id}), a district's trend over quarters
 * (/api/district's trend) and a commissioner's explain-award breakdown (/api/awards/explain),
 * each against the marts, each confined for a district user.
 */
class DrillThroughApiTest {
  private static String one(String sql, Object... params) {
    return String.valueOf(rows(sql, params).get(0).get(0));
  }

  @Test
  void aRequestShowsTheMartsRowAndItsEventsInTimeOrder() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      // a late request: received, assigned, fed back after its deadline
      String id = one("select request_id from requests where sla_status = 'LATE' and feedback_commissioner_id is not null order by request_id limit 1");
      JsonNode d = TestClient.json(c.get("/api/requests/" + id));
      JsonNode r = d.get("request");
      List<Object> mart = rows("select district_code, deadline_date::varchar, feedback_working_days, feedback_commissioner_id, sla_status, received_date::varchar"
          + " from requests where request_id = ?", id).get(0);
      assertEquals(mart.get(0), r.get("district_code").asText());
      assertEquals(mart.get(1), r.get("deadline_date").asText());
      assertEquals(((Number) mart.get(2)).longValue(), r.get("feedback_working_days").asLong());
      assertTrue(r.get("feedback_working_days").asLong() > 10, "late: more than 10 working days");
      assertEquals(mart.get(3), r.get("feedback_commissioner_id").asText());
      assertEquals("LATE", r.get("sla_status").asText());
      assertFalse(r.get("feedback_commissioner_name").asText().isBlank());
      assertEquals(one("select name from commissioners where commissioner_id = ?", mart.get(3)), r.get("feedback_commissioner_name").asText());

      List<String> events = rows("select event_id from request_events where request_id = ? order by ts, event_id", id).stream().map(x -> (String) x.get(0)).toList();
      List<String> got = new ArrayList<>();
      d.get("events").forEach(e -> got.add(e.get("event_id").asText()));
      assertEquals(events, got, "every event, in time order");
      assertEquals("RECEIVED", d.get("events").get(0).get("type").asText());
      assertTrue(got.size() >= 2);

      assertEquals(404, c.get("/api/requests/R-NO-SUCH-REQUEST").statusCode());
      assertEquals(400, c.get("/api/requests/R1%3Bdrop").statusCode());
    });
  }

  /**
   * A district user opens {@code url + id} of the first {@code id} of {@code from} (a table with
   * district_code) in their district (200) and gets a 404 for another district's, which the leader opens.
   */
  private static void ownOnly(int port, String id, String from, String url) {
    String d = FixtureWarehouse.DISTRICT_CODE;
    String own = one("select " + id + " from " + from + " district_code = ? order by 1 limit 1", d);
    String other = one("select " + id + " from " + from + " district_code <> ? order by 1 limit 1", d);
    TestClient c = new TestClient(port).login(FixtureWarehouse.DISTRICT);
    assertEquals(200, c.get(url + own).statusCode(), url + own);
    assertEquals(404, c.get(url + other).statusCode(), "another district's is not found for them: " + url + other);
    assertEquals(200, new TestClient(port).login(FixtureWarehouse.LEADER).get(url + other).statusCode(), "the leader opens it");
    assertEquals(401, new TestClient(port).get(url + own).statusCode());
  }

  @Test
  void aDistrictUserDrillsIntoTheirOwnDistrictOnly() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      ownOnly(server.port(), "request_id", "requests where", "/api/requests/");
      ownOnly(server.port(), "commissioner_id", "award_eligibility where year = 2025 and", "/api/awards/explain?year=2025&commissioner=");
    });
  }

  @Test
  void aDistrictsPageCarriesItsTrendOverEveryQuarter() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      String d = "120102";
      JsonNode trend = TestClient.json(c.get("/api/district?district=" + d + "&quarter=2025Q3")).get("trend");
      List<List<Object>> mart = rows("select quarter, requests_received, sla_on_time_rate, coverage_rate from kpi_district_quarter where district_code = ? order by quarter", d);
      assertTrue(mart.size() > 2, "several quarters: " + mart.size());
      assertEquals(mart.size(), trend.size());
      for (int i = 0; i < mart.size(); i++) {
        JsonNode t = trend.get(i);
        assertEquals(mart.get(i).get(0), t.get("quarter").asText());
        assertEquals(((Number) mart.get(i).get(1)).longValue(), t.get("requests_received").asLong());
        Object rate = mart.get(i).get(2);
        assertEquals(rate == null, t.get("sla_on_time_rate").isNull(), t.toString());
        if (rate != null) {
          assertEquals(((Number) rate).doubleValue(), t.get("sla_on_time_rate").asDouble(), 1e-12);
        }
      }
    });
  }

  @Test
  void theShortlistsCommissionersOpenTheirExplanation() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      // the first on the shortlist: eligible, score and components as award_candidates
      String first = one("select commissioner_id from award_shortlist where year = 2025 and rank = 1");
      JsonNode x = TestClient.json(c.get("/api/awards/explain?year=2025&commissioner=" + first));
      List<Object> cand = rows("select score::varchar, score_sla::varchar, eligible_position, shortlisted, rank from award_candidates where year = 2025 and commissioner_id = ?", first).get(0);
      assertTrue(x.get("eligibility").get("eligible").asBoolean());
      assertEquals(cand.get(0), x.get("candidate").get("score").decimalValue().toPlainString());
      assertEquals(cand.get(1), x.get("candidate").get("score_sla").decimalValue().toPlainString());
      assertEquals(1, x.get("candidate").get("rank").asInt());
      assertTrue(x.get("candidate").get("shortlisted").asBoolean());
      assertEquals(rows("select count(*) from award_candidates where year = 2025").get(0).get(0).toString(), x.get("candidate").get("eligible_count").asText());
      assertTrue(x.get("capZh").isNull());

      // one not eligible: the rules that failed, as award_eligibility says, and no candidate row
      List<Object> failed = rows("select commissioner_id, rules_failed, requests_handled_met from award_eligibility where year = 2025 and not eligible"
          + " order by commissioner_id limit 1").get(0);
      JsonNode n = TestClient.json(c.get("/api/awards/explain?year=2025&commissioner=" + failed.get(0)));
      assertFalse(n.get("eligibility").get("eligible").asBoolean());
      assertEquals(((Number) failed.get(1)).intValue(), n.get("eligibility").get("rules_failed").asInt());
      assertEquals(failed.get(2), n.get("eligibility").get("requests_handled_met").asBoolean());
      assertTrue(n.get("candidate").isNull());

      // one eligible but kept off by a cap: the cap in words
      List<List<Object>> capped = rows("select commissioner_id from award_candidates where year = 2025 and not shortlisted order by eligible_position limit 1");
      assertFalse(capped.isEmpty(), "the fixture has more eligible commissioners than places");
      JsonNode k = TestClient.json(c.get("/api/awards/explain?year=2025&commissioner=" + capped.get(0).get(0)));
      assertFalse(k.get("candidate").get("shortlisted").asBoolean());
      assertNotNull(k.get("capZh").textValue());
      assertTrue(k.get("capZh").asText().contains("至多"), k.get("capZh").asText());

      assertEquals(404, c.get("/api/awards/explain?year=2025&commissioner=NOBODY").statusCode());
      assertEquals(400, c.get("/api/awards/explain?year=2025").statusCode());
      assertEquals(400, c.get("/api/awards/explain?year=2025&commissioner=a%27b").statusCode());
    });
  }
}
