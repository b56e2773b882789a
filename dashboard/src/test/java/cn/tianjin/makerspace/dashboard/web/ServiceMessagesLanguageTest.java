package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The services' messages a page can show (a malformed parameter, a console refusal, an upload's
 * refusal) answer in the language of the request's Accept-Language, as the pages send it: Chinese
 * for a Chinese-mode user, the same English as before for an English-mode one.
 */
class ServiceMessagesLanguageTest {
  private static String error(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return TestClient.json(r).path("error").asText();
  }

  @Test
  void malformedParametersAreSaidInTheUsersLanguage() {
    JavalinTest.test(DashboardApp.create(DashboardServer.deps(FixtureWarehouse.get())), (server, ignored) -> {
      TestClient zh = new TestClient(server.port()).language("zh-CN,zh;q=0.9").login(FixtureWarehouse.LEADER);
      TestClient en = new TestClient(server.port()).language("en").login(FixtureWarehouse.LEADER);
      assertEquals("季度“2025-3”格式不对：请写成 2025Q3 的形式", error(zh.get("/api/overview?quarter=2025-3"), 400));
      assertEquals("malformed quarter '2025-3': write it like 2025Q3", error(en.get("/api/overview?quarter=2025-3"), 400));
      assertEquals("区县代码“12”格式不对：应为六位数字，例如 120101", error(zh.get("/api/overview?quarter=2025Q3&district=12"), 400));
      assertEquals("没有区县代码 999999", error(zh.get("/api/overview?quarter=2025Q3&district=999999"), 404));
      assertEquals("unknown district code 999999", error(en.get("/api/overview?quarter=2025Q3&district=999999"), 404));
      assertEquals("年度“20x5”格式不对：请写成 2025 的形式", error(zh.get("/api/awards?year=20x5"), 400));
      assertEquals("没有 1999 年度的数据", error(zh.get("/api/awards?year=1999"), 404));
    });
  }

  @Test
  void theAlertsDayAndTheUserFormsRefusalsAreSaidInTheUsersLanguage() {
    JavalinTest.test(DashboardApp.create(DashboardServer.deps(FixtureWarehouse.get())), (server, ignored) -> {
      TestClient zh = new TestClient(server.port()).language("zh-CN").login(FixtureWarehouse.LEADER);
      assertEquals("日期“2025-1-4”格式不对：请写成 2025-10-14 的形式", error(zh.get("/api/alerts?on=2025-1-4"), 400));
      assertEquals("没有“2025-02-30”这一天：请写一个真实的日期，例如 2025-10-14", error(zh.get("/api/alerts?on=2025-02-30"), 400));
      String calendar = error(zh.get("/api/alerts?on=1999-01-04"), 400);
      assertEquals(true, calendar.startsWith("没有 1999-01-04 的工作日历：快照的日历覆盖 "), calendar);
      TestClient admin = new TestClient(server.port()).language("zh-CN").login(FixtureWarehouse.ADMIN);
      TestClient adminEn = new TestClient(server.port()).language("en").login(FixtureWarehouse.ADMIN);
      assertEquals("不能删除自己", error(admin.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ADMIN)), 400));
      assertEquals("you cannot remove yourself", error(adminEn.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ADMIN)), 400));
      assertEquals("用户名须为 2 到 64 个字母、数字或 _ . @ -",
          error(admin.post("/api/admin/users", Map.of("name", "x", "role", "leader", "password", "a-long-password-1")), 400));
      assertEquals("没有角色“boss”（可选 leader、analyst、district、admin）",
          error(admin.post("/api/admin/users", Map.of("name", "xy", "role", "boss", "password", "a-long-password-1")), 400));
    });
  }

  @Test
  void consoleRefusalsAreSaidInTheUsersLanguage() {
    JavalinTest.test(DashboardApp.create(DashboardServer.deps(FixtureWarehouse.get())), (server, ignored) -> {
      TestClient zh = new TestClient(server.port()).language("zh-CN").login(FixtureWarehouse.ANALYST);
      TestClient en = new TestClient(server.port()).language("en").login(FixtureWarehouse.ANALYST);
      assertEquals("这里只能运行一条只读查询（SELECT、WITH … SELECT）", error(zh.post("/api/console/query", Map.of("sql", "DROP VIEW requests")), 400));
      assertEquals("only a single read-only query (SELECT, WITH … SELECT) may run here",
          error(en.post("/api/console/query", Map.of("sql", "DROP VIEW requests")), 400));
      assertEquals("一次只能运行一条语句（这里有 2 条）", error(zh.post("/api/console/query", Map.of("sql", "SELECT 1; SELECT 2")), 400));
      assertEquals("one statement at a time, please (found 2)", error(en.post("/api/console/query", Map.of("sql", "SELECT 1; SELECT 2")), 400));
      assertEquals("查询是空的", error(zh.post("/api/console/query", Map.of("sql", " ")), 400));
      assertEquals("控制台只显示数据仓库的表，不显示服务器的配置或文件路径：不能使用 duckdb_settings",
          error(zh.post("/api/console/query", Map.of("sql", "SELECT * FROM duckdb_settings()")), 400));
      String failed = error(zh.post("/api/console/query", Map.of("sql", "SELECT no_such_column FROM requests")), 400);
      assertEquals(true, failed.startsWith("查询失败。DuckDB 的说明：Binder Error"), failed);
    });
  }

  @Test
  void uploadRefusalsAreSaidInTheUsersLanguage() {
    JavalinTest.test(DashboardApp.create(DashboardServer.deps(FixtureWarehouse.get())), (server, ignored) -> {
      for (String[] lang : new String[][] {
          {"zh-CN", "此服务器没有落地区（启动时须加 --landing DIR），不能在这里上报季报"},
          {"en", "this server has no landing zone (start it with --landing DIR): reports cannot be uploaded here"}}) {
        TestClient c = new TestClient(server.port()).language(lang[0]).login(FixtureWarehouse.DISTRICT);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/reports/upload?quarter=2026Q1&fileName=r.csv"))
            .header("Accept", "application/json").header("Content-Type", "application/octet-stream").header("X-CSRF-Token", c.csrf())
            .POST(HttpRequest.BodyPublishers.ofByteArray("a,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(lang[1], error(r, 400));
      }
    });
  }
}
