package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The 反馈时限 API against the fixture: every figure is recomputed here with direct SQL on the
 * marts (quarter 2025Q3 = received 2025-07-01 … 2025-09-30; as of 2026-11-27).
 */
class SlaApiTest {
  private static final String Q3 = "received_date between DATE '2025-07-01' and DATE '2025-09-30'";
  private static final SnapshotDatabase db = FixtureWarehouse.db();

  /** Column 1 → column 2 (a count) of a two-column query. */
  private static Map<String, Long> counts(String sql, Object... params) {
    Map<String, Long> m = new HashMap<>();
    for (List<Object> r : db.select(sql, params).rows()) {
      m.put(String.valueOf(r.get(0)), ((Number) r.get(1)).longValue());
    }
    return m;
  }

  @Test
  void histogramCategoriesAndChannelsAddUpToTheMart() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode s = TestClient.json(c.get("/api/sla?quarter=2025Q3"));
      assertEquals("2025Q3", s.get("quarter").asText());
      assertEquals(FixtureWarehouse.AS_OF.toString(), s.get("asOf").asText());
      assertEquals(10, s.get("limitWorkingDays").asInt());

      // totals: against requests directly, and against the KPI mart's own counts
      JsonNode t = s.get("totals");
      long requests = count("select count(*) from requests where " + Q3);
      long answered = count("select count(*) from requests where feedback_working_days is not null and " + Q3);
      Map<String, Long> status = counts("select sla_status, count(*) from requests where " + Q3 + " group by 1");
      assertTrue(requests > 1000, "the fixture has a real quarter: " + requests);
      assertEquals(requests, t.get("requests").asLong());
      assertEquals(answered, t.get("answered").asLong());
      assertEquals(status.getOrDefault("ON_TIME", 0L), t.get("on_time").asLong());
      assertEquals(status.getOrDefault("LATE", 0L), t.get("late").asLong());
      assertEquals(status.getOrDefault("OPEN_OVERDUE", 0L), t.get("open_overdue").asLong());
      assertEquals(status.getOrDefault("OPEN_WITHIN_SLA", 0L), t.get("open_within_sla").asLong());
      assertEquals(count("select sum(requests_received) from kpi_district_quarter where quarter = '2025Q3'"), t.get("requests").asLong());
      assertEquals(count("select sum(open_overdue) from kpi_district_quarter where quarter = '2025Q3'"), t.get("open_overdue").asLong());

      // histogram: 0..10 one by one, then 11-15, 16-20, 21+; each bucket = a direct count
      JsonNode h = s.get("histogram");
      assertEquals(14, h.size());
      Map<String, Long> byDays = counts("select feedback_working_days, count(*) from requests where feedback_working_days is not null and " + Q3 + " group by 1");
      long sum = 0;
      long onTime = 0;
      for (int i = 0; i < h.size(); i++) {
        JsonNode b = h.get(i);
        int lo = b.get("min_days").asInt();
        Integer hi = b.get("max_days").isNull() ? null : b.get("max_days").asInt();
        assertEquals(i <= 10 ? i : i == 11 ? 11 : i == 12 ? 16 : 21, lo);
        long expected = byDays.entrySet().stream()
            .filter(e -> Long.parseLong(e.getKey()) >= lo && (hi == null || Long.parseLong(e.getKey()) <= hi))
            .mapToLong(Map.Entry::getValue).sum();
        assertEquals(expected, b.get("requests").asLong(), "bucket from " + lo);
        assertEquals(b.get("requests").asLong(), b.get("on_time").asLong() + b.get("late").asLong());
        sum += b.get("requests").asLong();
        onTime += b.get("on_time").asLong();
      }
      assertEquals(answered, sum, "the buckets add up to the answered requests");
      assertEquals(status.get("ON_TIME"), onTime);
      assertEquals(0, h.get(11).get("on_time").asLong(), "nothing answered after 10 working days is on time");

