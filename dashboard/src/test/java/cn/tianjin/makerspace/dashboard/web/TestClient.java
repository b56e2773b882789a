package cn.tianjin.makerspace.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A browser-like HTTP client for the API tests: keeps the session cookie, sends the CSRF token on
 * state-changing requests, asks for JSON.
 */
public final class TestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String origin;
  private final HttpClient http;
  private String csrf;
  private String language;

  public TestClient(int port) {
    this.origin = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Sends {@code Accept-Language: tag} with every request from now on (as the pages send the user's language). */
  public TestClient language(String tag) {
    this.language = tag;
    return this;
  }

  /** Logs in as a fixture user; fails the test if that does not work. */
  public TestClient login(String user) {
    HttpResponse<String> r = post("/api/login", Map.of("name", user, "password", FixtureWarehouse.password(user)));
    if (r.statusCode() != 200) {
      throw new AssertionError("log-in as " + user + " failed: " + r.statusCode() + " " + r.body());
    }
    csrf = json(r).get("csrfToken").asText();
    return this;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(origin + path)).header("Accept", "application/json").GET());
  }

  public HttpResponse<String> post(String path, Object body) {
    return postRaw(path, write(body), true);
  }

  /** A POST with a raw body; {@code withCsrf=false} leaves the CSRF header out. */
  public HttpResponse<String> postRaw(String path, String body, boolean withCsrf) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path))
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (withCsrf && csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return send(b);
  }

  public HttpResponse<String> send(HttpRequest.Builder b) {
    if (language != null) {
      b.setHeader("Accept-Language", language);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET whose answer is binary (a download, or compressed), with request headers as name, value pairs. */
  public HttpResponse<byte[]> getBytes(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String csrf() {
    return csrf;
  }

  /**
   * A CSV file's records (RFC 4180: quoted fields may hold commas, doubled quotes and line
   * breaks; CRLF or LF ends a record), without a leading byte-order mark; the header is record 0.
   */
  public static List<List<String>> csv(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> records = new java.util.ArrayList<>();
    List<String> record = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new java.util.ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
