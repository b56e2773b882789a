package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL kept in {@code .sql} resource files, loaded by path (read once, then kept: the dashboard
 * asks for the same files on every request); a missing file is named.
 */
public final class SqlResources {
  private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

  private SqlResources() {}

  public static String load(String path) {
    return LOADED.computeIfAbsent(path, SqlResources::read);
  }

  private static String read(String path) {
    try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource not found on the class path: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL resource " + path, e);
    }
  }
}