      // by category: all 14 categories with their names, each status a direct count
      JsonNode cats = s.get("categories");
      assertEquals(count("select count(*) from service_categories"), cats.size());
      Map<String, Long> catLate = counts("select category, count(*) from requests where sla_status = 'LATE' and " + Q3 + " group by 1");
      Map<String, Long> catAll = counts("select category, count(*) from requests where " + Q3 + " group by 1");
      long catSum = 0;
      for (JsonNode cat : cats) {
        String code = cat.get("category_code").asText();
        assertFalse(cat.get("name_zh").asText().isBlank());
        assertFalse(cat.get("name_en").asText().isBlank());
        assertEquals(catAll.getOrDefault(code, 0L), cat.get("requests").asLong(), code);
        assertEquals(catLate.getOrDefault(code, 0L), cat.get("late").asLong(), code);
        assertEquals(cat.get("requests").asLong(), cat.get("on_time").asLong() + cat.get("late").asLong()
            + cat.get("open_overdue").asLong() + cat.get("open_within_sla").asLong(), code);
        catSum += cat.get("requests").asLong();
      }
      assertEquals(requests, catSum);
      assertEquals("工商注册、证照办理", nameOf(cats, "REGISTRATION"));

      // by channel: the four channels of Art. 7 in a fixed order, each a direct count
      JsonNode ch = s.get("channels");
      List<String> order = new ArrayList<>();
      ch.forEach(x -> order.add(x.get("channel").asText()));
      assertEquals(List.of("ONSITE", "HOTLINE", "WEB", "WECHAT"), order);
      Map<String, Long> chOverdue = counts("select channel, count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + Q3 + " group by 1");
      Map<String, Long> chAll = counts("select channel, count(*) from requests where " + Q3 + " group by 1");
      for (JsonNode x : ch) {
        String code = x.get("channel").asText();
        assertEquals(chAll.getOrDefault(code, 0L), x.get("requests").asLong(), code);
        assertEquals(chOverdue.getOrDefault(code, 0L), x.get("open_overdue").asLong(), code);
      }
    });
  }

  private static String nameOf(JsonNode cats, String code) {
    for (JsonNode c : cats) {
      if (c.get("category_code").asText().equals(code)) {
        return c.get("name_zh").asText();
      }
    }
    return null;
  }

  @Test
  void overdueListIsEveryOpenOverdueRequestMostOverdueFirst() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      long expected = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + Q3);
      assertTrue(expected > 20, "enough overdue requests to page through: " + expected);

      // working days overdue, counted day by day in the calendar (not by working_day_number)
      Map<String, Long> workingDays = counts(
          "select r.request_id, count(w.date) from requests as r left join work_calendar as w"
              + " on w.is_working_day and w.date > r.deadline_date and w.date <= DATE '2026-11-27'"
              + " where r.sla_status = 'OPEN_OVERDUE' and r." + Q3 + " group by 1");
      assertEquals(expected, workingDays.size());

      // every page of 20, in order: together exactly the overdue requests, sorted, no repeats
      List<JsonNode> all = new ArrayList<>();
      for (int offset = 0; ; offset += 20) {
        JsonNode page = TestClient.json(c.get("/api/sla/overdue?quarter=2025Q3&limit=20&offset=" + offset));
        assertEquals(expected, page.get("total").asLong());
        assertEquals(20, page.get("limit").asInt());
        page.get("rows").forEach(all::add);
        if (page.get("rows").size() < 20) {
          break;
        }
      }
      assertEquals(expected, all.size());
      Set<String> ids = new HashSet<>();
      long previous = Long.MAX_VALUE;
      for (JsonNode r : all) {
        String id = r.get("request_id").asText();
        assertTrue(ids.add(id), "listed twice: " + id);
        long wd = r.get("working_days_overdue").asLong();
        assertEquals(workingDays.get(id), wd, id);
        assertTrue(wd <= previous, "sorted by working days overdue, most first");
        previous = wd;
        assertTrue(r.get("calendar_days_overdue").asLong() >= wd);
        assertFalse(r.get("district_name_zh").asText().isBlank());
        assertFalse(r.get("category_name_zh").asText().isBlank());
        assertFalse(r.get("space_name").isNull());
        assertTrue(r.get("deadline_date").asText().compareTo("2026-11-27") < 0);
      }
      assertEquals(workingDays.keySet(), ids);

      // one request checked column by column
      JsonNode first = all.get(0);
      List<Object> row = db.select("select district_code, space_id, category, channel, received_date::varchar, deadline_date::varchar"
          + " from requests where request_id = ?", first.get("request_id").asText()).rows().get(0);
      assertEquals(row.get(0), first.get("district_code").asText());
      assertEquals(row.get(1), first.get("space_id").asText());
      assertEquals(row.get(2), first.get("category").asText());
      assertEquals(row.get(3), first.get("channel").asText());
      assertEquals(row.get(4), first.get("received_date").asText());
      assertEquals(row.get(5), first.get("deadline_date").asText());

      // the default page is 50 rows
      JsonNode dflt = TestClient.json(c.get("/api/sla/overdue?quarter=2025Q3"));
      assertEquals(Math.min(50, expected), dflt.get("rows").size());
      assertEquals(0, dflt.get("offset").asInt());
    });
  }

  @Test
  void districtUserSeesOnlyTheirDistrictAndIsRefusedAnother() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      String d = FixtureWarehouse.DISTRICT_CODE;
      JsonNode s = TestClient.json(c.get("/api/sla?quarter=2025Q3"));
      assertEquals(d, s.get("district").asText());
      assertEquals(count("select count(*) from requests where district_code = ? and " + Q3, d), s.get("totals").get("requests").asLong());
      long answered = 0;
      for (JsonNode b : s.get("histogram")) {
        answered += b.get("requests").asLong();
      }
      assertEquals(count("select count(*) from requests where feedback_working_days is not null and district_code = ? and " + Q3, d), answered);

      JsonNode o = TestClient.json(c.get("/api/sla/overdue?quarter=2025Q3&limit=500"));
      long expected = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and " + Q3, d);
      assertTrue(expected > 0, "heping has overdue requests in 2025Q3");
      assertEquals(expected, o.get("total").asLong());
      assertEquals(expected, o.get("rows").size());
      for (JsonNode r : o.get("rows")) {
        assertEquals(d, r.get("district_code").asText(), "no row of another district");
      }
      assertEquals(403, c.get("/api/sla?quarter=2025Q3&district=120102").statusCode());
      assertEquals(403, c.get("/api/sla/overdue?quarter=2025Q3&district=120102").statusCode());
      assertEquals(200, c.get("/api/sla/overdue?quarter=2025Q3&district=" + d).statusCode());
    });
  }

  @Test
  void badInputIsAClear4xx() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      for (String bad : List.of(
          "/api/sla?quarter=2025Q5", "/api/sla?quarter=Q3-2025", "/api/sla/overdue?quarter=2025-3",
          "/api/sla/overdue?quarter=2025Q3&limit=-1", "/api/sla/overdue?quarter=2025Q3&limit=0",
          "/api/sla/overdue?quarter=2025Q3&limit=501", "/api/sla/overdue?quarter=2025Q3&limit=99999999999",
          "/api/sla/overdue?quarter=2025Q3&offset=-5", "/api/sla/overdue?quarter=2025Q3&offset=ten",
          "/api/sla?quarter=2025Q3&district=heping")) {
        HttpResponse<String> r = c.get(bad);
        assertEquals(400, r.statusCode(), bad + " → " + r.body());
        assertFalse(r.body().contains("Exception"), r.body());
      }
      assertEquals(404, c.get("/api/sla?quarter=2001Q1").statusCode());
      assertEquals(404, c.get("/api/sla/overdue?quarter=2025Q3&district=999999").statusCode());
      assertEquals(200, c.get("/api/sla/overdue?quarter=2025Q3&limit=500&offset=999999").statusCode());
      assertEquals(0, TestClient.json(c.get("/api/sla/overdue?quarter=2025Q3&offset=999999")).get("rows").size());
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      assertEquals(403, admin.get("/api/sla?quarter=2025Q3").statusCode(), "not an admin's page");
      assertEquals(401, new TestClient(server.port()).get("/api/sla/overdue").statusCode());
    });
  }
}
