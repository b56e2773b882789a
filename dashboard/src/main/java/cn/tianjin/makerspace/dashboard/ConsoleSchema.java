package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the SQL console shows beside the editor: every table of the live snapshot with its
 * columns, their types and one-line descriptions ({@code dashboard-sql/console/descriptions.properties}).
 */
public final class ConsoleSchema {
  public record Column(String name, String type, String description) {}

  public record Table(String name, String description, List<Column> columns) {}

  private static final Map<String, String> DESCRIPTIONS = descriptions();

  private final LiveSnapshot live;

  public ConsoleSchema(LiveSnapshot live) {
    this.live = live;
  }

  /** Every table of the snapshot with its columns, their types and one-line descriptions. */
  public List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    for (List<Object> r : live.get().select(SqlResources.load("dashboard-sql/console/schema.sql")).rows()) {
      String table = (String) r.get(0);
      String column = (String) r.get(1);
      columns.computeIfAbsent(table, t -> new ArrayList<>())
          .add(new Column(column, (String) r.get(2), DESCRIPTIONS.getOrDefault(table + "." + column, "")));
    }
    columns.forEach((t, cols) -> tables.add(new Table(t, DESCRIPTIONS.getOrDefault(t, ""), cols)));
    return tables;
  }

  /** The one-line descriptions: {@code <table>} and {@code <table>.<column>} keys. */
  public static Map<String, String> descriptions() {
    try (InputStream in = ConsoleSchema.class.getClassLoader().getResourceAsStream("dashboard-sql/console/descriptions.properties")) {
      if (in == null) {
        throw new IllegalStateException("dashboard-sql/console/descriptions.properties is missing");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> m = new LinkedHashMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
