package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.ingestion.LandingZone.LandingFile;
import cn.tianjin.makerspace.ingestion.LandingZone.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed in the landing zone since the last ingest, and so which parts of the warehouse
 * must be rebuilt. A file is unchanged when its size and modification time match the manifest
 * (its recorded SHA-256 stands), or when its SHA-256 does.
 *
 * <p>Rules: a reference change rebuilds everything (reports and events are checked against the
 * reference); a report change rebuilds the reports; request logs are appended when every new
 * file sorts after the files already ingested (the usual case: a new day's folder) and rebuilt
 * otherwise, so that "first occurrence in (folder, file, line) order wins" holds exactly.
 */
public final class ChangePlan {
  /** A landing file's state as the manifest ({@code ingest_runs}) last recorded it. */
  public record FileState(String path, String source, long size, long modifiedMillis, String sha256) {}

  /** How a file differs from the manifest. */
  public enum Action {
    NEW,
    CHANGED,
    UNCHANGED,
    REMOVED
  }

  /** The request-log part's plan. */
  public enum EventsMode {
    NONE,
    APPEND,
    REBUILD
  }

  /** A file with its action and checksum. */
  public record Entry(LandingFile file, Action action, String sha256) {}

  public final Map<String, Entry> entries = new LinkedHashMap<>();
  public final List<FileState> removed = new ArrayList<>();
  public final boolean referenceChanged;
  public final boolean reportsChanged;
  public final boolean unrecognizedChanged;
  public final EventsMode eventsMode;

  public ChangePlan(LandingZone landing, List<LandingFile> files, Map<String, FileState> previous) {
    Map<String, FileState> gone = new LinkedHashMap<>(previous);
    for (LandingFile f : files) {
      FileState p = gone.remove(f.path());
      Entry e;
      if (p != null && p.size() == f.size() && p.modifiedMillis() == f.modifiedMillis()) {
        e = new Entry(f, Action.UNCHANGED, p.sha256());
      } else {
        String sha = landing.sha256(f);
        Action a = p == null ? Action.NEW : sha.equals(p.sha256()) ? Action.UNCHANGED : Action.CHANGED;
        e = new Entry(f, a, sha);
      }
      entries.put(f.path(), e);
    }
    removed.addAll(gone.values());
    boolean first = previous.isEmpty();
    referenceChanged = first || changed(Source.REFERENCE);
    reportsChanged = referenceChanged || changed(Source.QUARTERLY_REPORTS);
    unrecognizedChanged = changed(Source.UNRECOGNIZED);
    eventsMode = eventsMode(previous);
  }

  private boolean changed(Source source) {
    return entries.values().stream()
            .anyMatch(e -> e.file().source() == source && e.action() != Action.UNCHANGED)
        || removed.stream().anyMatch(r -> r.source().equals(source.label));
  }

  private EventsMode eventsMode(Map<String, FileState> previous) {
    if (referenceChanged) {
      return EventsMode.REBUILD;
    }
    String lastIngested =
        previous.values().stream()
            .filter(s -> s.source().equals(Source.REQUEST_LOGS.label))
            .map(FileState::path)
            .max(String::compareTo)
            .orElse("");
    boolean anyNew = false;
    for (Entry e : entries.values()) {
      if (e.file().source() != Source.REQUEST_LOGS) {
        continue;
      }
      if (e.action() == Action.CHANGED) {
        return EventsMode.REBUILD;
      }
      if (e.action() == Action.NEW) {
        if (e.file().path().compareTo(lastIngested) < 0) {
          return EventsMode.REBUILD;
        }
        anyNew = true;
      }
    }
    if (removed.stream().anyMatch(r -> r.source().equals(Source.REQUEST_LOGS.label))) {
      return EventsMode.REBUILD;
    }
    return anyNew ? EventsMode.APPEND : EventsMode.NONE;
  }

  public boolean nothingChanged() {
    return !referenceChanged
        && !reportsChanged
        && !unrecognizedChanged
        && eventsMode == EventsMode.NONE;
  }

  public List<Entry> of(Source source) {
    return entries.values().stream().filter(e -> e.file().source() == source).toList();
  }

  public long count(Action action) {
    return entries.values().stream().filter(e -> e.action() == action).count();
  }
}
