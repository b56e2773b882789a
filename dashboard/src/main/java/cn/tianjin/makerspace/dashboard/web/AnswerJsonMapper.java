package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Javalin's Jackson mapper, except that an answer from the live snapshot's cache
 * ({@link LiveSnapshot#cached}) is encoded once: the pages ask for the same answers again and
 * again, and encoding a large one (a district's heat map) cost more than everything else a
 * repeated request does.
 */
final class AnswerJsonMapper implements JsonMapper {
  private final JavalinJackson jackson = new JavalinJackson(null, false);
  private final LiveSnapshot snapshot;

  AnswerJsonMapper(LiveSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public String toJsonString(Object obj, Type type) {
    String encoded = snapshot.encodedAnswer(obj, o -> jackson.toJsonString(o, type));
    return encoded != null ? encoded : jackson.toJsonString(obj, type);
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
