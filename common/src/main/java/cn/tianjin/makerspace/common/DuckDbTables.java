package cn.tianjin.makerspace.common;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's tables in an embedded DuckDB: one view (or in-memory table) per table, of the same
 * name, over the Parquet files of its segments. The one way the product's DuckDB readers (the
 * dashboard, the SQL console, the data checks) see a warehouse.
 */
public final class DuckDbTables {
  /** How the tables are held: views that read the Parquet files on every query, or copies in memory. */
  public enum Kind { VIEWS, IN_MEMORY }

  private DuckDbTables() {}

  /**
   * A new in-memory DuckDB with the product's session settings: no extension is installed or
   * loaded behind our back, and times are read in the programme's zone.
   */
  public static Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET autoinstall_known_extensions = false");
      s.execute("SET autoload_known_extensions = false");
      s.execute("SET TimeZone = '" + ProgrammeClock.ZONE.getId() + "'");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Makes every table of {@code tables} (name to segments) in {@code s}'s database.
   *
   * @return the segment folders read, for confining file access to them
   */
  public static List<Path> create(Statement s, SnapshotStore store, Map<String, List<Snapshot.Segment>> tables, Kind kind)
      throws SQLException {
    String create = kind == Kind.IN_MEMORY ? "CREATE TABLE " : "CREATE VIEW ";
    List<Path> folders = new ArrayList<>();
    for (Map.Entry<String, List<Snapshot.Segment>> t : tables.entrySet()) {
      List<String> files = new ArrayList<>();
      for (Snapshot.Segment segment : t.getValue()) {
        folders.add(store.localFolder(segment));
        store.localFiles(segment).forEach(f -> files.add(quoteLiteral(f.toString())));
      }
      s.execute(create + quoteIdent(t.getKey()) + " AS SELECT * FROM read_parquet([" + String.join(", ", files) + "])");
    }
    return folders;
  }

  /** {@code name} as a DuckDB identifier. */
  public static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code s} as a DuckDB string literal. */
  public static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
