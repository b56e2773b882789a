package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** SQL kept in {@code .sql} resource files, loaded by path; a missing file is named. */
public final class SqlResources {
  private SqlResources() {}

  public static String load(String path) {
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
