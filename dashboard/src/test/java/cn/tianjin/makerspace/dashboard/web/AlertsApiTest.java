package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.ProgrammeClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/alerts} on the fixture (sample-data as of 2026-11-27), around National Day 2025: the
 * make-up working Sunday 2025-09-28, the days off 2025-10-01..08 and the make-up working Saturday
 * 2025-10-11. Expected rows come from direct SQL on the fixture with the window's deadlines
 * written out by hand from the holiday notice.
 */
class AlertsApiTest {
  /** "Open at the start of D": received by D, no feedback before D. */
  private static final String OPEN = "received_date <= cast(? as date) and (feedback_date is null or feedback_date >= cast(? as date))";

  @Test
  void theFixtureCalendarIsTheNationalDayNotice() {
    for (String day : List.of("2025-09-28", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13")) {
      assertEquals(1, FixtureWarehouse.count("select count(*) from work_calendar where date = cast(? as date) and is_working_day", day), day);
    }
    for (String day : List.of("2025-09-27", "2025-10-01", "2025-10-04", "2025-10-08", "2025-10-12")) {
      assertEquals(1, FixtureWarehouse.count("select count(*) from work_calendar where date = cast(? as date) and not is_working_day", day), day);
    }
  }

  @Test
  void requestsDueWithinTwoWorkingDaysAcrossHolidayAndMakeUpDays() {
    // D -> the deadlines in its window (D itself if a working day, then its next 2 working days) and their working days left
    Map<String, Map<String, Integer>> windows = new TreeMap<>();
    windows.put("2025-09-26", Map.of("2025-09-26", 0, "2025-09-28", 1, "2025-09-29", 2)); // Friday; the make-up Sunday counts
    windows.put("2025-09-30", Map.of("2025-09-30", 0, "2025-10-09", 1, "2025-10-10", 2)); // the holiday is skipped
    windows.put("2025-10-01", Map.of("2025-10-09", 1, "2025-10-10", 2));                  // a day off: its next 2 working days
    windows.put("2025-10-10", Map.of("2025-10-10", 0, "2025-10-11", 1, "2025-10-13", 2)); // the make-up Saturday counts
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      int seen = 0;
      for (var w : windows.entrySet()) {
        String day = w.getKey();
        JsonNode a = TestClient.json(c.get("/api/alerts?on=" + day));
        assertEquals(day, a.get("day").asText());
        assertEquals("2026-11-27", a.get("asOf").asText());
        assertEquals(!day.equals("2025-10-01"), a.get("workingDay").asBoolean(), day);
        Map<String, String> expected = new TreeMap<>(); // request_id -> deadline
        for (String deadline : w.getValue().keySet()) {
          for (List<Object> r : FixtureWarehouse.rows("select request_id from requests where deadline_date = cast(? as date) and " + OPEN, deadline, day, day)) {
            expected.put((String) r.get(0), deadline);
          }
        }
        Map<String, String> actual = new TreeMap<>();
        long count = 0;
        for (JsonNode d : a.get("districts")) {
          count += d.get("counts").get("requestsDueSoon").asLong();
          for (JsonNode r : d.get("requestsDueSoon")) {
            actual.put(r.get("request_id").asText(), r.get("deadline_date").asText());
            assertEquals(d.get("district_code").asText(), r.get("district_code").asText());
            assertEquals((int) w.getValue().get(r.get("deadline_date").asText()), r.get("working_days_left").asInt(),
                day + " " + r.get("request_id").asText());
          }
        }
        assertEquals(expected, actual, "requests due soon on " + day);
        assertEquals(expected.size(), count);
        assertEquals(expected.size(), a.get("totals").get("requestsDueSoon").asLong());
        seen += expected.size();
      }
      assertTrue(seen > 0, "the fixture has open requests around National Day");
      // the make-up Sunday and the make-up Saturday each are some open request's deadline
      JsonNode fri = TestClient.json(c.get("/api/alerts?on=2025-10-10"));
      assertTrue(fri.toString().contains("\"deadline_date\":\"2025-10-11\""), "a deadline on the make-up Saturday is listed");
    });
  }

  @Test
  void overdueRequestsCountWorkingDaysPastTheDeadline() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      String day = "2025-10-09"; // first working day after National Day
      JsonNode a = TestClient.json(c.get("/api/alerts?on=" + day));
      Set<String> expected = new TreeSet<>();
      for (List<Object> r : FixtureWarehouse.rows("select request_id from requests where deadline_date < cast(? as date) and " + OPEN, day, day, day)) {
        expected.add((String) r.get(0));
      }
      // working days d with deadline < d <= 2025-10-09: 09-30 -> 1 (10-09); 09-29 -> 2; 09-28 (make-up Sunday) -> 3; 09-26 -> 4
      Map<String, Integer> overdueBy = Map.of("2025-09-30", 1, "2025-09-29", 2, "2025-09-28", 3, "2025-09-26", 4);
      Set<String> actual = new TreeSet<>();
      Map<String, Integer> checked = new HashMap<>();
      for (JsonNode d : a.get("districts")) {
        for (JsonNode r : d.get("requestsOverdue")) {
          actual.add(r.get("request_id").asText());
          Integer by = overdueBy.get(r.get("deadline_date").asText());
          if (by != null) {
            assertEquals((int) by, r.get("working_days_overdue").asInt(), r.toString());
            checked.merge(r.get("deadline_date").asText(), 1, Integer::sum);
          }
        }
      }
      assertEquals(expected, actual);
      assertEquals(expected.size(), a.get("totals").get("requestsOverdue").asLong());
      assertFalse(checked.isEmpty(), "some overdue request had a deadline just before the holiday");
    });
  }

  @Test
  void quarterlyReportsDueWithinFiveWorkingDaysAndMissing() {
    // 2025Q3 ends Tuesday 2025-09-30; its 10th working day after is 2025-10-21
    // (10-09, 10, 11 (make-up Saturday), 13, 14, 15, 16, 17, 20, 21) — the same rule as kpi_district_quarter
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String notSubmitted = "select district_code from districts where district_code not in "
          + "(select district_code from quarterly_reports where quarter = ? and submitted_on < cast(? as date)) order by 1";

      // 2025-10-14: 10-21 is the 5th working day after (10-15, 16, 17, 20, 21) -> due soon, 5 left
      Map<String, String> dueSoon = reports(c, "2025-10-14", "reportsDueSoon", "2025Q3");
      Set<String> expected = codes(FixtureWarehouse.rows(notSubmitted, "2025Q3", "2025-10-14"));
      assertFalse(expected.isEmpty());
      assertEquals(expected, dueSoon.keySet());
      dueSoon.values().forEach(v -> assertEquals("2025-10-21/5", v));

      // 2025-10-13: 10-21 is the 6th working day after -> not yet in the window
      assertTrue(reports(c, "2025-10-13", "reportsDueSoon", "2025Q3").isEmpty());

      // 2025-10-21, the due date itself: 0 left
      Map<String, String> dueToday = reports(c, "2025-10-21", "reportsDueSoon", "2025Q3");
      assertEquals(codes(FixtureWarehouse.rows(notSubmitted, "2025Q3", "2025-10-21")), dueToday.keySet());
      dueToday.values().forEach(v -> assertEquals("2025-10-21/0", v));

      // 2025-10-22: nothing submitted by the due date -> missing, 1 working day overdue
      Map<String, String> missing = reports(c, "2025-10-22", "reportsMissing", "2025Q3");
      assertEquals(codes(FixtureWarehouse.rows(notSubmitted, "2025Q3", "2025-10-22")), missing.keySet());
      missing.values().forEach(v -> assertEquals("2025-10-21/1", v));
      // and a quarter never reported stays missing (the mart's MISSING quarters)
      assertEquals(codes(FixtureWarehouse.rows("select district_code from kpi_district_quarter where quarter = '2024Q2' and report_status = 'MISSING' order by 1")),
          reports(c, "2025-10-22", "reportsMissing", "2024Q2").keySet());
    });
  }

  /** The reports of one kind and quarter on a day: district -> "due_date/working days left or overdue". */
  private static Map<String, String> reports(TestClient c, String day, String kind, String quarter) {
    JsonNode a = TestClient.json(c.get("/api/alerts?on=" + day));
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : a.get("districts")) {
      for (JsonNode r : d.get(kind)) {
        if (r.get("quarter").asText().equals(quarter)) {
          String n = kind.equals("reportsDueSoon") ? r.get("working_days_left").asText() : r.get("working_days_overdue").asText();
          out.put(r.get("district_code").asText(), r.get("due_date").asText() + "/" + n);
        }
      }
    }
    return out;
  }

  /** An error answer's message: ours ({@code error}) or Javalin's ({@code title}). */
  private static String message(HttpResponse<String> r) {
    JsonNode j = TestClient.json(r);
    return j.has("error") ? j.get("error").asText() : j.get("title").asText();
  }

  private static Set<String> codes(List<List<Object>> rows) {
    Set<String> s = new TreeSet<>();
    rows.forEach(r -> s.add((String) r.get(0)));
    return s;
  }

  @Test
  void districtUserSeesOnlyTheirDistrict() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient leader = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      TestClient heping = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      JsonNode all = TestClient.json(leader.get("/api/alerts?on=2025-10-22"));
      assertEquals(16, all.get("districts").size());
      JsonNode own = TestClient.json(heping.get("/api/alerts?on=2025-10-22"));
      assertEquals(1, own.get("districts").size());
      JsonNode d = own.get("districts").get(0);
      assertEquals(FixtureWarehouse.DISTRICT_CODE, d.get("district_code").asText());
      JsonNode sameInAll = null;
      for (JsonNode x : all.get("districts")) {
        if (x.get("district_code").asText().equals(FixtureWarehouse.DISTRICT_CODE)) {
          sameInAll = x;
        }
      }
      assertEquals(sameInAll, d, "the district's own alerts are the leader's row for it");
      assertEquals(d.get("counts"), own.get("totals"));
      assertEquals(FixtureWarehouse.count("select count(*) from requests where district_code = ? and deadline_date < cast(? as date) and " + OPEN,
          FixtureWarehouse.DISTRICT_CODE, "2025-10-22", "2025-10-22", "2025-10-22"), d.get("counts").get("requestsOverdue").asLong());
      assertEquals(200, heping.get("/api/alerts?on=2025-10-22&district=120101").statusCode());
      assertEquals(403, heping.get("/api/alerts?on=2025-10-22&district=120102").statusCode());
      JsonNode one = TestClient.json(leader.get("/api/alerts?on=2025-10-22&district=120102"));
      assertEquals(1, one.get("districts").size());
      assertEquals(403, new TestClient(server.port()).login(FixtureWarehouse.ADMIN).get("/api/alerts").statusCode());
      assertEquals(200, heping.get("/alerts").statusCode());
    });
  }

  @Test
  void badDaysAreClear400sAndTheDefaultIsTodayInTianjin() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      for (String bad : List.of("2025-13-01", "2025-02-30", "yesterday", "20251014", "1990-01-01")) {
        HttpResponse<String> r = c.get("/api/alerts?on=" + bad);
        assertEquals(400, r.statusCode(), bad + ": " + r.body());
        String error = message(r);
        assertTrue(error.contains(bad) || error.contains("1990-01-01"), error);
      }
      assertTrue(message(c.get("/api/alerts?on=1990-01-01")).contains("calendar covers 2015-01-01"), "names the calendar's range");
      assertEquals(400, c.get("/api/alerts?district=heping").statusCode());
      assertEquals(404, c.get("/api/alerts?district=999999").statusCode());
      JsonNode today = TestClient.json(c.get("/api/alerts"));
      assertEquals(ProgrammeClock.today().toString(), today.get("day").asText());
    });
  }
}
