package cn.tianjin.makerspace.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data checks, found by table name on the class path: {@code marts/<mart>.checks.sql} beside
 * each mart's SQL (for every name in {@link Marts#ALL}; a mart may have none yet), and
 * {@code checks/<table>.checks.sql} for the other tables in {@link #TABLES}.
 *
 * <p>A checks file holds several checks, each introduced by a {@code -- check: <table>.<rule>}
 * line, then one or more {@code --} lines stating the rule in one sentence, then one DuckDB SQL
 * query (an optional {@code ;} at its end) that returns the rows breaking the rule. Comment and
 * blank lines before the first check are the file's header. A malformed file is refused with its
 * path and line.
 */
public final class DataChecks {
  /** Tables that are not SQL marts but have checks, in {@code checks/<table>.checks.sql}. */
  public static final List<String> TABLES =
      List.of(
          "districts", "maker_spaces", "commissioners", "service_categories", "quarterly_reports", "quarantine",
          "ingest_runs", Marts.AWARD_RULES);

  private static final String HEADER = "-- check:";
  private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9_]*");

  private DataChecks() {}

  /** Every check, curated tables first, then the marts in the order they are computed. */
  public static List<DataCheck> all() {
    List<DataCheck> checks = new ArrayList<>();
    for (String table : TABLES) {
      String path = "checks/" + table + ".checks.sql";
      checks.addAll(parse(path, table, read(path).orElseThrow(() -> new IllegalStateException("checks file missing on the class path: " + path))));
    }
    for (String mart : Marts.ALL) {
      String path = "marts/" + mart + ".checks.sql";
      read(path).ifPresent(text -> checks.addAll(parse(path, mart, text)));
    }
    return checks;
  }

  /** The checks of the tables a snapshot has (a snapshot not yet transformed has no marts). */
  public static List<DataCheck> forTables(Collection<String> tables) {
    return all().stream().filter(c -> tables.contains(c.table())).toList();
  }

  /**
   * Parses one checks file.
   *
   * @param path the resource path, for messages
   * @param table the table the file is about: every check's name starts with it
   * @throws IllegalStateException naming the path and line of the first mistake
   */
  public static List<DataCheck> parse(String path, String table, String text) {
    List<DataCheck> checks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    Pending pending = null;
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.startsWith(HEADER)) {
        if (pending != null) {
          checks.add(pending.finish(path, table));
        }
        String name = line.substring(HEADER.length()).strip();
        String where = path + " line " + lineNumber;
        if (!name.startsWith(table + ".") || !RULE.matcher(name.substring(table.length() + 1)).matches()) {
          throw new IllegalStateException(where + ": check name '" + name + "' must be '" + table
              + ".<rule>' (the file's table, then lower-case letters, digits and _)");
        }
        if (!names.add(name)) {
          throw new IllegalStateException(where + ": check '" + name + "' is defined twice");
        }
        pending = new Pending(name, lineNumber);
      } else if (pending == null) {
        if (!line.isEmpty() && !line.startsWith("--")) {
          throw new IllegalStateException(path + " line " + lineNumber + ": SQL before the first '" + HEADER + " <name>' line");
        }
      } else if (line.startsWith("--") && pending.sql.isEmpty()) {
        pending.description.append(pending.description.isEmpty() ? "" : " ").append(line.substring(2).strip());
      } else if (!line.isEmpty() || !pending.sql.isEmpty()) {
        pending.sql.append(lines[i]).append('\n');
        if (pending.semicolonLine == 0 && line.contains(";")) {
          pending.semicolonLine = lineNumber;
        }
      }
    }
    if (pending != null) {
      checks.add(pending.finish(path, table));
    }
    if (checks.isEmpty()) {
      throw new IllegalStateException(path + " line 1: no '" + HEADER + " <name>' line: the file holds no check");
    }
    return List.copyOf(checks);
  }

  /** A check being read: its name line, description and SQL so far. */
  private static final class Pending {
    final String name;
    final int line;
    final StringBuilder description = new StringBuilder();
    final StringBuilder sql = new StringBuilder();
    int semicolonLine; // the first line with a ';'

    Pending(String name, int line) {
      this.name = name;
      this.line = line;
    }

    DataCheck finish(String path, String table) {
      String where = path + " line " + line;
      if (description.isEmpty()) {
        throw new IllegalStateException(where + ": check '" + name + "' has no description (a '-- ' line stating the rule, right after its name)");
      }
      String query = sql.toString().strip();
      if (query.endsWith(";")) {
        query = query.substring(0, query.length() - 1).strip();
      }
      if (query.isEmpty()) {
        throw new IllegalStateException(where + ": check '" + name + "' has no query");
      }
      if (query.contains(";")) {
        throw new IllegalStateException(path + " line " + semicolonLine + ": check '" + name
            + "' has more than one statement (a ';' before its end); one query per check");
      }
      return new DataCheck(name, table, description.toString(), query, where);
    }
  }

  private static Optional<String> read(String path) {
    try (InputStream in = DataChecks.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
