package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The one list mechanism ({@code Lists}): sorting by a column, pages with the total, and the
 * exports (CSV, .xlsx) that re-run the list with the page's filters and the user's scope.
 */
class ListsApiTest {
  private static final String Q3 = "received_date between DATE '2025-07-01' and DATE '2025-09-30'";

  /** Every row of a list through its pages of {@code size}, with the total of each page checked. */
  private static List<JsonNode> allPages(TestClient c, String path, int size, long total) {
    List<JsonNode> all = new ArrayList<>();
    for (int offset = 0; ; offset += size) {
      JsonNode page = TestClient.json(c.get(path + "&limit=" + size + "&offset=" + offset));
      assertEquals(total, page.get("total").asLong(), path);
      page.get("rows").forEach(all::add);
      if (page.get("rows").size() < size) {
        return all;
      }
    }
  }

  @Test
  void aListSortsByAnyOfItsColumnsBothWaysAcrossPages() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      long total = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and " + Q3);
      List<String> ascending = FixtureWarehouse.rows("select received_date::varchar from requests where sla_status = 'OPEN_OVERDUE' and "
          + Q3 + " order by received_date").stream().map(r -> r.get(0).toString()).toList();
      List<String> got = allPages(c, "/api/sla/overdue?quarter=2025Q3&sort=received_date&dir=asc", 17, total).stream()
          .map(r -> r.get("received_date").asText()).toList();
      assertEquals(ascending, got, "sorted by received date, oldest first, across pages");
      JsonNode page = TestClient.json(c.get("/api/sla/overdue?quarter=2025Q3&sort=received_date&dir=desc&limit=5"));
      assertEquals("received_date", page.get("sort").asText());
      assertEquals("desc", page.get("dir").asText());
      assertEquals(ascending.get(ascending.size() - 1), page.get("rows").get(0).get("received_date").asText(), "newest first");

      // numbers sort as numbers (9 before 10), not as text
      List<Long> days = allPages(c, "/api/sla/overdue?quarter=2025Q3&sort=calendar_days_overdue&dir=asc", 50, total).stream()
          .map(r -> r.get("calendar_days_overdue").asLong()).toList();
      List<Long> sortedDays = new ArrayList<>(days);
      sortedDays.sort(null);
      assertEquals(sortedDays, days);
      assertTrue(days.get(0) < days.get(days.size() - 1), "the fixture has different values: " + days.get(0));

