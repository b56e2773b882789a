package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every API error is JSON {@code {"error": …}} in UTF-8, whatever the client accepts, in the
 * user's language where the server has both, and never echoes the request body.
 */
class ErrorAnswersTest {
  private static final String SECRET = "SECRET-PASSWORD-4711";
  /** Bodies that are not the JSON object a route expects. */
  private static final List<String> BAD_BODIES = List.of("{", "", "[", "not json", "{\"token\":[\"a\"]}", "null", "42",
      "{\"name\":\"leader\",\"password\":\"" + SECRET + "\"", "{\"name\":[\"" + SECRET + "\"],\"password\":\"" + SECRET + "\"}",
      "{\"sql\":{\"x\":\"" + SECRET + "\"},\"maxRows\":\"many\"}");

  /** Each route that reads a JSON body, with the user who may call it (null: anyone). */
  private static final List<String[]> JSON_ROUTES = List.of(
      new String[] {null, "/api/login"},
      new String[] {FixtureWarehouse.DISTRICT, "/api/reports/upload/confirm"},
      new String[] {FixtureWarehouse.ANALYST, "/api/console/query"},
      new String[] {FixtureWarehouse.ANALYST, "/api/console/cancel"},
      new String[] {FixtureWarehouse.ANALYST, "/api/console/export"},
      new String[] {FixtureWarehouse.ANALYST, "/api/console/saved"},
      new String[] {FixtureWarehouse.ANALYST, "/api/console/saved/delete"},
      new String[] {FixtureWarehouse.ADMIN, "/api/admin/users"},
      new String[] {FixtureWarehouse.ADMIN, "/api/admin/users/delete"});

  /** A request without an Accept header (as curl sends it), with the client's cookie and CSRF token. */
  private static HttpRequest.Builder request(TestClient c, int port, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (c.csrf() != null) {
      b.header(Sessions.CSRF_HEADER, c.csrf());
    }
    return b;
  }

  private static HttpResponse<String> post(TestClient c, int port, String path, String body, String... headers) {
    HttpRequest.Builder b = request(c, port, path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b);
  }

  /** A JSON error of this status: {"error": a message}, UTF-8, nothing of the body sent. */
  static String assertJsonError(int status, HttpResponse<String> r) {
    String label = r.request().method() + " " + r.request().uri().getPath() + " -> " + r.statusCode() + " " + r.body();
    assertEquals(status, r.statusCode(), label);
    String type = r.headers().firstValue("Content-Type").orElse("");
    assertEquals("application/json;charset=utf-8", type.replace(" ", "").toLowerCase(), label);
    JsonNode json = TestClient.json(r);
    assertEquals(1, json.size(), label);
    assertFalse(json.path("error").asText().isBlank(), label);
    assertFalse(r.body().contains(SECRET), "echoes the body: " + label);
    assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), label);
    return json.get("error").asText();
  }

  @Test
  void aBodyThatIsNotTheExpectedJsonIsA400WithAMessageOnEveryRoute() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      List<String> failures = new ArrayList<>();
      for (String[] route : JSON_ROUTES) {
        TestClient c = new TestClient(server.port());
        if (route[0] != null) {
          c.login(route[0]);
        }
        for (String body : BAD_BODIES) {
          HttpResponse<String> r = post(c, server.port(), route[1], body);
          try {
            assertJsonError(400, r);
          } catch (AssertionError e) {
            failures.add(route[1] + " with " + body + ": " + e.getMessage());
          }
        }
      }
      assertTrue(failures.isEmpty(), failures.size() + " answers were not a JSON 400:\n" + String.join("\n", failures));
    });
  }

  @Test
  void errorsAreJsonInUtf8WithoutAskingForJson() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      int port = server.port();
      TestClient anon = new TestClient(port);
      assertJsonError(401, anon.send(request(anon, port, "/api/meta").GET()));
      assertJsonError(404, anon.send(request(anon, port, "/api/no-such-route").GET()));
      TestClient leader = new TestClient(port).login(FixtureWarehouse.LEADER);
      assertJsonError(400, leader.send(request(leader, port, "/api/overview?quarter=bad").GET()));
      assertJsonError(404, leader.send(request(leader, port, "/api/overview?quarter=2001Q1").GET()));
      assertJsonError(403, leader.send(request(leader, port, "/api/console/schema").GET()));
      assertJsonError(403, leader.send(request(leader, port, "/api/admin/users").GET().header("Accept", "text/html")));
      assertJsonError(403, leader.postRaw("/api/logout", "{}", false)); // no CSRF header
      assertJsonError(413, post(anon, port, "/api/login", "{\"name\":\"" + "x".repeat(300_000) + "\",\"password\":\"" + SECRET + "\"}"));
    });
  }

  @Test
  void errorsSpeakTheUsersLanguageWhereTheServerHasBoth() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      int port = server.port();
      TestClient c = new TestClient(port);
      String wrong = "{\"name\":\"leader\",\"password\":\"not-the-password\"}";
      assertEquals("用户名或密码错误", assertJsonError(401, post(c, port, "/api/login", wrong, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")));
      assertEquals("wrong user name or password", assertJsonError(401, post(c, port, "/api/login", wrong, "Accept-Language", "en")));
      assertEquals("wrong user name or password", assertJsonError(401, post(c, port, "/api/login", wrong)));
      String zh = assertJsonError(400, post(c, port, "/api/login", "{", "Accept-Language", "zh-CN"));
      assertTrue(zh.contains("JSON") && zh.chars().anyMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), zh);
      String en = assertJsonError(400, post(c, port, "/api/login", "{", "Accept-Language", "en-US"));
      assertTrue(en.contains("JSON") && en.chars().allMatch(ch -> ch < 0x2e80), en);
      String unknown = assertJsonError(404, c.send(request(c, port, "/api/no-such-route").header("Accept-Language", "zh-CN").GET()));
      assertTrue(unknown.chars().anyMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), unknown);
    });
  }

  @Test
  void aVeryLongUrlIsAJson414() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      String error = assertJsonError(414, c.send(request(c, server.port(), "/api/overview?quarter=" + "x".repeat(100_000)).GET()));
      assertFalse(error.contains("xxxxxxxx"), error);
      // the server is still there
      assertEquals(200, c.get("/api/meta").statusCode());
    });
  }

  @Test
  void aMalformedLogInNeverEchoesThePassword() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port());
      for (String body : List.of("{\"name\":\"leader\",\"password\":\"" + SECRET + "\"", "{\"name\":\"leader\",\"password\":[\"" + SECRET + "\"]}",
          "[\"" + SECRET + "\"]", "\"" + SECRET + "\"")) {
        assertJsonError(400, c.postRaw("/api/login", body, false));
        assertJsonError(400, post(c, server.port(), "/api/login", body, "Accept", "text/html"));
      }
      assertJsonError(400, c.post("/api/login", Map.of("name", "leader")));
    });
  }
}
