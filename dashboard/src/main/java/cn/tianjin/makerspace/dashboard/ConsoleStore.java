package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.ProgrammeClock;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the SQL console keeps under {@code <warehouse>/dashboard/}: the audit log
 * ({@code audit.log}, one JSON object a line, appended) and the analysts' shared saved queries
 * ({@code saved-queries.json}, rewritten atomically). A user's history — their last
 * {@value #HISTORY_KEPT} queries and exports — is read from the audit log (once, at its first
 * use) and then kept in memory as entries are appended: one record, not two. Both files are
 * the server's account's only (mode 0600, see {@link PrivateFiles}).
 */
public final class ConsoleStore {
  static final int HISTORY_KEPT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.fasterxml.jackson.databind.ObjectReader AUDIT_LINE =
      JSON.readerFor(AuditEntry.class).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What an audit line records; a query and an export also go to the user's history. */
  public enum Action {
    QUERY("query"), EXPORT("export"), SAVE("save"), DELETE_SAVED("delete-saved");

    private final String id;

    Action(String id) {
      this.id = id;
    }

    /** The word in audit.log and the API. */
    @JsonValue
    public String id() {
      return id;
    }

    public boolean inHistory() {
      return this == QUERY || this == EXPORT;
    }
  }

  /** How a query or an export ended (a save or a delete: ok). */
  public enum Outcome {
    OK, ERROR, REFUSED, TIMEOUT, CANCELLED;

    /** The word in audit.log and the API: the name in lower case. */
    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One line of {@code audit.log}. */
  public record AuditEntry(String at, String user, Action action, String queryId, String sql, Outcome status,
      long rows, boolean truncated, long milliseconds, String error) {}

  /** One entry of a user's history, newest first. */
  public record HistoryEntry(String queryId, String at, Action action, String sql, Outcome status, long rows, long milliseconds) {}

  /** A query saved for every analyst. */
  public record SavedQuery(String id, String name, String sql, String author, String savedAt) {}

  private final Path dir;
  /** Each user's history, newest first; null until the audit log has been read. */
  private Map<String, java.util.ArrayDeque<HistoryEntry>> histories;

  public ConsoleStore(Path warehouse) {
    this.dir = PrivateFiles.folder(warehouse);
  }

  public Path auditLog() {
    return dir.resolve("audit.log");
  }

  static String now() {
    return OffsetDateTime.now(ProgrammeClock.ZONE).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** Appends one audit line (and, for queries and exports, the user's history entry). */
  public synchronized void record(AuditEntry e) {
    try {
      PrivateFiles.append(auditLog(), JSON.writeValueAsString(e) + "\n");
    } catch (IOException x) {
      throw new UncheckedIOException("cannot write the console's audit log in " + dir, x);
    }
    if (histories != null) {
      remember(histories, e);
    }
  }

  /** The user's last {@value #HISTORY_KEPT} queries and exports, newest first. */
  public synchronized List<HistoryEntry> history(String user) {
    if (histories == null) {
      histories = readHistories();
    }
    return List.copyOf(histories.getOrDefault(user, new java.util.ArrayDeque<>()));
  }

  private Map<String, java.util.ArrayDeque<HistoryEntry>> readHistories() {
    Map<String, java.util.ArrayDeque<HistoryEntry>> h = new java.util.HashMap<>();
    if (!Files.exists(auditLog())) {
      return h;
    }
    try (var lines = Files.lines(auditLog(), StandardCharsets.UTF_8)) {
      lines.filter(l -> !l.isBlank()).forEach(l -> {
        try {
          remember(h, AUDIT_LINE.readValue(l));
        } catch (IOException x) {
          throw new UncheckedIOException("cannot read " + auditLog() + ": " + x.getMessage(), x);
        }
      });
    } catch (IOException x) {
      throw new UncheckedIOException("cannot read " + auditLog(), x);
    }
    return h;
  }

  private static void remember(Map<String, java.util.ArrayDeque<HistoryEntry>> histories, AuditEntry e) {
    if (!e.action().inHistory()) {
      return;
    }
    java.util.ArrayDeque<HistoryEntry> h = histories.computeIfAbsent(e.user(), u -> new java.util.ArrayDeque<>());
    h.addFirst(new HistoryEntry(e.queryId(), e.at(), e.action(), e.sql(), e.status(), e.rows(), e.milliseconds()));
    if (h.size() > HISTORY_KEPT) {
      h.removeLast();
    }
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
      PrivateFiles.replace(file, JSON.writeValueAsBytes(value));
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
