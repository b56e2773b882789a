package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.UserError;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the SQL console keeps under {@code <warehouse>/dashboard/}: the audit log
 * ({@code audit.log}, one JSON object a line, appended), each user's last
 * {@value #HISTORY_KEPT} queries ({@code console-history/<user>.json}) and the analysts' shared
 * saved queries ({@code saved-queries.json}); the JSON files are rewritten atomically.
 */
public final class ConsoleStore {
  static final int HISTORY_KEPT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** One line of {@code audit.log}. {@code status}: ok, error, refused, timeout, cancelled. */
  public record AuditEntry(String at, String user, String action, String queryId, String sql, String status,
      long rows, boolean truncated, long milliseconds, String error) {}

  /** One entry of a user's history, newest first. */
  public record HistoryEntry(String queryId, String at, String action, String sql, String status, long rows, long milliseconds) {}

  /** A query saved for every analyst. */
  public record SavedQuery(String id, String name, String sql, String author, String savedAt) {}

  private final Path dir;

  public ConsoleStore(Path warehouse) {
    this.dir = warehouse.resolve("dashboard");
  }

  public Path auditLog() {
    return dir.resolve("audit.log");
  }

  static String now() {
    return OffsetDateTime.now(SHANGHAI).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** Appends one audit line and, for queries and exports, the user's history entry. */
  public synchronized void record(AuditEntry e) {
    try {
      Files.createDirectories(dir);
      Files.writeString(auditLog(), JSON.writeValueAsString(e) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      if (e.action().equals("query") || e.action().equals("export")) {
        List<HistoryEntry> h = new ArrayList<>(history(e.user()));
        h.add(0, new HistoryEntry(e.queryId(), e.at(), e.action(), e.sql(), e.status(), e.rows(), e.milliseconds()));
        write(historyFile(e.user()), h.subList(0, Math.min(HISTORY_KEPT, h.size())));
      }
    } catch (IOException x) {
      throw new UncheckedIOException("cannot write the console's audit log in " + dir, x);
    }
  }

  /** The user's last {@value #HISTORY_KEPT} queries and exports, newest first. */
  public synchronized List<HistoryEntry> history(String user) {
    return read(historyFile(user), new TypeReference<List<HistoryEntry>>() {});
  }

  public synchronized List<SavedQuery> saved() {
    return read(dir.resolve("saved-queries.json"), new TypeReference<List<SavedQuery>>() {});
  }

  public synchronized SavedQuery save(String author, String name, String sql) {
    SavedQuery q = new SavedQuery(UUID.randomUUID().toString(), name, sql, author, now());
    List<SavedQuery> all = new ArrayList<>(saved());
    all.add(q);
    write(dir.resolve("saved-queries.json"), all);
    return q;
  }

  /** Removes a saved query; false when there is none with this id. */
  public synchronized boolean delete(String id) {
    List<SavedQuery> all = new ArrayList<>(saved());
    boolean removed = all.removeIf(q -> q.id().equals(id));
    if (removed) {
      write(dir.resolve("saved-queries.json"), all);
    }
    return removed;
  }

  /** User names are [A-Za-z0-9_.@-]{2,64} (see {@link UserStore}), so "<name>.json" is a plain file name. */
  private Path historyFile(String user) {
    if (!user.matches("[A-Za-z0-9_.@-]{1,64}")) {
      throw new UserError("unexpected user name");
    }
    return dir.resolve("console-history").resolve(user + ".json");
  }

  private static <T> List<T> read(Path file, TypeReference<List<T>> type) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A map view of an audit entry (for tests and tools that read the log back). */
  public static Map<String, Object> parse(String line) {
    try {
      return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
