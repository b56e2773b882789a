package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedded DuckDB that sees one published snapshot: every table as a view of the same name
 * over that snapshot's Parquet segments, and nothing else. After the views are made, file access
 * is confined to the warehouse's {@code data/} folder, external access is off and the
 * configuration is locked, so a query can read the snapshot and nothing more.
 */
public final class SnapshotDatabase implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Snapshot snapshot;
  private final Connection connection;

  private SnapshotDatabase(Snapshot snapshot, Connection connection) {
    this.snapshot = snapshot;
    this.connection = connection;
  }

  /** Opens the warehouse's current snapshot. */
  public static SnapshotDatabase open(SnapshotStore store) {
    Snapshot snapshot = store.requireCurrent();
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
        s.execute("SET TimeZone = 'Asia/Shanghai'");
        for (Map.Entry<String, List<Snapshot.Segment>> t : snapshot.tables().entrySet()) {
          s.execute("CREATE VIEW " + quoteIdent(t.getKey()) + " AS SELECT * FROM read_parquet(" + fileList(store, t.getValue()) + ")");
        }
        String data = store.resolve("data").toString() + "/";
        s.execute("SET allowed_directories = [" + quoteLiteral(data) + "]");
        s.execute("SET enable_external_access = false");
        s.execute("SET lock_configuration = true");
      }
      return new SnapshotDatabase(snapshot, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open snapshot " + snapshot.id() + " in DuckDB: " + e.getMessage(), e);
    }
  }

  private static String fileList(SnapshotStore store, List<Snapshot.Segment> segments) {
    List<String> files = new ArrayList<>();
    for (Snapshot.Segment seg : segments) {
      for (Path f : SnapshotStore.parquetFiles(store.resolve(seg.path()))) {
        files.add(quoteLiteral(f.toString()));
      }
    }
    return "[" + String.join(", ", files) + "]";
  }

  static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Runs one read-only query. Anything but a single SELECT (or WITH … SELECT, VALUES, …) is
   * refused before it runs, with DuckDB's own parser as the judge.
   */
  public QueryResult query(String sql, int maxRows) {
    requireSingleQuery(sql);
    try (Statement s = connection.createStatement()) {
      s.setMaxRows(maxRows + 1);
      try (ResultSet rs = s.executeQuery(sql)) {
        return read(rs, maxRows);
      }
    } catch (SQLException e) {
      throw new UserError("query failed: " + firstLine(e.getMessage()));
    }
  }

  /** A query of the application's own, with {@code ?} parameters bound in order. */
  public QueryResult select(String sql, Object... params) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        return read(rs, Integer.MAX_VALUE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + firstLine(e.getMessage()) + "\n" + sql, e);
    }
  }

  private static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(md.getColumnLabel(i));
      types.add(md.getColumnTypeName(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(rs.getObject(i));
      }
      rows.add(row);
    }
    return new QueryResult(columns, types, rows, truncated);
  }

  void requireSingleQuery(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new UserError("the query is empty");
    }
    try (PreparedStatement p = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      p.setString(1, sql);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        JsonNode parsed = JSON.readTree(rs.getString(1));
        if (parsed.path("error").asBoolean(false)) {
          String type = parsed.path("error_type").asText();
          throw new UserError(
              type.equals("parser")
                  ? "syntax error: " + parsed.path("error_message").asText()
                  : "only a single read-only query (SELECT, WITH … SELECT) may run here");
        }
        if (parsed.path("statements").size() != 1) {
          throw new UserError("one statement at a time, please (found " + parsed.path("statements").size() + ")");
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new UserError("cannot check the query: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing an in-memory database
    }
  }
}
