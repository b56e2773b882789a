package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.DuckDbTables;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A console query process: the SQL console's DuckDB, run in a process of its own so that the
 * kernel holds it to its share of the console's memory budget (DuckDB's {@code memory_limit}
 * does not govern every allocation: a 2 GB string took 11 GB of the server once) and so that a
 * query is stopped by ending the process, whatever DuckDB is doing. Started by
 * {@link ConsoleProcesses}; reads {@link ConsoleFrames.Request}s on its standard input, one at a
 * time, and answers each on its standard output. It ends when its input closes.
 *
 * <p>The database is the live snapshot read-only ({@link LiveSnapshot}, views over the Parquet
 * segments): file access confined to its segments, external access off, configuration locked,
 * memory and threads capped ({@link SnapshotDatabase#open}).
 *
 * <p>A query is wrapped as {@code SELECT <guarded columns> FROM (<sql>) LIMIT n+1} so DuckDB stops
 * after the rows that can be shown (the JDBC driver ignores {@code setMaxRows}); DuckDB keeps the
 * order of an ordered subquery under a LIMIT. Each column that can hold a value of any size (text,
 * blobs, lists, structs, maps) is guarded: a value larger than the value limit fails the query
 * inside DuckDB. Shown answers are counted against the answer limit as they are read.
 */
public final class ConsoleWorker {
  /** What a value other than text counts for against the answer limit. */
  static final int OTHER_VALUE_BYTES = 16;
  /**
   * The worker's own refusals. They reach the server as English text (an error frame, or DuckDB's
   * error() inside the guarded query), which the server says in the user's language
   * ({@link Message#recognise}, {@link #said}).
   */
  static final Message ANSWER_TOO_LARGE = new Message("the answer is larger than %d MiB; select fewer rows or columns, or export it",
      "结果超过 %d MiB：请少选一些行或列，或导出结果");
  static final Message VALUE_TOO_LARGE = new Message("a value of column %s is larger than %d KiB; select a part of it (e.g. left(text, 1000))",
      "列 %s 中有一个值超过 %d KiB：请只选取其中一部分（例如 left(text, 1000)）");

  /** A text the worker (or its guard inside DuckDB) said, as a bilingual error when it is one of the worker's refusals; else null. */
  static BilingualError said(String text) {
    for (Message m : new Message[] {ANSWER_TOO_LARGE, VALUE_TOO_LARGE}) {
      Message found = m.recognise(text);
      if (found != null) {
        return new BilingualError(found);
      }
    }
    return null;
  }
  /** Guarded forms remembered ({@link #guarded}). */
  private static final int GUARDED_KEPT = 1_000;

  private final LiveSnapshot live;
  private final DataOutputStream out;
  private final Map<String, String> guardedTexts = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > GUARDED_KEPT;
    }
  };

  ConsoleWorker(LiveSnapshot live, DataOutputStream out) {
    this.live = live;
    this.out = out;
  }

  /** {@code <warehouse: a folder or an hdfs:// URI> <memory, DuckDB's syntax> <threads>}; {@code -Dwarehouse.mirror}: the server's mirror. */
  public static void main(String[] args) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)); // stdout carries frames only
    DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
    SnapshotDatabase.Limits limits = new SnapshotDatabase.Limits(args[1], Integer.parseInt(args[2]));
    try (LiveSnapshot live = new LiveSnapshot(SnapshotStore.at(args[0]), limits)) {
      ConsoleWorker worker = new ConsoleWorker(live, out);
      boolean ready;
      try {
        ConsoleFrames.write(out, ConsoleFrames.Type.READY, new ConsoleFrames.Ready(live.get().snapshot().id()));
        ready = true;
      } catch (RuntimeException e) {
        ConsoleFrames.write(out, ConsoleFrames.Type.ERROR, new ConsoleFrames.Failure(false, String.valueOf(e.getMessage())));
        ready = false;
      }
      for (ConsoleFrames.Frame f = ready ? ConsoleFrames.read(in) : null; f != null; f = ConsoleFrames.read(in)) {
        worker.answer(f.as(ConsoleFrames.Request.class));
      }
    }
    System.exit(0); // DuckDB's threads are not daemons
  }

  /** Runs one request and writes its answer: header, rows or CSV, end — or an error. */
  void answer(ConsoleFrames.Request r) throws IOException {
    SnapshotDatabase db;
    try {
      db = live.get();
    } catch (RuntimeException e) {
      ConsoleFrames.write(out, ConsoleFrames.Type.ERROR, new ConsoleFrames.Failure(false, String.valueOf(e.getMessage())));
      return;
    }
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(guarded(db.snapshot().id(), s, r.sql(), r.maxRows(), r.maxValueBytes()))) {
      SnapshotDatabase.Columns header = SnapshotDatabase.columns(rs);
      List<String> columns = header.names();
      ConsoleFrames.write(out, ConsoleFrames.Type.HEADER, new ConsoleFrames.Header(columns, header.types()));
      ConsoleFrames.End end = r.export() ? csv(rs, columns, r) : rows(rs, columns.size(), r);
      ConsoleFrames.write(out, ConsoleFrames.Type.END, end);
    } catch (SQLException e) {
      ConsoleFrames.write(out, ConsoleFrames.Type.ERROR, new ConsoleFrames.Failure(true, SnapshotDatabase.firstLine(e.getMessage())));
    } catch (UserError e) {
      ConsoleFrames.write(out, ConsoleFrames.Type.ERROR, new ConsoleFrames.Failure(false, e.getMessage()));
    }
  }

  /** The rows as JSON batches, under the answer limit. */
  private ConsoleFrames.End rows(ResultSet rs, int n, ConsoleFrames.Request r) throws SQLException, IOException {
    long bytes = 0;
    long count = 0;
    List<List<Object>> batch = new ArrayList<>();
    long batchBytes = 0;
    while (rs.next()) {
      if (count == r.maxRows()) {
        flushRows(batch);
        return new ConsoleFrames.End(count, true);
      }
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        Object v = cell(rs.getObject(i));
        long size = v instanceof String text ? text.length() : OTHER_VALUE_BYTES;
        bytes += size;
        batchBytes += size;
        if (bytes > r.maxResultBytes()) {
          throw new UserError(ANSWER_TOO_LARGE.formatted(r.maxResultBytes() >> 20).en());
        }
        row.add(v);
      }
      batch.add(row);
      count++;
      if (batchBytes >= ConsoleFrames.BATCH_BYTES) {
        flushRows(batch);
        batchBytes = 0;
      }
    }
    flushRows(batch);
    return new ConsoleFrames.End(count, false);
  }

  private void flushRows(List<List<Object>> batch) throws IOException {
    if (!batch.isEmpty()) {
      ConsoleFrames.write(out, ConsoleFrames.Type.ROWS, batch);
      batch.clear();
    }
  }

  /**
   * The rows as CSV: UTF-8 with a BOM (Excel then reads Chinese text right), RFC 4180 quoting, CRLF
   * line ends; text a spreadsheet would take for a formula is neutralised ({@link SpreadsheetCells}).
   */
  private ConsoleFrames.End csv(ResultSet rs, List<String> columns, ConsoleFrames.Request r) throws SQLException, IOException {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(ConsoleFrames.BATCH_BYTES + (1 << 16));
    chunk.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    List<String> line = new ArrayList<>(columns.size());
    for (String c : columns) {
      line.add(SpreadsheetCells.csvText(c));
    }
    csvLine(chunk, line);
    long count = 0;
    boolean truncated = false;
    while (rs.next()) {
      if (count == r.maxRows()) {
        truncated = true;
        break;
      }
      line.clear();
      for (int i = 1; i <= columns.size(); i++) {
        line.add(SpreadsheetCells.csvValue(rs.getObject(i)));
      }
      csvLine(chunk, line);
      count++;
      if (chunk.size() >= ConsoleFrames.BATCH_BYTES) {
        ConsoleFrames.write(out, ConsoleFrames.Type.CSV, chunk.toByteArray());
        chunk.reset();
      }
    }
    if (chunk.size() > 0) {
      ConsoleFrames.write(out, ConsoleFrames.Type.CSV, chunk.toByteArray());
    }
    return new ConsoleFrames.End(count, truncated);
  }

  private static void csvLine(ByteArrayOutputStream out, List<String> fields) {
    out.writeBytes((SpreadsheetCells.csvRecord(fields) + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The query under its row limit, each column of a size-unbounded type guarded by the value limit
   * (see the class comment). The columns' types come from DuckDB's {@code DESCRIBE} of the query,
   * which binds it without planning or running it; the result is remembered for the snapshot, as
   * analysts run the same text again and again.
   */
  private String guarded(String snapshotId, Statement s, String body, int maxRows, int maxValueBytes) throws SQLException {
    String key = snapshotId + "\n" + maxRows + "\n" + maxValueBytes + "\n" + body;
    String known = guardedTexts.get(key);
    if (known != null) {
      return known;
    }
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM (\n" + body + "\n) AS console_query")) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
        types.add(rs.getString("column_type"));
      }
    }
    List<String> columns = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String c = "c" + (i + 1);
      columns.add(c);
      String size = valueSize(c, types.get(i));
      String name = DuckDbTables.quoteIdent(names.get(i));
      select.add(size == null ? c + " AS " + name
          : "CASE WHEN " + size + " > " + maxValueBytes + " THEN error(" + DuckDbTables.quoteLiteral(
              VALUE_TOO_LARGE.formatted(names.get(i), maxValueBytes / 1024).en())
              + ") ELSE " + c + " END AS " + name);
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM (\n" + body + "\n) AS console_query(" + String.join(", ", columns)
        + ") LIMIT " + (maxRows + 1L);
    guardedTexts.put(key, sql);
    return sql;
  }

  private static final Pattern FIXED_SIZE = Pattern.compile(
      "(BOOLEAN|U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|FLOAT|DOUBLE|REAL|DATE|TIME|TIMETZ|TIME WITH TIME ZONE"
          + "|TIMESTAMP.*|INTERVAL|UUID|DECIMAL\\(\\d+,\\s*\\d+\\)|\"NULL\"|NULL)");

  /** The size in bytes of column {@code c}'s value as a DuckDB expression, or null when its type has a fixed size. */
  static String valueSize(String c, String type) {
    if (FIXED_SIZE.matcher(type).matches()) {
      return null;
    }
    return switch (type) {
      case "VARCHAR" -> "strlen(" + c + ")";
      case "BLOB" -> "octet_length(" + c + ")";
      default -> "strlen(CAST(" + c + " AS VARCHAR))"; // lists, structs, maps, unions, JSON, enums, bits: as text
    };
  }

  /** A value as JSON: see {@link QueryResult#jsonValue}; NaN and infinities as text (JSON has none). */
  static Object cell(Object v) {
    if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
      return v.toString();
    }
    if (v instanceof java.sql.Blob b) {
      try {
        return "<blob " + b.length() + " bytes>";
      } catch (SQLException e) {
        return "<blob>";
      }
    }
    return QueryResult.jsonValue(v);
  }
}
