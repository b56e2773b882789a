package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuthTest {
  @Test
  void unauthenticatedApiIs401AndPagesRedirectToLogIn() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient anon = new TestClient(server.port());
      assertEquals(401, anon.get("/api/meta").statusCode());
      assertEquals(401, anon.get("/api/overview").statusCode());
      HttpResponse<String> page = anon.get("/district?district=120101");
      assertEquals(302, page.statusCode());
      assertEquals("/login?next=%2Fdistrict%3Fdistrict%3D120101", page.headers().firstValue("Location").orElseThrow());
      assertEquals(200, anon.get("/login").statusCode());
      assertEquals(200, anon.get("/assets/app.js").statusCode());
    });
  }

  @Test
  void logInSetsAStrictHttpOnlyCookieAndAWrongPasswordIs401() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port());
      HttpResponse<String> bad = c.post("/api/login", Map.of("name", "leader", "password", "wrong-password"));
      assertEquals(401, bad.statusCode());
      assertFalse(bad.body().contains("Exception"), bad.body());
      HttpResponse<String> ok = c.post("/api/login", Map.of("name", "leader", "password", FixtureWarehouse.password("leader")));
      assertEquals(200, ok.statusCode());
      String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(cookie.contains("HttpOnly"), cookie);
      assertTrue(cookie.contains("SameSite=Strict"), cookie);
      assertEquals("leader", TestClient.json(ok).get("role").asText());
    });
  }

  @Test
  void logInIsRateLimitedPerNameAfterFiveFailures() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port());
      for (int i = 0; i < 5; i++) {
        assertEquals(401, c.post("/api/login", Map.of("name", "analyst", "password", "guess-" + i)).statusCode());
      }
      HttpResponse<String> limited = c.post("/api/login", Map.of("name", "analyst", "password", FixtureWarehouse.password("analyst")));
      assertEquals(429, limited.statusCode(), "even the right password waits");
      assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
    });
  }

  @Test
  void stateChangingRequestsNeedTheCsrfToken() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login("leader");
      assertEquals(403, c.postRaw("/api/logout", "{}", false).statusCode());
      assertEquals(200, c.get("/api/meta").statusCode(), "still logged in");
      assertEquals(204, c.post("/api/logout", Map.of()).statusCode());
      assertEquals(401, c.get("/api/meta").statusCode(), "logged out");
    });
  }

  @Test
  void malformedOrHugeBodiesAre4xxWithoutAStackTrace() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port());
      HttpResponse<String> notJson = c.postRaw("/api/login", "{not json", true);
      assertEquals(400, notJson.statusCode());
      assertFalse(notJson.body().contains("at io.javalin"), notJson.body());
      HttpResponse<String> huge = c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(2_000_000) + "\",\"password\":\"p\"}")));
      assertEquals(413, huge.statusCode());
    });
  }

  /** Sixteen log-ins with the right password at once (one user, one address — a load test, an office): all in. */
  @Test
  void concurrentRightLogInsFromOneAddressAllGetIn() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      List<HttpRequest> same = java.util.Collections.nCopies(16, login(server.port(), "leader", FixtureWarehouse.password("leader")));
      assertEquals(java.util.Collections.nCopies(16, 200), statusesAtOnce(same));
    });
  }

  /**
   * Sixteen wrong passwords sent at once from one address (each for another name, so that only
   * the address's limit applies): the check and the count are one step, so no more than the
   * allowed number are checked (401); the others wait for a place and, those having failed, are
   * refused (429).
   */
  @Test
  void concurrentWrongLogInsFromOneAddressCountBeforeTheyAreChecked() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      int n = 16;
      List<HttpRequest> wrong = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        wrong.add(login(server.port(), "nobody-" + i, "wrong-password-" + i));
      }
      List<Integer> statuses = statusesAtOnce(wrong);
      long checked = statuses.stream().filter(s -> s == 401).count();
      long refused = statuses.stream().filter(s -> s == 429).count();
      assertTrue(checked <= LoginThrottle.MAX_FAILURES, "checked (401): " + statuses);
      assertEquals(n, checked + refused, "only 401 and 429: " + statuses);
      // and the address stays locked afterwards
      assertEquals(List.of(429), statusesAtOnce(List.of(login(server.port(), "leader", FixtureWarehouse.password("leader")))));
    });
  }

  /** {@code POST /api/login} as {@code name}. */
  private static HttpRequest login(int port, String name, String password) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
        .build();
  }

  /** Sends the requests at once (one thread each, released together) and returns their statuses in order. */
  private static List<Integer> statusesAtOnce(List<HttpRequest> requests) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CyclicBarrier together = new CyclicBarrier(requests.size());
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (HttpRequest r : requests) {
        answers.add(pool.submit(() -> {
          together.await();
          return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
        }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : answers) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
