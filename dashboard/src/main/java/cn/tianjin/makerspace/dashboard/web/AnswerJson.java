package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Javalin's Jackson mapper, except that an answer from the live snapshot's cache
 * ({@link LiveSnapshot#cached}) is encoded once per snapshot, as JSON bytes and as their gzip:
 * the pages ask for the same answers again and again, and encoding (then compressing) a large
 * one — a district's heat map, hundreds of KB — cost more than everything else a repeated
 * request does. Handlers send such answers with {@link #send}.
 */
final class AnswerJson implements JsonMapper {
  /** Below this, the JSON is sent as it is (Javalin's own threshold for compressing). */
  static final int MIN_COMPRESSED_BYTES = 1500;

  /** An answer's JSON, and its gzip when it is large enough to be worth it (else null). */
  record Encoded(byte[] json, byte[] gzip) {}

  /** Javalin's mapper, with dates and instants as ISO-8601 text ({@code "2026-11-27"}), not arrays of numbers. */
  private final JavalinJackson jackson = new JavalinJackson(
      JavalinJackson.Companion.defaultMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS), false);
  private final LiveSnapshot snapshot;

  AnswerJson(LiveSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Sends {@code answer} as JSON: a cached answer from its bytes made once (compressed when the
   * client accepts gzip, as every browser does), anything else as {@code ctx.json} would.
   */
  static void send(Context ctx, Object answer) {
    Encoded e = ((AnswerJson) ctx.jsonMapper()).encoded(answer);
    if (e == null) {
      ctx.json(answer);
      return;
    }
    ctx.contentType(ContentType.APPLICATION_JSON).header(Header.VARY, Header.ACCEPT_ENCODING);
    if (e.gzip() != null && acceptsGzip(ctx.header(Header.ACCEPT_ENCODING))) {
      ctx.header(Header.CONTENT_ENCODING, "gzip").result(e.gzip()); // Javalin leaves it as it is
    } else {
      ctx.result(e.json());
    }
  }

  /** Whether an Accept-Encoding header allows gzip (listed, or *, and not with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim();
      if (!coding.equalsIgnoreCase("gzip") && !coding.equals("*")) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].replace(" ", "");
        refused |= param.matches("(?i)q=0(\\.0{0,3})?");
      }
      return !refused;
    }
    return false;
  }

  private Encoded encoded(Object answer) {
    return snapshot.encodedAnswer(answer, o -> encode(jackson.toJsonString(o, o.getClass())));
  }

  private static Encoded encode(String text) {
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    if (json.length < MIN_COMPRESSED_BYTES) {
      return new Encoded(json, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    return new Encoded(json, out.toByteArray());
  }

  @Override
  public String toJsonString(Object obj, Type type) {
    Encoded e = encoded(obj);
    return e != null ? new String(e.json(), StandardCharsets.UTF_8) : jackson.toJsonString(obj, type);
  }

  @Override
  public InputStream toJsonStream(Object obj, Type type) {
    return new ByteArrayInputStream(toJsonString(obj, type).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public <T> T fromJsonString(String json, Type targetType) {
    return jackson.fromJsonString(json, targetType);
  }

  @Override
  public <T> T fromJsonStream(InputStream json, Type targetType) {
    return jackson.fromJsonStream(json, targetType);
  }
}
