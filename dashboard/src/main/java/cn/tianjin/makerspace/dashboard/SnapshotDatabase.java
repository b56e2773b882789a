package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.DuckDbTables;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB that sees one published snapshot: every table as a view of the same name
 * over that snapshot's Parquet segments, and nothing else. After the views are made, file access
 * is confined to the snapshot's own segment folders, external access is off and the
 * configuration is locked, so a query can read the snapshot and nothing more.
 *
 * <p>Thread-safe: each query runs on its own connection to the one database.
 */
public final class SnapshotDatabase implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Resource limits of the database: memory (DuckDB's syntax, e.g. {@code 2GB}) and threads;
   * null for DuckDB's defaults. A database with a memory limit also has no temporary directory:
   * a query that needs more memory fails instead of spilling to disk, so nothing is ever written
   * (and DuckDB does not add a spill folder to the directories a query may read).
   */
  public record Limits(String memory, Integer threads) {
    public static final Limits NONE = new Limits(null, null);
  }

  /**
   * How the snapshot's tables are held: as views over the Parquet files (read by each query; the
   * SQL console and the command line), or copied into DuckDB's memory when the snapshot is
   * opened (the pages: their many small queries then read no files).
   */
  public enum Tables { PARQUET_VIEWS, IN_MEMORY }

  /** Answers kept per snapshot (see {@link #cached}); when full, it starts over. */
  static final int CACHED_ANSWERS = 5_000;

  private final Snapshot snapshot;
  private final Connection connection;
  private final Map<List<Object>, Object> answers = new java.util.concurrent.ConcurrentHashMap<>();
  /** The answers themselves, by identity (an answer is only ever the same object). */
  private final java.util.Set<Object> answerValues = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Map<Object, Object> encodedAnswers = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private SnapshotDatabase(Snapshot snapshot, Connection connection) {
    this.snapshot = snapshot;
    this.connection = connection;
  }

  /** Opens the warehouse's current snapshot. */
  public static SnapshotDatabase open(SnapshotStore store) {
    return open(store, store.requireCurrent(), Limits.NONE);
  }

  /** Opens one snapshot with resource limits, its tables as views over the Parquet files. */
  public static SnapshotDatabase open(SnapshotStore store, Snapshot snapshot, Limits limits) {
    return open(store, snapshot, limits, Tables.PARQUET_VIEWS);
  }

  /** Opens one snapshot with resource limits, its tables held as {@code tables} says. */
  public static SnapshotDatabase open(SnapshotStore store, Snapshot snapshot, Limits limits, Tables tables) {
    try {
      Connection c = DuckDbTables.open();
      try (Statement s = c.createStatement()) {
        if (limits.memory() != null) {
          s.execute("SET memory_limit = " + DuckDbTables.quoteLiteral(limits.memory()));
          s.execute("SET temp_directory = ''");
        }
        if (limits.threads() != null) {
          s.execute("SET threads = " + limits.threads());
        }
        List<Path> folders = DuckDbTables.create(s, store, snapshot.tables(),
            tables == Tables.IN_MEMORY ? DuckDbTables.Kind.IN_MEMORY : DuckDbTables.Kind.VIEWS);
        s.execute("SET allowed_directories = [" + String.join(", ", folders.stream().map(f -> DuckDbTables.quoteLiteral(f + "/")).toList()) + "]");
        s.execute("SET enable_external_access = false");
        s.execute("SET lock_configuration = true");
      }
      return new SnapshotDatabase(snapshot, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open snapshot " + snapshot.id() + " in DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * The answer of {@code compute} for {@code key} (a name and the arguments), computed once per
   * snapshot: a snapshot never changes, so neither does an answer computed from it, and the
   * pages ask the same questions again and again. The answers go with this database when the
   * next snapshot is opened. Callers must not modify an answer.
   */
  @SuppressWarnings("unchecked")
  public <T> T cached(List<Object> key, java.util.function.Supplier<T> compute) {
    Object answer = answers.get(key);
    if (answer == null) {
      answer = compute.get();
      synchronized (answerValues) {
        if (answers.size() >= CACHED_ANSWERS) {
          answers.clear();
          answerValues.clear();
          encodedAnswers.clear();
        }
        answers.put(key, answer);
        answerValues.add(answer);
      }
    }
    return (T) answer;
  }

  /**
   * An answer from {@link #cached} in the form {@code encode} makes of it (the web layer: its JSON
   * bytes, plain and compressed), made once: an answer never changes, and some are large (a
   * district's heat map is hundreds of KB). Null for any other object: its encoding is the
   * caller's. One encoding per database: every caller must pass the same {@code encode}.
   */
  @SuppressWarnings("unchecked")
  public <E> E encodedAnswer(Object value, java.util.function.Function<Object, E> encode) {
    synchronized (answerValues) {
      if (!answerValues.contains(value)) {
        return null;
      }
    }
    return (E) encodedAnswers.computeIfAbsent(value, encode);
  }

  /** A new connection to this database (close it after use): one per concurrent query. */
  public Connection connect() {
    try {
      return ((DuckDBConnection) connection).duplicate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to snapshot " + snapshot.id() + ": " + e.getMessage(), e);
    }
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  static final Message NO_AS_OF = new Message("the live snapshot has no as-of date: run the transform first", "当前快照没有数据截至日期：请先运行指标计算（transform）");

  /** The as-of date the snapshot's marts were computed for (the transform records it); refused before the first transform. */
  public LocalDate asOf() {
    return snapshot.asOf().orElseThrow(() -> new BilingualError(NO_AS_OF));
  }

  static final Message QUERY_FAILED = new Message("query failed: %s", "查询失败。DuckDB 的说明：%s");
  static final Message CANNOT_CHECK = new Message("cannot check the query: %s", "无法检查查询。DuckDB 的说明：%s");
  static final Message EMPTY_QUERY = new Message("the query is empty", "查询是空的");

  /**
   * Runs one read-only query. Anything but a single SELECT (or WITH … SELECT, VALUES, …) is
   * refused before it runs, with DuckDB's own parser as the judge.
   */
  public QueryResult query(String sql, int maxRows) {
    requireSingleQuery(sql);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setMaxRows(maxRows + 1);
      try (ResultSet rs = s.executeQuery(sql)) {
        return read(rs, maxRows);
      }
    } catch (SQLException e) {
      throw new BilingualError(QUERY_FAILED.formatted(firstLine(e.getMessage())));
    }
  }

  /** A query of the application's own, with {@code ?} parameters bound in order. */
  public QueryResult select(String sql, Object... params) {
    try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
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

  /** A result's column names and their DuckDB types. */
  public record Columns(List<String> names, List<String> types) {}

  public static Columns columns(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      names.add(md.getColumnLabel(i));
      types.add(md.getColumnTypeName(i));
    }
    return new Columns(names, types);
  }

  /** Reads at most {@code maxRows} rows of a result; {@code truncated} tells whether more followed. */
  public static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
    return read(rs, maxRows, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #read(ResultSet, int)}, each value passed through {@code cell} as it is read (one pass). */
  public static QueryResult read(ResultSet rs, int maxRows, java.util.function.UnaryOperator<Object> cell) throws SQLException {
    Columns header = columns(rs);
    List<String> columns = header.names();
    List<String> types = header.types();
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(cell.apply(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, types, rows, truncated);
  }

  /**
   * Refuses anything but one read-only query (SELECT, WITH … SELECT, VALUES, DESCRIBE, …) before
   * it runs, with DuckDB's own parser as the judge: {@code json_serialize_sql} serializes SELECT
   * statements only and reports an error for every other kind. A SELECT can still hide a
   * data-modifying CTE ({@code WITH d AS (DELETE … RETURNING *) SELECT …}), so every query node
   * of the parsed tree must be a plain query node as well.
   */
  public void requireSingleQuery(String sql) {
    try (Connection c = connect()) {
      requireSingleQuery(c, sql);
    } catch (SQLException e) {
      throw new BilingualError(CANNOT_CHECK.formatted(firstLine(e.getMessage())));
    }
  }

  /** As {@link #requireSingleQuery(String)}, on a connection of this database that the caller goes on to use. */
  public static void requireSingleQuery(Connection c, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new BilingualError(EMPTY_QUERY);
    }
    try (PreparedStatement p = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      p.setString(1, sql);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        requireSingleQuery(sql, JSON.readTree(rs.getString(1)));
      }
    } catch (SQLException | java.io.IOException e) {
      throw new BilingualError(CANNOT_CHECK.formatted(firstLine(e.getMessage())));
    }
  }

  private static void requireSingleQuery(String sql, JsonNode parsed) {
    if (parsed.path("error").asBoolean(false)) {
      String type = parsed.path("error_type").asText();
      if (type.equals("parser")) {
        throw SqlSyntaxError.of(sql, parsed.path("error_message").asText(), parsed.path("position").asInt(-1), location(parsed));
      }
      boolean pivot = PIVOT.matcher(sql).find();
      throw new BilingualError(new Message(
          "only a single read-only query (SELECT, WITH … SELECT) may run here"
              + (pivot ? " (a PIVOT needs an explicit list: PIVOT … ON channel IN ('ONSITE', 'WEB') …)" : ""),
          "这里只能运行一条只读查询（SELECT、WITH … SELECT）"
              + (pivot ? "（PIVOT 须写明取值列表：PIVOT … ON channel IN ('ONSITE', 'WEB') …）" : "")));
    }
    if (parsed.path("statements").isEmpty()) {
      throw new BilingualError(new Message("the query is empty (only comments?)", "查询是空的（只有注释？）"));
    }
    if (parsed.path("statements").size() != 1) {
      throw new BilingualError(new Message("one statement at a time, please (found %d)", "一次只能运行一条语句（这里有 %d 条）")
          .formatted(parsed.path("statements").size()));
    }
    requireQueryNodes(parsed.path("statements"));
  }

  /** The length in bytes of the text a parser error points at ({@code location} "[offset,length]"), 0 if not said. */
  private static int location(JsonNode parsed) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\\d+,(\\d+)]").matcher(parsed.path("location").asText(""));
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static final java.util.regex.Pattern PIVOT = java.util.regex.Pattern.compile("(?i)\\b(un)?pivot\\b");

  /** Query node types of a read-only query; any other (INSERT/UPDATE/DELETE_QUERY_NODE, …) is refused. */
  private static final java.util.Set<String> QUERY_NODES =
      java.util.Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");

  /**
   * Functions and catalog tables that show the server's configuration or its file paths (the
   * allowed directories, the views' definitions over absolute Parquet paths), not the warehouse's
   * data: refused wherever they appear in a query.
   */
  private static final java.util.Set<String> SERVER_INTERNALS = java.util.Set.of(
      "duckdb_settings", "current_setting", "duckdb_views", "duckdb_extensions", "duckdb_secrets", "which_secret",
      "duckdb_temporary_files", "duckdb_databases", "duckdb_external_file_cache", "sqlite_master", "sqlite_schema",
      "sqlite_temp_master", "sqlite_temp_schema", "pg_views", "views");

  private static void requireQueryNodes(JsonNode node) {
    if (node.isObject()) {
      String type = node.path("type").asText("");
      if (type.endsWith("_NODE") && !QUERY_NODES.contains(type)) {
        throw new BilingualError(new Message("only a read-only query may run here: %s inside a query is refused",
            "这里只能运行只读查询：查询中不能有 %s").formatted(type.replace("_QUERY_NODE", "").replace("_NODE", "")));
      }
      String function = node.path("function_name").asText("").toLowerCase(java.util.Locale.ROOT);
      String table = type.equals("BASE_TABLE") ? node.path("table_name").asText("").toLowerCase(java.util.Locale.ROOT) : "";
      boolean catalogViews = table.equals("views") && node.path("schema_name").asText("").equalsIgnoreCase("information_schema");
      if (SERVER_INTERNALS.contains(function) || (!table.equals("views") && SERVER_INTERNALS.contains(table)) || catalogViews) {
        String name = catalogViews ? "information_schema.views" : function.isEmpty() ? table : function;
        throw new BilingualError(new Message("the console shows the warehouse's tables, not the server's configuration or file paths: %s is refused",
            "控制台只显示数据仓库的表，不显示服务器的配置或文件路径：不能使用 %s").formatted(name));
      }
    }
    if (node.isContainerNode()) {
      node.forEach(SnapshotDatabase::requireQueryNodes);
    }
  }

  public static String firstLine(String s) {
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
