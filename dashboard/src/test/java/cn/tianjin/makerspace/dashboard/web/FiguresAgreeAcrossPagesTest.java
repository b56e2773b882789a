package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One figure, one value: on the fixture warehouse (sample-data, the generator's output, through
 * the real pipeline), for every district and every quarter, each figure that appears on more
 * than one page — the overview's district table and cards, the district page, the SLA page, the
 * report tracker, the alerts and the award page — equals the one mart value that defines it
 * (kpi_district_quarter, kpi_commissioner_year, award_shortlist). The pages only filter, join
 * names and sum; a page that computed a rule again and drifted would fail here.
 */
class FiguresAgreeAcrossPagesTest {
  /** kpi_district_quarter, by "district quarter", as the mart has it (numbers as doubles). */
  private static Map<String, Map<String, Object>> kpi() {
    String[] cols = {"spaces_operating", "spaces_covered", "coverage_rate", "groups_active", "groups_undersized",
        "onsite_required_weeks", "onsite_compliant_weeks", "onsite_compliance_rate", "requests_received", "feedback_on_time",
        "feedback_late", "open_overdue", "sla_on_time_rate", "avg_satisfaction", "report_status", "report_due_date"};
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (List<Object> r : rows("select district_code, quarter, " + String.join(", ", cols).replace("report_due_date", "cast(report_due_date as varchar)")
        + " from kpi_district_quarter")) {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < cols.length; i++) {
        m.put(cols[i], norm(r.get(i + 2)));
      }
      out.put(r.get(0) + " " + r.get(1), m);
    }
    return out;
  }

  /** A value as the pages' JSON and the mart compare: numbers as doubles rounded to 1e-9, null as null. */
  private static Object norm(Object v) {
    if (v instanceof JsonNode n) {
      return n.isNull() || n.isMissingNode() ? null : n.isNumber() ? norm(n.asDouble()) : n.asText();
    }
    if (v instanceof Number n) {
      return Math.round(n.doubleValue() * 1e9) / 1e9;
    }
    return v == null ? null : v.toString();
  }

  private static void same(Map<String, Object> mart, String column, JsonNode page, String field, String where, List<String> mismatches) {
    Object expected = mart.get(column);
    Object actual = norm(page.get(field));
    if (!Objects.equals(expected, actual)) {
      mismatches.add(where + ": " + field + " = " + actual + ", kpi_district_quarter." + column + " = " + expected);
    }
  }

  @Test
  void everyDistrictAndQuarterShowsTheMartsFiguresOnEveryPage() {
    Map<String, Map<String, Object>> kpi = kpi();
    TreeSet<String> quarters = new TreeSet<>();
    TreeSet<String> districts = new TreeSet<>();
    kpi.keySet().forEach(k -> {
      districts.add(k.split(" ")[0]);
      quarters.add(k.split(" ")[1]);
    });
    assertEquals(16, districts.size());
    assertTrue(quarters.size() >= 8, quarters.toString());
    List<String> mismatches = new ArrayList<>();
    int[] compared = {0};
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      Map<String, JsonNode> trackerCells = new HashMap<>();
      TestClient.json(c.get("/api/reports")).get("cells").forEach(cell ->
          trackerCells.put(cell.get("district_code").asText() + " " + cell.get("quarter").asText(), cell));
      for (String q : quarters) {
        // 总览: the district table of the quarter
        for (JsonNode row : TestClient.json(c.get("/api/overview?quarter=" + q)).get("districts")) {
          String where = "overview " + q + " " + row.get("district_code").asText();
          Map<String, Object> m = kpi.get(row.get("district_code").asText() + " " + q);
          for (String col : List.of("coverage_rate", "onsite_compliance_rate", "sla_on_time_rate", "requests_received",
              "open_overdue", "avg_satisfaction", "groups_undersized", "report_status")) {
            same(m, col, row, col, where, mismatches);
          }
        }
        for (String d : districts) {
          Map<String, Object> m = kpi.get(d + " " + q);
          // 总览 narrowed to one district: its cards are the district's own figures
          JsonNode current = TestClient.json(c.get("/api/overview?quarter=" + q + "&district=" + d)).get("current");
          for (String col : List.of("coverage_rate", "onsite_compliance_rate", "sla_on_time_rate", "requests_received", "open_overdue", "groups_undersized")) {
            same(m, col, current, col, "overview cards " + d + " " + q, mismatches);
          }
          // 区县
          JsonNode page = TestClient.json(c.get("/api/district?district=" + d + "&quarter=" + q));
          String where = "district page " + d + " " + q;
          for (String col : List.of("spaces_operating", "spaces_covered", "coverage_rate", "groups_active", "groups_undersized",
              "onsite_required_weeks", "onsite_compliant_weeks", "onsite_compliance_rate", "requests_received", "open_overdue",
              "sla_on_time_rate", "avg_satisfaction", "report_status")) {
            same(m, col, page.get("summary"), col, where + " summary", mismatches);
          }
          same(m, "onsite_required_weeks", page.get("onsite"), "required_weeks", where + " heat map", mismatches);
          same(m, "onsite_compliant_weeks", page.get("onsite"), "compliant_weeks", where + " heat map", mismatches);
          long covered = 0;
          for (JsonNode s : page.get("spaces")) {
            covered += s.get("space_covered").asBoolean() ? 1 : 0;
          }
          long undersized = 0;
          for (JsonNode g : page.get("groups")) {
            undersized += g.get("group_undersized").asBoolean() ? 1 : 0;
          }
          compareCount(m, "spaces_operating", page.get("spaces").size(), where + " spaces", mismatches);
          compareCount(m, "spaces_covered", covered, where + " spaces covered", mismatches);
          compareCount(m, "groups_active", page.get("groups").size(), where + " groups", mismatches);
          compareCount(m, "groups_undersized", undersized, where + " groups undersized", mismatches);
          compareCount(m, "open_overdue", page.get("overdue").size(), where + " overdue list", mismatches);
          if (!page.get("report").isNull()) {
            same(m, "report_status", page.get("report"), "report_status", where + " report", mismatches);
            same(m, "report_due_date", page.get("report"), "due_date", where + " report", mismatches);
          }
          // 反馈时限
          JsonNode totals = TestClient.json(c.get("/api/sla?quarter=" + q + "&district=" + d)).get("totals");
          same(m, "requests_received", totals, "requests", "sla " + d + " " + q, mismatches);
          same(m, "feedback_on_time", totals, "on_time", "sla " + d + " " + q, mismatches);
          same(m, "feedback_late", totals, "late", "sla " + d + " " + q, mismatches);
          same(m, "open_overdue", totals, "open_overdue", "sla " + d + " " + q, mismatches);
          same(m, "sla_on_time_rate", totals, "on_time_rate", "sla " + d + " " + q, mismatches);
          // 季报跟踪
          JsonNode cell = trackerCells.get(d + " " + q);
          same(m, "report_status", cell, "report_status", "tracker " + d + " " + q, mismatches);
          same(m, "report_due_date", cell, "due_date", "tracker " + d + " " + q, mismatches);
          compared[0]++;
        }
      }
      assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " mismatches");
    });
    assertEquals(kpi.size(), compared[0], "every district and quarter of the mart");
  }

  private static void compareCount(Map<String, Object> mart, String column, long count, String where, List<String> mismatches) {
    if (!Objects.equals(mart.get(column), norm(count))) {
      mismatches.add(where + ": " + count + " rows, kpi_district_quarter." + column + " = " + mart.get(column));
    }
  }

  /**
   * 通知提醒 on the snapshot's as-of date D: its overdue requests are the mart's OPEN_OVERDUE
   * requests of every quarter — with their working days overdue — plus those answered late on D
   * itself (still open at the start of the day: a different basis, named apart in the metric
   * catalogue); its missing reports are the mart's MISSING ones but those first submitted on D.
   */
  @Test
  void theAlertsOnTheAsOfDateAgreeWithTheMarts() {
    String asOf = FixtureWarehouse.AS_OF.toString();
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode alerts = TestClient.json(c.get("/api/alerts?on=" + asOf));
      Map<String, Object> overdue = new HashMap<>();
      Map<String, Object> missing = new HashMap<>();
      for (JsonNode d : alerts.get("districts")) {
        d.get("requestsOverdue").forEach(r -> overdue.put(r.get("request_id").asText(), norm(r.get("working_days_overdue"))));
        d.get("reportsMissing").forEach(r -> missing.put(d.get("district_code").asText() + " " + r.get("quarter").asText(), norm(r.get("due_date"))));
      }
      Map<String, Object> expected = new HashMap<>();
      rows("select request_id, working_days_overdue from requests where sla_status = 'OPEN_OVERDUE'")
          .forEach(r -> expected.put((String) r.get(0), norm(r.get(1))));
      assertTrue(expected.size() > 100, "the fixture has overdue requests");
      rows("select r.request_id, cast(a.working_day_number - d.working_day_number as bigint) from requests r"
          + " join work_calendar d on d.date = r.deadline_date join work_calendar a on a.date = r.feedback_date"
          + " where r.feedback_date = ?::date and r.deadline_date < ?::date", asOf, asOf)
          .forEach(r -> expected.put((String) r.get(0), norm(r.get(1))));
      assertEquals(expected, overdue);

      Map<String, Object> expectedMissing = new HashMap<>();
      rows("select k.district_code || ' ' || k.quarter, cast(k.report_due_date as varchar) from kpi_district_quarter k"
          + " where k.report_status = 'MISSING' or (k.report_first_submitted_on = ?::date and k.report_due_date < ?::date)", asOf, asOf)
          .forEach(r -> expectedMissing.put((String) r.get(0), norm(r.get(1))));
      assertTrue(expectedMissing.size() > 0, "the fixture has missing reports");
      assertEquals(expectedMissing, missing);
    });
  }

  @Test
  void theAwardPageShowsTheShortlistAndThePerformanceRecordsFigures() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      List<String> mismatches = new ArrayList<>();
      int shown = 0;
      for (List<Object> y : rows("select distinct year from award_shortlist order by year")) {
        int year = ((Number) y.get(0)).intValue();
        Map<String, List<Object>> record = new HashMap<>();
        for (List<Object> r : rows("select commissioner_id, requests_handled, on_time_rate, onsite_hours, avg_satisfaction from kpi_commissioner_year where year = ?", year)) {
          record.put((String) r.get(0), r);
        }
        Map<String, List<Object>> shortlist = new HashMap<>();
        for (List<Object> r : rows("select commissioner_id, rank, score from award_shortlist where year = ?", year)) {
          shortlist.put((String) r.get(0), r);
        }
        JsonNode page = TestClient.json(c.get("/api/awards?year=" + year)).get("shortlist");
        assertEquals(shortlist.size(), page.size(), "the shortlist of " + year);
        for (JsonNode row : page) {
          String id = row.get("commissioner_id").asText();
          List<Object> kpi = record.get(id);
          List<Object> s = shortlist.get(id);
          String where = "awards " + year + " " + id;
          check(where + " rank", s.get(1), row.get("rank"), mismatches);
          check(where + " score", s.get(2), row.get("score"), mismatches);
          check(where + " requests_handled", kpi.get(1), row.get("requests_handled"), mismatches);
          check(where + " on_time_rate", kpi.get(2), row.get("on_time_rate"), mismatches);
          check(where + " onsite_hours", kpi.get(3), row.get("onsite_hours"), mismatches);
          check(where + " avg_satisfaction", kpi.get(4), row.get("avg_satisfaction"), mismatches);
          shown++;
        }
      }
      assertTrue(shown >= 10, shown + " shortlisted rows compared");
      assertEquals(List.of(), mismatches);
    });
  }

  private static void check(String where, Object mart, JsonNode page, List<String> mismatches) {
    if (!Objects.equals(norm(mart), norm(page))) {
      mismatches.add(where + ": page " + page + ", mart " + mart);
    }
  }
}
