package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.ProgrammeClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of one query, and the three ways the command line prints them. */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** A value as text: instants in Asia/Shanghai time, arrays as [a, b], null as empty. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof OffsetDateTime t) {
      return INSTANT.format(t.atZoneSameInstant(ProgrammeClock.ZONE));
    }
    if (v instanceof java.sql.Array a) {
      try {
        Object[] items = (Object[]) a.getArray();
        List<String> parts = new ArrayList<>();
        for (Object o : items) {
          parts.add(text(o));
        }
        return "[" + String.join(", ", parts) + "]";
      } catch (java.sql.SQLException e) {
        return v.toString();
      }
    }
    return v.toString();
  }

  /** The rows as CSV, the header first: RFC 4180 quoting, formula text neutralised ({@link SpreadsheetCells}). */
  public void printCsv(PrintStream out) {
    out.println(SpreadsheetCells.csvRecord(columns.stream().map(SpreadsheetCells::csvText).toList()));
    for (List<Object> row : rows) {
      out.println(SpreadsheetCells.csvRecord(row.stream().map(SpreadsheetCells::csvValue).toList()));
    }
  }

  /** The rows as column-name → JSON-ready value maps (instants as Shanghai-time text, arrays as lists). */
  public List<Map<String, Object>> records() {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), jsonValue(row.get(i)));
      }
      out.add(m);
    }
    return out;
  }

  /** Rows with their column names once instead of in every row: {@code {"columns": [...], "rows": [[...], ...]}}. */
  public record Table(List<String> columns, List<List<Object>> rows) {}

  /**
   * The rows as one JSON-ready {@link Table}: a large answer, like a district's heat map, shrinks
   * to about a third of its {@link #records} form.
   */
  public Table table() {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> r = new ArrayList<>(row.size());
      for (Object v : row) {
        r.add(jsonValue(v));
      }
      out.add(r);
    }
    return new Table(columns, out);
  }

  public void printJson(PrintStream out) {
    ObjectMapper json = new ObjectMapper();
    try {
      for (List<Object> row : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          Object v = row.get(i);
          m.put(columns.get(i), jsonValue(v));
        }
        out.println(json.writeValueAsString(m));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A value as JSON: numbers and booleans as they are, arrays as lists, the rest as {@link #text}. */
  public static Object jsonValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof java.sql.Array a) {
      try {
        List<Object> items = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
          items.add(jsonValue(o));
        }
        return items;
      } catch (java.sql.SQLException e) {
        return v.toString();
      }
    }
    return text(v);
  }

  public void printTable(PrintStream out) {
    int[] width = new int[columns.size()];
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      width[i] = displayWidth(columns.get(i));
    }
    for (List<Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        String s = text(row.get(i));
        line.add(s);
        width[i] = Math.min(60, Math.max(width[i], displayWidth(s)));
      }
      cells.add(line);
    }
    printRow(out, columns, width);
    StringBuilder rule = new StringBuilder();
    for (int w : width) {
      rule.append("-".repeat(w)).append("  ");
    }
    out.println(rule.toString().stripTrailing());
    for (List<String> line : cells) {
      printRow(out, line, width);
    }
    out.printf("(%d row%s%s)%n", rows.size(), rows.size() == 1 ? "" : "s", truncated ? ", more not shown" : "");
  }

  private static void printRow(PrintStream out, List<String> values, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      int w = displayWidth(v);
      if (w > width[i]) {
        v = v.substring(0, Math.max(0, width[i] - 1)) + "…";
        w = displayWidth(v);
      }
      sb.append(v).append(" ".repeat(Math.max(0, width[i] - w))).append("  ");
    }
    out.println(sb.toString().stripTrailing());
  }

  /** Terminal columns: CJK characters take two. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
    }
    return w;
  }

}