      assertEquals(400, c.get("/api/sla/overdue?quarter=2025Q3&sort=no_such_column").statusCode());
      assertEquals(400, c.get("/api/sla/overdue?quarter=2025Q3&sort=received_date;drop").statusCode());
      assertEquals(400, c.get("/api/sla/overdue?quarter=2025Q3&sort=received_date&dir=up").statusCode());
      assertEquals(400, c.get("/api/sla/overdue/export?quarter=2025Q3&format=pdf").statusCode());
    });
  }

  @Test
  void theDistrictPagesOverdueListIsPagedWithItsTotal() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String d = FixtureWarehouse.busiestDistrict("2025Q3");
      long total = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and " + Q3, d);
      assertTrue(total > 5, "enough to page: " + total);
      List<JsonNode> rows = allPages(c, "/api/district/overdue?district=" + d + "&quarter=2025Q3", 2, total);
      assertEquals(total, rows.size());
      assertEquals(total, rows.stream().map(r -> r.get("request_id").asText()).distinct().count());
      assertEquals(400, c.get("/api/district/overdue?quarter=2025Q3").statusCode(), "a district is required");
    });
  }

  @Test
  void theDistrictPagesSpacesAndGroupsExportUnderTheCataloguesHeaders() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String d = FixtureWarehouse.busiestDistrict("2025Q3");
      String at = "?district=" + d + "&quarter=2025Q3";
      List<Object> kpi = FixtureWarehouse.rows("select spaces_operating, groups_active from kpi_district_quarter where district_code = ? and quarter = '2025Q3'", d).get(0);

      List<List<String>> spaces = TestClient.csv(new String(c.getBytes("/api/district/spaces/export" + at + "&format=csv").body(), StandardCharsets.UTF_8));
      assertEquals(((Number) kpi.get(0)).longValue(), spaces.size() - 1, "a row per operating space");
      assertTrue(spaces.get(0).containsAll(List.of("众创空间编号 (space_id)", "众创空间 (space_name)", "服务站全覆盖 (space_covered)", "驻点小时 (onsite_hours)")),
          spaces.get(0).toString());

      // sorted as the page sorts: the undersized groups first
      List<List<String>> groups = TestClient.csv(new String(c.getBytes("/api/district/groups/export" + at + "&sort=group_undersized&dir=desc&format=csv").body(),
          StandardCharsets.UTF_8));
      assertEquals(((Number) kpi.get(1)).longValue(), groups.size() - 1, "a row per active group");
      int undersized = groups.get(0).indexOf(MetricCatalogue.get().metric("group_undersized").orElseThrow().labelZh() + " (group_undersized)");
      assertTrue(undersized >= 0, groups.get(0).toString());
      List<String> flags = groups.subList(1, groups.size()).stream().map(r -> r.get(undersized)).toList();
      List<String> sorted = new ArrayList<>(flags);
      sorted.sort(java.util.Comparator.comparing((String f) -> !f.equals("是")));
      assertEquals(sorted, flags);
      assertEquals(groups.size() - 1, TestClient.json(c.get("/api/district/groups" + at)).get("total").asLong());
      assertEquals(400, c.get("/api/district/spaces?quarter=2025Q3").statusCode(), "a district is required");
    });
  }

  @Test
  void exportsHoldTheWholeFilteredListInTheChosenOrder() throws IOException {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String d = FixtureWarehouse.busiestDistrict("2025Q3");
      List<String> expected = FixtureWarehouse.rows("select request_id from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and "
          + Q3 + " order by received_date desc, request_id", d).stream().map(r -> r.get(0).toString()).toList();
      assertTrue(expected.size() > 5, "rows to export: " + expected.size());
      String query = "?quarter=2025Q3&district=" + d + "&sort=received_date&dir=desc";

      HttpResponse<byte[]> csv = c.getBytes("/api/sla/overdue/export" + query + "&format=csv");
      assertEquals(200, csv.statusCode());
      assertEquals("attachment; filename=\"sla-overdue-2025Q3-" + d + ".csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
      assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
      String text = new String(csv.body(), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("\uFEFF"), "a byte-order mark for Excel");
      List<List<String>> records = TestClient.csv(text);
      List<String> header = records.get(0);
      assertEquals("需求编号 (request_id)", header.get(0));
      String workingDays = MetricCatalogue.get().metric("working_days_overdue").orElseThrow().labelZh() + " (working_days_overdue)";
      assertTrue(header.contains(workingDays), header.toString());
      int district = header.indexOf("区县代码 (district_code)");
      int received = header.indexOf(MetricCatalogue.get().metric("received_date").orElseThrow().labelZh() + " (received_date)");
      assertTrue(district > 0 && received > 0, header.toString());
      List<String> ids = new ArrayList<>();
      List<String> dates = new ArrayList<>();
      for (List<String> f : records.subList(1, records.size())) {
        assertEquals(header.size(), f.size(), f.toString());
        ids.add(f.get(0));
        dates.add(f.get(received));
        assertEquals(d, f.get(district), "only the filtered district: " + f);
      }
      assertEquals(expected.size(), ids.size(), "the whole list, not one page");
      assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(ids));
      List<String> desc = new ArrayList<>(dates);
      desc.sort(java.util.Comparator.reverseOrder());
      assertEquals(desc, dates, "in the order chosen on the page");

      HttpResponse<byte[]> xlsx = c.getBytes("/api/sla/overdue/export" + query + "&format=xlsx");
      assertEquals(200, xlsx.statusCode());
      assertEquals("attachment; filename=\"sla-overdue-2025Q3-" + d + ".xlsx\"", xlsx.headers().firstValue("Content-Disposition").orElseThrow());
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
        Sheet s = wb.getSheetAt(0);
        String title = s.getRow(0).getCell(0).getStringCellValue();
        assertTrue(title.contains("2025Q3") && title.contains(d), title);
        assertEquals("需求编号 (request_id)", s.getRow(2).getCell(0).getStringCellValue());
        List<String> xIds = new ArrayList<>();
        for (int i = 3; i <= s.getLastRowNum(); i++) {
          Row r = s.getRow(i);
          xIds.add(r.getCell(0).getStringCellValue());
        }
        assertEquals(ids, xIds, "the same rows in the same order as the CSV");
        int wd = header.indexOf(workingDays);
        assertEquals(org.apache.poi.ss.usermodel.CellType.NUMERIC, s.getRow(3).getCell(wd).getCellType(), "numbers stay numbers");
      }

      // the quarantine list with a reason filter: exactly the rows of that reason
      long badValue = count("select count(*) from quarantine where reason_code = 'BAD_VALUE'");
      String q = new String(c.getBytes("/api/quality/rows/export?reason=BAD_VALUE&format=csv").body(), StandardCharsets.UTF_8);
      JsonNode page = TestClient.json(c.get("/api/quality/rows?reason=BAD_VALUE&limit=500"));
      assertEquals(badValue, page.get("total").asLong());
      List<List<String>> qRecords = TestClient.csv(q);
      int reason = qRecords.get(0).indexOf("原因代码 (reason_code)");
      assertTrue(reason >= 0, qRecords.get(0).toString());
      assertTrue(badValue > 0);
      assertEquals(badValue, qRecords.size() - 1, "every BAD_VALUE row");
      assertTrue(qRecords.subList(1, qRecords.size()).stream().allMatch(f -> f.get(reason).equals("BAD_VALUE")), "and no other reason's");
    });
  }

  @Test
  void aDistrictUsersExportsAreConfinedToTheirDistrict() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      String own = FixtureWarehouse.DISTRICT_CODE;
      long mine = count("select count(*) from requests where sla_status = 'OPEN_OVERDUE' and district_code = ? and " + Q3, own);
      String text = new String(c.getBytes("/api/sla/overdue/export?quarter=2025Q3&format=csv").body(), StandardCharsets.UTF_8);
      List<List<String>> records = TestClient.csv(text);
      assertEquals(mine, records.size() - 1, "no district named: their own district's rows");
      int district = records.get(0).indexOf("区县代码 (district_code)");
      assertTrue(records.subList(1, records.size()).stream().allMatch(f -> f.get(district).equals(own)));
      assertEquals(403, c.getBytes("/api/sla/overdue/export?quarter=2025Q3&district=120102&format=csv").statusCode());
      assertEquals(403, c.getBytes("/api/district/overdue/export?quarter=2025Q3&district=120102&format=xlsx").statusCode());
      assertEquals(403, c.get("/api/district/overdue?quarter=2025Q3&district=120102").statusCode());
      assertEquals(403, c.getBytes("/api/district/spaces/export?quarter=2025Q3&district=120102&format=csv").statusCode());
      assertEquals(403, c.get("/api/district/groups?quarter=2025Q3&district=120102").statusCode());
      assertEquals(200, c.getBytes("/api/district/overdue/export?quarter=2025Q3&district=" + own + "&format=xlsx").statusCode());
      assertEquals(403, c.getBytes("/api/quality/rows/export?district=120102&format=csv").statusCode());
    });
  }

  @Test
  void theAlertsListsAreTheAlertsPagesRowsSortedAndExported() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String day = "on=2025-10-22";
      JsonNode alerts = TestClient.json(c.get("/api/alerts?" + day));
      for (String kind : List.of("requestsDueSoon", "requestsOverdue", "reportsDueSoon", "reportsMissing")) {
        long onPage = 0;
        for (JsonNode d : alerts.get("districts")) {
          onPage += d.get(kind).size();
        }
        assertEquals(alerts.get("totals").get(kind).asLong(), onPage, kind);
        JsonNode list = TestClient.json(c.get("/api/alerts/list?kind=" + kind + "&" + day + "&limit=500"));
        assertEquals(onPage, list.get("total").asLong(), kind + ": the list holds the page's rows");
      }
      assertTrue(alerts.get("totals").get("requestsOverdue").asLong() > 1, "overdue requests on the day");

      // one district's overdue requests, sorted by deadline, newest first, as a CSV
      String d = null;
      for (JsonNode x : alerts.get("districts")) {
        if (x.get("requestsOverdue").size() > 1) {
          d = x.get("district_code").asText();
          break;
        }
      }
      String text = new String(c.getBytes("/api/alerts/list/export?kind=requestsOverdue&" + day + "&district=" + d
          + "&sort=deadline_date&dir=desc&format=csv").body(), StandardCharsets.UTF_8);
      List<List<String>> records = TestClient.csv(text);
      int deadline = records.get(0).indexOf(MetricCatalogue.get().metric("deadline_date").orElseThrow().labelZh() + " (deadline_date)");
      int district = records.get(0).indexOf("区县代码 (district_code)");
      List<String> deadlines = records.subList(1, records.size()).stream().map(f -> f.get(deadline)).toList();
      List<String> newestFirst = new ArrayList<>(deadlines);
      newestFirst.sort(java.util.Comparator.reverseOrder());
      assertEquals(newestFirst, deadlines);
      final String code = d;
      assertTrue(records.subList(1, records.size()).stream().allMatch(f -> f.get(district).equals(code)));
      long expected = 0;
      for (JsonNode x : alerts.get("districts")) {
        if (x.get("district_code").asText().equals(d)) {
          expected = x.get("requestsOverdue").size();
        }
      }
      assertEquals(expected, records.size() - 1);

      assertEquals(400, c.get("/api/alerts/list?kind=everything&" + day).statusCode());
      assertEquals(400, c.get("/api/alerts/list?" + day).statusCode());
      TestClient heping = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      assertEquals(403, heping.getBytes("/api/alerts/list/export?kind=requestsOverdue&" + day + "&district=120102&format=csv").statusCode());
    });
  }

  @Test
  void theNearMissesAreAListWithAnExport() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode near = TestClient.json(c.get("/api/awards?year=2025")).get("nearMisses");
      assertTrue(near.size() > 1, "near misses in the fixture: " + near.size());
      JsonNode list = TestClient.json(c.get("/api/awards/near-misses?year=2025&sort=score&dir=asc"));
      assertEquals(near.size(), list.get("total").asLong());
      List<String> lowestFirst = new ArrayList<>();
      near.forEach(n -> lowestFirst.add(n.get("commissioner_id").asText()));
      java.util.Collections.reverse(lowestFirst); // the page lists them best score first
      List<String> got = new ArrayList<>();
      list.get("rows").forEach(n -> got.add(n.get("commissioner_id").asText()));
      List<Double> scores = new ArrayList<>();
      list.get("rows").forEach(n -> scores.add(n.get("score").asDouble()));
      List<Double> sorted = new ArrayList<>(scores);
      sorted.sort(null);
      assertEquals(sorted, scores, "lowest score first");
      assertEquals(new java.util.HashSet<>(lowestFirst), new java.util.HashSet<>(got));
      List<List<String>> csv = TestClient.csv(new String(c.getBytes("/api/awards/near-misses/export?year=2025&format=csv").body(), StandardCharsets.UTF_8));
      assertEquals(near.size(), csv.size() - 1);
      assertEquals(near.get(0).get("commissioner_id").asText(), csv.get(1).get(csv.get(0).indexOf("服务专员编号 (commissioner_id)")));
      TestClient heping = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      assertEquals(403, heping.get("/api/awards/near-misses?year=2025&district=120102").statusCode());
    });
  }

  @Test
  void theQuarantineCountsExportAddsUpToTheQuarantineInScope() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      List<List<String>> all = TestClient.csv(new String(c.getBytes("/api/quality/counts/export?format=csv").body(), StandardCharsets.UTF_8));
      int rows = all.get(0).indexOf("行数 (rows)");
      int reason = all.get(0).indexOf("原因代码 (reason_code)");
      assertTrue(rows > 0 && reason >= 0, all.get(0).toString());
      assertEquals(count("select count(*) from quarantine"), all.subList(1, all.size()).stream().mapToLong(f -> Long.parseLong(f.get(rows))).sum());
      assertTrue(all.stream().anyMatch(f -> f.get(reason).equals("ORPHAN_REQUEST")), "the orphan requests are listed");
      TestClient heping = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      List<List<String>> own = TestClient.csv(new String(heping.getBytes("/api/quality/counts/export?format=csv").body(), StandardCharsets.UTF_8));
      assertEquals(count("select count(*) from quarantine where district_code = ?", FixtureWarehouse.DISTRICT_CODE),
          own.subList(1, own.size()).stream().mapToLong(f -> Long.parseLong(f.get(rows))).sum());
      assertEquals(403, heping.getBytes("/api/quality/counts/export?district=120102&format=csv").statusCode());
    });
  }

  @Test
  void theOverviewsDistrictsAndTheReconciliationAreListsWithExports() throws IOException {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      List<String> best = FixtureWarehouse.rows("select district_code from kpi_district_quarter where quarter = '2025Q3'"
          + " order by sla_on_time_rate desc nulls last, district_code").stream().map(r -> (String) r.get(0)).toList();
      JsonNode page = TestClient.json(c.get("/api/overview/districts?quarter=2025Q3&sort=sla_on_time_rate&dir=desc"));
      List<String> got = new ArrayList<>();
      page.get("rows").forEach(r -> got.add(r.get("district_code").asText()));
      assertEquals(best, got, "best on-time rate first, ties by code");
      assertEquals(best.size(), page.get("total").asInt());
      List<List<String>> csv = TestClient.csv(new String(c.getBytes("/api/overview/districts/export?quarter=2025Q3&sort=sla_on_time_rate&dir=desc&format=csv").body(),
          StandardCharsets.UTF_8));
      int code = csv.get(0).indexOf("区县代码 (district_code)");
      assertEquals(best, csv.subList(1, csv.size()).stream().map(f -> f.get(code)).toList());

      String d = FixtureWarehouse.busiestDistrict("2025Q3");
      HttpResponse<byte[]> xlsx = c.getBytes("/api/reports/reconciliation/export?quarter=2025Q3&district=" + d + "&format=xlsx");
      assertEquals("attachment; filename=\"report-reconciliation-2025Q3-" + d + ".xlsx\"", xlsx.headers().firstValue("Content-Disposition").orElseThrow());
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
        Sheet s = wb.getSheetAt(0);
        assertEquals(3, s.getLastRowNum(), "one district: title, blank, header, its row");
        assertEquals(d, s.getRow(3).getCell(0).getStringCellValue());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      TestClient heping = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      assertEquals(403, heping.getBytes("/api/overview/districts/export?quarter=2025Q3&district=120102&format=csv").statusCode());
      JsonNode own = TestClient.json(heping.get("/api/overview/districts?quarter=2025Q3"));
      assertEquals(1, own.get("total").asInt());
      assertEquals(FixtureWarehouse.DISTRICT_CODE, own.get("rows").get(0).get("district_code").asText());
    });
  }
}
