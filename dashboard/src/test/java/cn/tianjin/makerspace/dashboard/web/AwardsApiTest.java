package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class AwardsApiTest {
  /** A district user of the district with the most shortlisted commissioners in 2025 (和平区 has none or few). */
  private static final String BUSY_DISTRICT_USER = "busy-district";

  private static List<List<Object>> mart(String sql, Object... params) {
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(FixtureWarehouse.get()))) {
      return db.select(sql, params).rows();
    }
  }

  /** award_shortlist's (rank, commissioner_id, score) of a year in rank order, for one district or all. */
  private static List<String> shortlistFromMart(int year, String district) {
    List<String> out = new ArrayList<>();
    for (List<Object> r : mart("select rank, commissioner_id, score from award_shortlist where year = ? and (? is null or district_code = ?) order by rank",
        year, district, district)) {
      out.add(r.get(0) + "|" + r.get(1) + "|" + ((BigDecimal) r.get(2)).toPlainString());
    }
    return out;
  }

  private static List<String> shortlistFromApi(JsonNode awards) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : awards.get("shortlist")) {
      out.add(r.get("rank").asInt() + "|" + r.get("commissioner_id").asText() + "|" + r.get("score").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    }
    return out;
  }

  private static String busyDistrict() {
    return (String) mart("select district_code from award_shortlist where year = 2025 group by 1 order by count(*) desc, 1 limit 1").get(0).get(0);
  }

  /** The fixture's snapshot with the fixture users plus a district user of {@link #busyDistrict()}. */
  private static Javalin appWithBusyDistrictUser() throws IOException {
    Path dir = Files.createTempDirectory("awards-users");
    Files.createDirectories(dir.resolve("dashboard"));
    Files.copy(FixtureWarehouse.get().resolve("dashboard/users.json"), dir.resolve("dashboard/users.json"));
    UserStore users = new UserStore(dir);
    String code = busyDistrict();
    users.add(BUSY_DISTRICT_USER, Role.DISTRICT, code, FixtureWarehouse.password(BUSY_DISTRICT_USER).toCharArray(), Set.of(code));
    DashboardApp.Deps fixture = DashboardServer.deps(FixtureWarehouse.get());
    return DashboardApp.create(new DashboardApp.Deps(fixture.snapshot(), fixture.console(), users, fixture.home()));
  }

  @Test
  void leaderGetsTheShortlistInRankOrderTheRulesAndTheNearMisses() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode a = TestClient.json(c.get("/api/awards?year=2025"));
      assertEquals(2025, a.get("year").asInt());
      assertFalse(a.get("provisional").asBoolean(), "2025 is over as of " + FixtureWarehouse.AS_OF);
      assertEquals(FixtureWarehouse.AS_OF.toString(), a.get("asOf").asText());
      assertEquals(shortlistFromMart(2025, null), shortlistFromApi(a));
      assertEquals(10, a.get("shortlist").size());
      JsonNode first = a.get("shortlist").get(0);
      BigDecimal parts = first.get("score_sla").decimalValue().add(first.get("score_onsite").decimalValue())
          .add(first.get("score_satisfaction").decimalValue()).add(first.get("score_volume").decimalValue());
      assertEquals(0, parts.compareTo(first.get("score").decimalValue()), "the stacked components add up to the score");
      assertFalse(first.get("district_name_zh").asText().isEmpty());

      assertEquals(((Number) mart("select count(*) from award_rules").get(0).get(0)).intValue(), a.get("rules").size());
      assertEquals(((Number) mart("select count(*) from award_candidates where year = 2025").get(0).get(0)).longValue(),
          a.get("summary").get("eligible").asLong());
      assertEquals(10, a.get("summary").get("shortlisted").asLong());

      // near misses: the 10 best-scoring eligible commissioners not shortlisted, with the cap and the margin
      List<List<Object>> expected = mart("select commissioner_id, not_shortlisted_reason, score, district_code, district_position from award_candidates"
          + " where year = 2025 and not shortlisted order by eligible_position limit 10");
      JsonNode near = a.get("nearMisses");
      assertEquals(10, near.size());
      for (int i = 0; i < 10; i++) {
        JsonNode n = near.get(i);
        List<Object> e = expected.get(i);
        assertEquals(e.get(0), n.get("commissioner_id").asText());
        assertEquals(e.get(1), n.get("not_shortlisted_reason").asText());
        BigDecimal bar;
        if ("DISTRICT_CAP".equals(e.get(1))) {
          bar = (BigDecimal) mart("select score from award_candidates where year = 2025 and district_code = ? and district_position = 2", e.get(3)).get(0).get(0);
          assertEquals(((Number) e.get(4)).intValue() - 2, n.get("places_behind").asInt());
          assertTrue(n.get("reason_zh").asText().startsWith("每区县至多2人入围"), n.get("reason_zh").asText());
          assertTrue(n.get("reason_en").asText().startsWith("at most 2 per district, and " + e.get(0) + " ranks #" + e.get(4) + " there"),
              n.get("reason_en").asText());
        } else {
          bar = (BigDecimal) mart("select score from award_shortlist where year = 2025 and rank = 10").get(0).get(0);
          assertTrue(n.get("places_behind").asInt() >= 1);
          assertTrue(n.get("reason_en").asText().startsWith("at most 10 in all"), n.get("reason_en").asText());
        }
        BigDecimal behind = bar.subtract((BigDecimal) e.get(2));
        assertEquals(0, behind.compareTo(n.get("points_behind").decimalValue()), n.toString());
        assertTrue(n.get("reason_en").asText().endsWith(behind.toPlainString() + " points behind " + ("DISTRICT_CAP".equals(e.get(1)) ? "the district's #2" : "rank 10")),
            n.get("reason_en").asText());
      }

      JsonNode current = TestClient.json(c.get("/api/awards?year=2026"));
      assertTrue(current.get("provisional").asBoolean(), "2026 is not over as of " + FixtureWarehouse.AS_OF);
      assertEquals(shortlistFromMart(2026, null), shortlistFromApi(current));
    });
  }

  @Test
  void exportsHoldExactlyTheShortlistRowsInRankOrder() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      Download raw = new Download(server.port(), FixtureWarehouse.LEADER);
      for (int year : new int[] {2025, 2026}) {
        List<String> api = shortlistFromApi(TestClient.json(c.get("/api/awards?year=" + year)));
        assertEquals(shortlistFromMart(year, null), api);

        HttpResponse<byte[]> csv = raw.get("/api/awards/export?year=" + year + "&format=csv");
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"award-shortlist-" + year + ".csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals(api, csvRows(csv.body()));

        HttpResponse<byte[]> xlsx = raw.get("/api/awards/export?year=" + year + "&format=xlsx");
        assertEquals(200, xlsx.statusCode());
        assertEquals("attachment; filename=\"award-shortlist-" + year + ".xlsx\"", xlsx.headers().firstValue("Content-Disposition").orElseThrow());
        Workbook wb = xlsx(xlsx.body());
        assertEquals(api, wb.rows());
        assertTrue(wb.title().startsWith(year + "年度优秀服务专员表彰候选名单（全市）"), wb.title());
        assertTrue(wb.title().contains(year == 2026 ? "暂定" : "正式"), wb.title());
        assertTrue(wb.title().contains("数据截至 " + FixtureWarehouse.AS_OF), wb.title());
        assertTrue(wb.rules().contains("年度办理需求不少于20件") && wb.rules().contains("每区县至多2人，全市至多10人"), wb.rules());
        assertEquals("排名", wb.chineseHeaders().get(1));
        assertEquals("rank", wb.contractHeaders().get(1));
        assertTrue(wb.districtNames().stream().allMatch(n -> n.endsWith("区")), wb.districtNames().toString());
      }
      assertEquals(400, raw.get("/api/awards/export?year=2025&format=pdf").statusCode());
      assertEquals(400, raw.get("/api/awards/export?year=2025").statusCode());
      assertEquals(400, raw.get("/api/awards/export?year=20x5&format=csv").statusCode());
      assertEquals(404, raw.get("/api/awards/export?year=2001&format=csv").statusCode());
    });
  }

  @Test
  void aDistrictUserSeesAndExportsOnlyTheirDistrict() throws IOException {
    String busy = busyDistrict();
    JavalinTest.test(appWithBusyDistrictUser(), (server, ignored) -> {
      for (String[] user : new String[][] {{BUSY_DISTRICT_USER, busy}, {FixtureWarehouse.DISTRICT, FixtureWarehouse.DISTRICT_CODE}}) {
        TestClient c = new TestClient(server.port()).login(user[0]);
        JsonNode a = TestClient.json(c.get("/api/awards?year=2025"));
        assertEquals(user[1], a.get("district").asText());
        List<String> api = shortlistFromApi(a);
        assertEquals(shortlistFromMart(2025, user[1]), api);
        for (JsonNode n : a.get("nearMisses")) {
          assertEquals(user[1], n.get("district_code").asText(), "near misses of another district");
        }
        assertEquals(((Number) mart("select count(*) from award_candidates where year = 2025 and district_code = ?", user[1]).get(0).get(0)).longValue(),
            a.get("summary").get("eligible").asLong());
        assertEquals(403, c.get("/api/awards?year=2025&district=" + (user[1].equals("120102") ? "120103" : "120102")).statusCode());

        Download raw = new Download(server.port(), user[0]);
        HttpResponse<byte[]> csv = raw.get("/api/awards/export?year=2025&format=csv");
        assertEquals("attachment; filename=\"award-shortlist-2025-" + user[1] + ".csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(api, csvRows(csv.body()));
        Workbook wb = xlsx(raw.get("/api/awards/export?year=2025&format=xlsx").body());
        assertEquals(api, wb.rows());
        assertTrue(wb.districtCodes().stream().allMatch(user[1]::equals), wb.districtCodes().toString());
        assertEquals(403, raw.get("/api/awards/export?year=2025&format=xlsx&district=" + (user[1].equals("120102") ? "120103" : "120102")).statusCode());
      }
      assertFalse(shortlistFromMart(2025, busy).isEmpty(), "the busy district has shortlisted commissioners, so the export test has rows");
    });
  }

  @Test
  void rolesAndBadParameters() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      assertEquals(401, new TestClient(server.port()).get("/api/awards?year=2025").statusCode());
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      assertEquals(403, admin.get("/api/awards?year=2025").statusCode());
      assertEquals(403, admin.get("/api/awards/export?year=2025&format=csv").statusCode());
      TestClient analyst = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      assertEquals(200, analyst.get("/api/awards").statusCode(), "no year: the newest");
      assertEquals(400, analyst.get("/api/awards?year=last").statusCode());
      assertEquals(404, analyst.get("/api/awards?year=2001").statusCode());
      assertEquals(404, analyst.get("/api/awards?year=2025&district=999999").statusCode());
      JsonNode one = TestClient.json(analyst.get("/api/awards?year=2025&district=" + FixtureWarehouse.DISTRICT_CODE));
      assertEquals(shortlistFromMart(2025, FixtureWarehouse.DISTRICT_CODE), shortlistFromApi(one));
    });
  }

  // ---- reading the files back ----

  /** The CSV's data rows as rank|commissioner_id|score, after checking the BOM and the header. */
  private static List<String> csvRows(byte[] body) {
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 byte-order mark");
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertEquals("年度 (year)", header.get(0));
    int rank = header.indexOf("排名 (rank)");
    int id = header.indexOf("服务专员编号 (commissioner_id)");
    int score = header.indexOf("总分 (score)");
    assertTrue(rank >= 0 && id >= 0 && score >= 0, header.toString());
    assertTrue(header.contains("区县 (district_name_zh)"), header.toString());
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertEquals(header.size(), cells.length, line);
      out.add(cells[rank] + "|" + cells[id] + "|" + cells[score]);
    }
    return out;
  }

  /** What the test reads from the workbook. */
  private record Workbook(String title, String rules, List<String> chineseHeaders, List<String> contractHeaders,
      List<String> rows, List<String> districtCodes, List<String> districtNames) {}

  private static Workbook xlsx(byte[] body) {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
      Sheet s = wb.getSheetAt(0);
      List<String> zh = cells(s.getRow(3));
      List<String> names = cells(s.getRow(4));
      int rank = names.indexOf("rank");
      int id = names.indexOf("commissioner_id");
      int score = names.indexOf("score");
      int code = names.indexOf("district_code");
      int districtName = names.indexOf("district_name_zh");
      List<String> rows = new ArrayList<>();
      List<String> codes = new ArrayList<>();
      List<String> districtNames = new ArrayList<>();
      for (int i = 5; i <= s.getLastRowNum(); i++) {
        Row r = s.getRow(i);
        assertNotNull(r);
        rows.add((long) r.getCell(rank).getNumericCellValue() + "|" + r.getCell(id).getStringCellValue() + "|"
            + BigDecimal.valueOf(r.getCell(score).getNumericCellValue()).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        codes.add(r.getCell(code).getStringCellValue());
        districtNames.add(r.getCell(districtName).getStringCellValue());
      }
      return new Workbook(s.getRow(0).getCell(0).getStringCellValue(), s.getRow(1).getCell(0).getStringCellValue(), zh, names, rows, codes, districtNames);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> cells(Row r) {
    List<String> out = new ArrayList<>();
    r.forEach(c -> out.add(c.getStringCellValue()));
    return out;
  }

  /** A logged-in client that reads bodies as bytes (the .xlsx is binary). */
  private static final class Download {
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    Download(int port, String user) {
      this.origin = "http://localhost:" + port;
      HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(origin + "/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + user + "\",\"password\":\"" + FixtureWarehouse.password(user) + "\"}")));
      assertEquals(200, r.statusCode());
    }

    HttpResponse<byte[]> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(origin + path)).GET());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) {
      try {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
