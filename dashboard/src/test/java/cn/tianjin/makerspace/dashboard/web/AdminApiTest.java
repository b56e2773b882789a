package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 用户管理: the admin users API, on a copy of the fixture's users (the fixture itself stays as it is). */
class AdminApiTest {
  private UserStore users;

  /** An app over the fixture's snapshot with its own copy of the fixture users. */
  private Javalin app() {
    try {
      Path dir = Files.createTempDirectory("admin-users");
      Files.createDirectories(dir.resolve("dashboard"));
      Files.copy(FixtureWarehouse.get().resolve("dashboard/users.json"), dir.resolve("dashboard/users.json"));
      users = new UserStore(dir);
      DashboardApp.Deps fixture = DashboardServer.deps(FixtureWarehouse.get());
      return DashboardApp.create(new DashboardApp.Deps(fixture.snapshot(), fixture.console(), users, fixture.home()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> form(String name, String role, String district, String password) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", name);
    m.put("role", role);
    m.put("district", district);
    m.put("password", password);
    return m;
  }

  private static void assertError(int status, HttpResponse<String> r, String message) {
    assertEquals(status, r.statusCode(), r.body());
    String error = TestClient.json(r).path("error").asText(TestClient.json(r).path("title").asText());
    assertTrue(error.contains(message), error);
    assertFalse(r.body().contains("\tat "), r.body());
  }

  @Test
  void nonAdminRolesGet403OnEveryAdminRouteAndAnonymous401() {
    JavalinTest.test(app(), (server, ignored) -> {
      List<String> before = users.list().stream().map(User::name).toList();
      for (String who : List.of(FixtureWarehouse.LEADER, FixtureWarehouse.ANALYST, FixtureWarehouse.DISTRICT)) {
        TestClient c = new TestClient(server.port()).login(who);
        assertEquals(403, c.get("/api/admin/users").statusCode(), who);
        assertEquals(403, c.post("/api/admin/users", form("intruder", "admin", null, "long-enough-password")).statusCode(), who);
        assertEquals(403, c.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ADMIN)).statusCode(), who);
        assertEquals(403, c.get("/admin").statusCode(), who + " may not open the page");
      }
      TestClient anon = new TestClient(server.port());
      assertEquals(401, anon.get("/api/admin/users").statusCode());
      assertEquals(401, anon.post("/api/admin/users", form("intruder", "admin", null, "long-enough-password")).statusCode());
      assertEquals(401, anon.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ADMIN)).statusCode());
      assertEquals(before, users.list().stream().map(User::name).toList(), "nothing changed");
    });
  }

  @Test
  void listShowsNameRoleDistrictAndNeverAHash() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      HttpResponse<String> r = admin.get("/api/admin/users");
      assertEquals(200, r.statusCode());
      assertFalse(r.body().contains("pbkdf2") || r.body().toLowerCase().contains("hash"), r.body());
      JsonNode list = TestClient.json(r);
      assertEquals("admin", list.get("me").asText());
      assertEquals(UserStore.MIN_PASSWORD, list.get("minPassword").asInt());
      assertEquals(16, list.get("districts").size());
      Map<String, String> seen = new HashMap<>();
      for (JsonNode u : list.get("users")) {
        seen.put(u.get("name").asText(), u.get("role").asText() + "/" + (u.get("district").isNull() ? "" : u.get("district").asText()));
        assertEquals(3, u.size(), "name, role, district only: " + u);
      }
      assertEquals(Map.of("admin", "admin/", "analyst", "analyst/", "leader", "leader/", "heping", "district/120101"), seen);
      assertEquals(200, admin.get("/admin").statusCode());
    });
  }

  @Test
  void addingAndResettingAUserEndsTheirSessions() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      String name = "nankai.official";
      HttpResponse<String> added = admin.post("/api/admin/users", form(name, "district", "120104", FixtureWarehouse.password(name)));
      assertEquals(200, added.statusCode(), added.body());
      assertFalse(added.body().contains("pbkdf2"), added.body());
      JsonNode a = TestClient.json(added);
      assertEquals(name, a.get("name").asText());
      assertEquals("district", a.get("role").asText());
      assertEquals("120104", a.get("district").asText());
      assertTrue(a.get("created").asBoolean());
      User stored = users.find(name).orElseThrow();
      assertEquals(Role.DISTRICT, stored.role());
      assertEquals("120104", stored.districtCode());

      TestClient official = new TestClient(server.port()).login(name);
      assertEquals("120104", TestClient.json(official.get("/api/me")).get("district").asText());
      assertEquals(200, official.get("/api/overview?quarter=2025Q3").statusCode());

      // reset: a new role and password; the old session ends, the old password no longer works
      String newPassword = "a-brand-new-password";
      HttpResponse<String> reset = admin.post("/api/admin/users", form(name, "analyst", "", newPassword));
      assertEquals(200, reset.statusCode(), reset.body());
      assertFalse(TestClient.json(reset).get("created").asBoolean());
      assertTrue(TestClient.json(reset).get("district").isNull(), "an analyst has no district");
      assertEquals(401, official.get("/api/overview?quarter=2025Q3").statusCode(), "the changed user's session ended");
      TestClient again = new TestClient(server.port());
      assertEquals(401, again.post("/api/login", Map.of("name", name, "password", FixtureWarehouse.password(name))).statusCode());
      HttpResponse<String> login = again.post("/api/login", Map.of("name", name, "password", newPassword));
      assertEquals(200, login.statusCode());
      assertEquals("analyst", TestClient.json(login).get("role").asText());
      assertEquals(200, admin.get("/api/admin/users").statusCode(), "the admin's own session is untouched");
    });
  }

  @Test
  void invalidUsersAre400AndChangeNothing() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      String ok = "long-enough-password";
      assertError(400, admin.post("/api/admin/users", form("newbie", "superuser", null, ok)), "unknown role 'superuser'");
      assertError(400, admin.post("/api/admin/users", form("newbie", "anyone", null, ok)), "unknown role");
      assertError(400, admin.post("/api/admin/users", form("newbie", null, null, ok)), "name a role");
      assertError(400, admin.post("/api/admin/users", form("newbie", "district", "999999", ok)), "unknown district code '999999'");
      assertError(400, admin.post("/api/admin/users", form("newbie", "district", null, ok)), "a district user needs a district");
      assertError(400, admin.post("/api/admin/users", form("newbie", "leader", null, "x".repeat(UserStore.MIN_PASSWORD - 1))),
          "at least " + UserStore.MIN_PASSWORD + " characters");
      assertError(400, admin.post("/api/admin/users", form("newbie", "leader", null, null)), "a password is required");
      for (String bad : new String[] {"a", "two words", "../etc", "名字", "x".repeat(65)}) {
        assertError(400, admin.post("/api/admin/users", form(bad, "leader", null, ok)), "a user name is 2-64");
        assertError(400, admin.post("/api/admin/users/delete", Map.of("name", bad)), "a user name is 2-64");
      }
      assertError(400, admin.post("/api/admin/users", form(null, "leader", null, ok)), "a user name is 2-64");
      assertEquals(400, admin.postRaw("/api/admin/users", "{not json", true).statusCode());
      assertError(400, admin.post("/api/admin/users", form("admin", "leader", null, ok)), "admin role from yourself");
      assertEquals(403, admin.postRaw("/api/admin/users", "{\"name\":\"newbie\",\"role\":\"leader\",\"password\":\"" + ok + "\"}", false).statusCode(),
          "no CSRF header");
      assertEquals(List.of("admin", "analyst", "heping", "leader"), users.list().stream().map(User::name).sorted().toList());
      assertEquals(Role.ADMIN, users.find("admin").orElseThrow().role());
    });
  }

  @Test
  void removingAUserEndsTheirSessionButNobodyRemovesThemselves() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      TestClient analyst = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      assertEquals(200, analyst.get("/api/meta").statusCode());

      assertError(400, admin.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ADMIN)), "you cannot remove yourself");
      assertError(404, admin.post("/api/admin/users/delete", Map.of("name", "nobody")), "no user nobody");
      assertEquals(403, admin.postRaw("/api/admin/users/delete", "{\"name\":\"analyst\"}", false).statusCode(), "no CSRF header");
      assertTrue(users.find(FixtureWarehouse.ANALYST).isPresent());

      HttpResponse<String> removed = admin.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ANALYST));
      assertEquals(200, removed.statusCode(), removed.body());
      assertEquals(FixtureWarehouse.ANALYST, TestClient.json(removed).get("removed").asText());
      assertTrue(users.find(FixtureWarehouse.ANALYST).isEmpty());
      assertEquals(401, analyst.get("/api/meta").statusCode(), "the removed user's session ended");
      assertEquals(401, new TestClient(server.port()).post("/api/login",
          Map.of("name", FixtureWarehouse.ANALYST, "password", FixtureWarehouse.password(FixtureWarehouse.ANALYST))).statusCode());
      assertError(404, admin.post("/api/admin/users/delete", Map.of("name", FixtureWarehouse.ANALYST)), "no user analyst");
      assertEquals(200, admin.get("/api/admin/users").statusCode());
    });
  }

  /** A POST of a user form with an Accept-Language header (as the pages send the user's language). */
  private static HttpResponse<String> postIn(TestClient c, int port, String language, Map<String, Object> form) {
    try {
      return c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/users"))
          .header("Content-Type", "application/json").header("Accept-Language", language).header(Sessions.CSRF_HEADER, c.csrf())
          .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(form))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A trivial password is refused with the rule, in the language the page asks for. */
  @Test
  void trivialPasswordsAreRefusedInTheUsersLanguage() {
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      for (String trivial : new String[] {"aaaaaaaaaa", " ".repeat(10), "newcomer01", "NEWCOMER01", "abababababab"}) {
        Map<String, Object> form = form("newcomer01", "leader", null, trivial);
        assertError(400, postIn(admin, server.port(), "en", form), "password");
        assertError(400, postIn(admin, server.port(), "zh-CN,zh;q=0.9", form), "密码");
      }
      assertTrue(users.find("newcomer01").isEmpty());
    });
  }
}
