package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.rows;
import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@code /api/district}: every figure checked against the marts or recomputed with plain SQL on the fixture. */
class DistrictApiTest {
  private static final String HEPING = FixtureWarehouse.DISTRICT_CODE;
  private static final SnapshotDatabase db = FixtureWarehouse.db();

  private static Map<String, Object> kpi(String district, String quarter) {
    return db.select("select * from kpi_district_quarter where district_code = ? and quarter = ?", district, quarter).records().get(0);
  }

  private static long num(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }

  @Test
  void compliantWeeksOfTheHeatMapAreTheMartsForEveryDistrict() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      // 2026Q1: a week straddling the year (29 Dec) and the Spring Festival week without a working
      // day; 2026Q4: the quarter of the as-of date, most weeks not yet ended; 2024Q1: the first.
      for (String quarter : List.of("2024Q1", "2026Q1", "2026Q4")) {
        for (List<Object> d : rows("select district_code from districts order by 1")) {
          String district = (String) d.get(0);
          JsonNode onsite = TestClient.json(c.get("/api/district?district=" + district + "&quarter=" + quarter)).get("onsite");
          Map<String, Object> kpi = kpi(district, quarter);
          String where = district + " " + quarter;
          assertEquals(num(kpi, "onsite_compliant_weeks"), onsite.get("compliant_weeks").asLong(), where);
          assertEquals(num(kpi, "onsite_required_weeks"), onsite.get("required_weeks").asLong(), where);
          long compliantCells = 0;
          for (JsonNode cell : cells(onsite)) {
            compliantCells += cell.get("compliant_pairs").asLong();
          }
          assertEquals(num(kpi, "onsite_compliant_weeks"), compliantCells, where);
        }
      }
    });
  }

  @Test
  void heatMapWeeksAndHoursAreRecomputedFromTheSessions() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode onsite = TestClient.json(c.get("/api/district?district=" + HEPING + "&quarter=2026Q1")).get("onsite");
      JsonNode weeks = onsite.get("weeks");
      assertEquals("2025-12-29", weeks.get(0).get("week_start").asText(), "its Thursday, 1 January, is in Q1");
      assertEquals("2026-03-23", weeks.get(weeks.size() - 1).get("week_start").asText(), "Thursday 26 March; 30 March's week is Q2's");
      assertEquals(13, weeks.size());
      Set<String> noWorkingDay = new HashSet<>();
      for (JsonNode w : weeks) {
        if (!w.get("has_working_day").asBoolean()) {
          noWorkingDay.add(w.get("week_start").asText());
        }
      }
      assertEquals(Set.of("2026-02-16"), noWorkingDay, "the Spring Festival week");

      // hours per (space, week) straight from the sessions of reports submitted by the as-of date
      Map<String, Double> expected = new HashMap<>();
      for (List<Object> r : rows("""
          select s.space_id, date_trunc('week', s.session_date)::date::varchar, sum(s.hours)
          from onsite_sessions s join quarterly_reports q on q.source_file = s.source_file
          where s.district_code = ? and s.session_date between date '2025-12-29' and date '2026-03-29'
            and q.submitted_on <= ?
          group by all""", HEPING, FixtureWarehouse.AS_OF)) {
        expected.put(r.get(0) + " " + r.get(1), ((Number) r.get(2)).doubleValue());
      }
      assertFalse(expected.isEmpty());
      Map<String, Double> actual = new HashMap<>();
      Set<String> spaces = new HashSet<>();
      for (JsonNode cell : cells(onsite)) {
        spaces.add(cell.get("space_id").asText());
        String key = cell.get("space_id").asText() + " " + cell.get("week_start").asText();
        if (cell.get("hours").asDouble() > 0) {
          actual.put(key, cell.get("hours").asDouble());
        }
        String status = cell.get("status").asText();
        if (cell.get("week_start").asText().equals("2026-02-16")) {
          assertEquals("NO_WORKING_DAY", status, key);
        }
        long required = cell.get("required_pairs").asLong();
        if (required > 0) {
          boolean allCompliant = cell.get("compliant_pairs").asLong() == required;
          assertEquals(allCompliant ? "COMPLIANT" : "SHORT", status, key);
          // one group per space in the sample: the cell's hours decide compliance
          assertEquals(cell.get("hours").asDouble() >= 8, allCompliant, key);
        }
      }
      assertEquals(expected, actual);
      assertEquals(count("select count(*) from maker_spaces where district_code = ? and opened_on <= date '2026-03-31' "
          + "and coalesce(closed_on, date '2999-12-31') >= date '2026-01-01'", HEPING), spaces.size());
      assertEquals(spaces.size() * 13L, cells(onsite).size(), "a cell for every space and week");
    });
  }

  @Test
  void spacesGroupsOverdueAndReportAgreeWithTheMarts() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      for (String quarter : List.of("2024Q4", "2026Q1", "2026Q3")) {
        JsonNode o = TestClient.json(c.get("/api/district?district=" + HEPING + "&quarter=" + quarter));
        Map<String, Object> kpi = kpi(HEPING, quarter);
        assertEquals(HEPING, o.get("summary").get("district_code").asText());
        assertEquals("和平区", o.get("summary").get("name_zh").asText());
        assertEquals(FixtureWarehouse.AS_OF.toString(), o.get("asOf").asText());

        JsonNode spaces = o.get("spaces");
        assertEquals(num(kpi, "spaces_operating"), spaces.size(), quarter);
        long covered = 0;
        for (JsonNode s : spaces) {
          covered += s.get("space_covered").asBoolean() ? 1 : 0;
        }
        assertEquals(num(kpi, "spaces_covered"), covered, quarter);
        // a space's on-site weeks: onsite_weeks' rows of the district's groups there (none: null, 0 hours)
        for (JsonNode s : spaces) {
          Object[] at = {HEPING, quarter, s.get("space_id").asText()};
          String where = "from onsite_weeks where district_code = ? and quarter = ? and space_id = ?";
          if (count("select count(*) " + where, at) == 0) {
            assertTrue(s.get("onsite_required_weeks").isNull() && s.get("onsite_hours").asDouble() == 0, s.toString());
          } else {
            assertEquals(count("select count(*) " + where + " and required", at), s.get("onsite_required_weeks").asLong(), s.toString());
            assertEquals(count("select count(*) " + where + " and compliant", at), s.get("onsite_compliant_weeks").asLong(), s.toString());
            assertEquals(((Number) rows("select sum(hours) " + where, at).get(0).get(0)).doubleValue(), s.get("onsite_hours").asDouble(), 1e-9, s.toString());
          }
        }

        JsonNode groups = o.get("groups");
        assertEquals(num(kpi, "groups_active"), groups.size(), quarter);
        long undersized = 0;
        for (JsonNode g : groups) {
          boolean flagged = g.get("group_undersized").asBoolean();
          undersized += flagged ? 1 : 0;
          assertEquals(flagged, g.get("group_min_members").asLong() < 2, g.toString());
          assertTrue(g.get("member_ids").size() >= g.get("group_members_at_end").asLong(), g.toString());
          assertEquals(g.get("member_ids").size(), g.get("member_names").size());
        }
        assertEquals(num(kpi, "groups_undersized"), undersized, quarter);

        JsonNode overdue = o.get("overdue");
        assertEquals(num(kpi, "open_overdue"), overdue.size(), quarter);
        for (JsonNode r : overdue) {
          String id = r.get("request_id").asText();
          assertEquals("OPEN_OVERDUE", rows("select sla_status from requests where request_id = ?", id).get(0).get(0));
          // working days after the deadline up to the as-of date, counted day by day
          long days = count("select count(*) from work_calendar w join requests r on w.date > r.deadline_date "
              + "where r.request_id = ? and w.is_working_day and w.date <= ?", id, FixtureWarehouse.AS_OF);
          assertEquals(days, r.get("working_days_overdue").asLong(), id);
          assertTrue(days > 0, id);
        }

        JsonNode report = o.get("report");
        assertEquals(kpi.get("report_status"), report.get("report_status").asText(), quarter);
        assertEquals(String.valueOf(kpi.get("report_first_submitted_on")), report.get("report_first_submitted_on").asText(), quarter);
      }
      // 2024Q4: 和平区's report came after the due date (15 January 2025, the 10th working day of 2025)
      JsonNode late = TestClient.json(c.get("/api/district?district=" + HEPING + "&quarter=2024Q4")).get("report");
      assertEquals("LATE", late.get("report_status").asText());
      assertEquals("2025-01-15", late.get("due_date").asText());
    });
  }

  @Test
  void aDistrictUserGetsOnlyTheirDistrict() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      JsonNode o = TestClient.json(c.get("/api/district?quarter=2026Q1"));
      assertEquals(HEPING, o.get("district").asText());
      assertEquals(HEPING, o.get("summary").get("district_code").asText());
      assertEquals(HEPING, o.get("report").get("district_code").asText());
      Set<String> ownSpaces = new HashSet<>();
      for (List<Object> r : rows("select space_id from maker_spaces where district_code = ?", HEPING)) {
        ownSpaces.add((String) r.get(0));
      }
      for (String list : List.of("spaces", "groups", "overdue")) {
        assertFalse(o.get(list).isEmpty(), list);
        for (JsonNode row : o.get(list)) {
          assertEquals(HEPING, row.get("district_code").asText(), list + ": " + row);
        }
      }
      for (JsonNode cell : cells(o.get("onsite"))) {
        assertTrue(ownSpaces.contains(cell.get("space_id").asText()), cell.toString());
      }
      assertEquals(200, c.get("/api/district?district=" + HEPING + "&quarter=2026Q1").statusCode());
      assertEquals(403, c.get("/api/district?district=120102&quarter=2026Q1").statusCode());
      assertEquals(403, c.get("/api/district?district=120102").statusCode());
    });
  }

  @Test
  void badInputIsAClear4xx() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertError(400, c.get("/api/district?district=" + HEPING + "&quarter=2025Q5"));
      assertError(400, c.get("/api/district?district=" + HEPING + "&quarter=Q3-2025"));
      assertError(404, c.get("/api/district?district=" + HEPING + "&quarter=2001Q1"));
      assertError(404, c.get("/api/district?district=999999&quarter=2026Q1"));
      assertError(400, c.get("/api/district?district=heping&quarter=2026Q1"));
      assertError(400, c.get("/api/district?quarter=2026Q1"));
      assertEquals(401, new TestClient(server.port()).get("/api/district?district=" + HEPING).statusCode());
      assertEquals(403, new TestClient(server.port()).login(FixtureWarehouse.ADMIN).get("/api/district?district=" + HEPING).statusCode());
    });
  }

  @Test
  void theLargeAnswerGoesCompressedToAClientThatAcceptsGzipAndPlainToOneThatDoesNot() throws Exception {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String path = "/api/district?district=" + HEPING + "&quarter=2026Q1";
      HttpResponse<String> plain = c.get(path); // no Accept-Encoding
      assertEquals(200, plain.statusCode());
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
      byte[] plainBytes = plain.body().getBytes(StandardCharsets.UTF_8);
      assertTrue(plainBytes.length > AnswerJson.MIN_COMPRESSED_BYTES, "the fixture's heat map is large enough to compress");

      for (int i = 0; i < 2; i++) { // the second answer comes from the bytes made by the first
        HttpResponse<byte[]> gz = c.getBytes(path, "Accept-Encoding", "gzip, deflate, br");
        assertEquals(Optional.of("gzip"), gz.headers().firstValue("Content-Encoding"));
        assertEquals(Optional.of("Accept-Encoding"), gz.headers().firstValue("Vary"));
        assertTrue(gz.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(plain.body(), new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(gz.body().length * 3 < plainBytes.length, gz.body().length + " bytes compressed of " + plainBytes.length);
      }

      HttpResponse<byte[]> refused = c.getBytes(path, "Accept-Encoding", "gzip;q=0, identity");
      assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
      assertEquals(plain.body(), new String(refused.body(), StandardCharsets.UTF_8));
    });
    assertTrue(AnswerJson.acceptsGzip("GZIP"));
    assertTrue(AnswerJson.acceptsGzip("br;q=1.0, *;q=0.5"));
    assertFalse(AnswerJson.acceptsGzip("deflate, br"));
    assertFalse(AnswerJson.acceptsGzip("gzip; q=0.000"));
    assertFalse(AnswerJson.acceptsGzip(null));
  }

  /** A 4xx with a JSON message and no stack trace. */
  static void assertError(int status, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    JsonNode body = TestClient.json(r);
    String message = body.path("title").asText(body.path("error").asText());
    assertFalse(message.isBlank(), r.body());
  }

  /** The heat map's cells (one table: columns once, a row per cell) as one object per cell. */
  private static List<JsonNode> cells(JsonNode onsite) {
    JsonNode table = onsite.get("cells");
    List<String> columns = new java.util.ArrayList<>();
    table.get("columns").forEach(c -> columns.add(c.asText()));
    assertEquals(List.of("space_id", "week_start", "hours", "required_pairs", "compliant_pairs", "required_groups", "status"), columns);
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode row : table.get("rows")) {
      com.fasterxml.jackson.databind.node.ObjectNode cell = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < table.get("columns").size(); i++) {
        cell.set(table.get("columns").get(i).asText(), row.get(i));
      }
      out.add(cell);
    }
    return out;
  }
}
