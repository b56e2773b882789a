package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.rows;
import static cn.tianjin.makerspace.dashboard.web.DistrictApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/reports*}: the 季报 grid, one report's history and the reported-vs-logged reconciliation. */
class ReportApiTest {
  private static final String HEPING = FixtureWarehouse.DISTRICT_CODE;
  private static final SnapshotDatabase db = FixtureWarehouse.db();

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  @Test
  void theGridIsTheMartsReportStatusWithTheDueDates() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode cells = TestClient.json(c.get("/api/reports")).get("cells");
      Map<String, String> expected = new HashMap<>();
      for (List<Object> r : rows("select district_code, quarter, report_status, report_first_submitted_on from kpi_district_quarter")) {
        expected.put(r.get(0) + " " + r.get(1), r.get(2) + " " + text(r.get(3)));
      }
      // the due date walked day by day: the 10th working day after the quarter's last day
      Map<String, String> due = new HashMap<>();
      for (List<Object> r : rows("""
          select q.quarter, min(w.date)::varchar from (select distinct quarter from kpi_district_quarter) q
          join work_calendar w on w.is_working_day and w.date > last_day(make_date(substr(q.quarter, 1, 4)::int, substr(q.quarter, 6, 1)::int * 3, 1))
            and (select count(*) from work_calendar v where v.is_working_day
                 and v.date > last_day(make_date(substr(q.quarter, 1, 4)::int, substr(q.quarter, 6, 1)::int * 3, 1)) and v.date <= w.date) = 10
          group by 1""")) {
        due.put((String) r.get(0), (String) r.get(1));
      }
      Map<String, Long> submissions = new HashMap<>();
      for (List<Object> r : rows("select district_code, quarter, count(*) from quarterly_reports where submitted_on <= ? group by all",
          FixtureWarehouse.AS_OF)) {
        submissions.put(r.get(0) + " " + r.get(1), ((Number) r.get(2)).longValue());
      }
      assertEquals(expected.size(), cells.size());
      int missing = 0;
      for (JsonNode cell : cells) {
        String key = cell.get("district_code").asText() + " " + cell.get("quarter").asText();
        assertEquals(expected.get(key), cell.get("report_status").asText() + " " + cell.get("report_first_submitted_on").asText(""), key);
        assertEquals(due.get(cell.get("quarter").asText()), cell.get("due_date").asText(), key);
        assertEquals(submissions.getOrDefault(key, 0L), cell.get("submissions").asLong(), key);
        missing += cell.get("report_status").asText().equals("MISSING") ? 1 : 0;
      }
      assertEquals("2026-04-15", due.get("2026Q1"));
      assertEquals(2, missing, "the sample's two missing reports (2024Q2, 2024Q3)");
    });
  }

  @Test
  void theHistoryListsEverySubmissionAndTheRejects() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      // a district and quarter with a correction: two files, the later one counts
      List<List<Object>> resubmitted = rows("""
          select district_code, quarter from quarterly_reports group by all having count(*) > 1 order by all limit 1""");
      assertFalse(resubmitted.isEmpty(), "the sample has a corrected report");
      String district = (String) resubmitted.get(0).get(0);
      String quarter = (String) resubmitted.get(0).get(1);
      JsonNode h = TestClient.json(c.get("/api/reports/history?district=" + district + "&quarter=" + quarter));
      List<List<Object>> expected = rows("""
          select submitted_on::varchar, source_file, rows_accepted, rows_rejected, is_latest
          from quarterly_reports where district_code = ? and quarter = ? order by submitted_on""", district, quarter);
      JsonNode subs = h.get("submissions");
      assertEquals(expected.size(), subs.size());
      for (int i = 0; i < expected.size(); i++) {
        List<Object> e = expected.get(i);
        JsonNode s = subs.get(i);
        assertEquals(e.get(0), s.get("submitted_on").asText());
        assertEquals(e.get(1), s.get("source_file").asText());
        assertEquals(((Number) e.get(2)).longValue(), s.get("rows_accepted").asLong());
        assertEquals(((Number) e.get(3)).longValue(), s.get("rows_rejected").asLong());
        assertEquals(e.get(4), s.get("is_latest").asBoolean());
        assertEquals(district, s.get("district_code").asText());
      }
      assertTrue(subs.get(subs.size() - 1).get("is_latest").asBoolean(), "the latest file is the one that counts");
      assertEquals(rows("select report_status from kpi_district_quarter where district_code = ? and quarter = ?", district, quarter).get(0).get(0),
          h.get("status").get("report_status").asText());

      // 和平区 2026Q1: the latest file's rejected rows, by reason, from the quarantine
      JsonNode heping = TestClient.json(c.get("/api/reports/history?district=" + HEPING + "&quarter=2026Q1"));
      long rejected = ((Number) rows("select rows_rejected from quarterly_reports where district_code = ? and quarter = '2026Q1' and is_latest",
          HEPING).get(0).get(0)).longValue();
      assertTrue(rejected > 0);
      long byReason = 0;
      for (JsonNode r : heping.get("rejects")) {
        byReason += r.get("rows_rejected").asLong();
      }
      assertEquals(rejected, byReason);
      assertEquals("2026-04-15", heping.get("status").get("due_date").asText());
      assertTrue(heping.get("submissions").get(0).get("on_time").asBoolean());
    });
  }

  @Test
  void theReconciliationSetsReportedAgainstLoggedOnSiteRequests() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      for (String quarter : List.of("2024Q2", "2026Q1")) {
        Map<String, Long> reported = new HashMap<>();
        for (List<Object> r : rows("select district_code, sum(requests_received) from onsite_sessions where quarter = ? group by 1", quarter)) {
          reported.put((String) r.get(0), ((Number) r.get(1)).longValue());
        }
        Map<String, Long> logged = new HashMap<>();
        for (List<Object> r : rows("""
            select district_code, count(*) from requests
            where channel = 'ONSITE' and year(received_date) || 'Q' || quarter(received_date) = ? group by 1""", quarter)) {
          logged.put((String) r.get(0), ((Number) r.get(1)).longValue());
        }
        JsonNode rec = TestClient.json(c.get("/api/reports/reconciliation?quarter=" + quarter)).get("rows");
        assertEquals(16, rec.size());
        int withReport = 0;
        for (JsonNode r : rec) {
          String d = r.get("district_code").asText();
          long log = logged.getOrDefault(d, 0L);
          assertEquals(log, r.get("logged_onsite").asLong(), d);
          if (reported.containsKey(d)) {
            withReport++;
            assertEquals(reported.get(d), r.get("reported_onsite").asLong(), d);
            long difference = reported.get(d) - log;
            assertEquals(difference, r.get("difference").asLong(), d);
            // a gap of more than 5% of the logged requests (of 1 when none) is marked large (the
            // sample's reports are within 5% of the logs: every row here is the rule's "not large")
            assertEquals(Math.abs(difference) * 100 > 5 * Math.max(1, log), r.get("difference_large").asBoolean(), d + ": " + difference + " of " + log);
          } else {
            assertTrue(r.get("reported_onsite").isNull(), d + ": no report, nothing reported");
            assertTrue(r.get("difference").isNull(), d);
            assertTrue(r.get("difference_large").isNull(), d + ": no difference, so neither large nor not");
          }
        }
        assertEquals(reported.size(), withReport, quarter);
      }
    });
  }

  @Test
  void aDistrictUserGetsOnlyTheirRowsFromEveryReportApi() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      JsonNode cells = TestClient.json(c.get("/api/reports")).get("cells");
      assertEquals(((Number) rows("select count(distinct quarter) from kpi_district_quarter").get(0).get(0)).intValue(), cells.size());
      for (JsonNode cell : cells) {
        assertEquals(HEPING, cell.get("district_code").asText());
      }
      JsonNode history = TestClient.json(c.get("/api/reports/history?quarter=2026Q1"));
      assertEquals(HEPING, history.get("district_code").asText());
      assertEquals(1, history.get("submissions").size());
      for (JsonNode s : history.get("submissions")) {
        assertEquals(HEPING, s.get("district_code").asText());
      }
      JsonNode rec = TestClient.json(c.get("/api/reports/reconciliation?quarter=2026Q1")).get("rows");
      assertEquals(1, rec.size());
      assertEquals(HEPING, rec.get(0).get("district_code").asText());

      assertEquals(403, c.get("/api/reports?district=120102").statusCode());
      assertEquals(403, c.get("/api/reports/history?district=120102&quarter=2026Q1").statusCode());
      assertEquals(403, c.get("/api/reports/reconciliation?quarter=2026Q1&district=120102").statusCode());
    });
  }

  @Test
  void badInputIsAClear4xx() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertError(404, c.get("/api/reports?district=999999"));
      assertError(400, c.get("/api/reports?district=12010"));
      assertError(400, c.get("/api/reports/history?quarter=2026Q1"));
      assertError(400, c.get("/api/reports/history?district=" + HEPING + "&quarter=2026-Q1"));
      assertError(404, c.get("/api/reports/history?district=" + HEPING + "&quarter=2015Q1"));
      assertError(404, c.get("/api/reports/history?district=999999&quarter=2026Q1"));
      assertError(400, c.get("/api/reports/reconciliation?quarter=2026Q0"));
      assertError(404, c.get("/api/reports/reconciliation?quarter=2030Q1"));
      assertEquals(401, new TestClient(server.port()).get("/api/reports").statusCode());
      assertEquals(403, new TestClient(server.port()).login(FixtureWarehouse.ADMIN).get("/api/reports").statusCode());
    });
  }
}
