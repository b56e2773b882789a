package cn.tianjin.makerspace.ingestion;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Per-source totals of one ingest run: {@code read == accepted + quarantined + duplicates}.
 *
 * @param note what else the reader should know (superseded submissions, orphans), or empty
 */
public record SourceSummary(
    String source, long files, long read, long accepted, long quarantined, long duplicates,
    String note) {

  public boolean reconciles() {
    return read == accepted + quarantined + duplicates;
  }

  static SourceSummary of(String source, List<FileCounts> counts, String note) {
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long duplicates = 0;
    for (FileCounts c : counts) {
      read += c.read;
      accepted += c.accepted;
      quarantined += c.quarantined;
      duplicates += c.duplicates;
    }
    return new SourceSummary(source, counts.size(), read, accepted, quarantined, duplicates, note);
  }

  static void printTable(PrintStream out, List<SourceSummary> rows) {
    String fmt = "%-18s %7s %12s %12s %12s %12s  %s%n";
    out.printf(Locale.ROOT, fmt, "source", "files", "rows read", "accepted", "quarantined", "duplicates", "");
    for (SourceSummary s : rows) {
      out.printf(
          Locale.ROOT, fmt, s.source, n(s.files), n(s.read), n(s.accepted), n(s.quarantined),
          n(s.duplicates), s.note);
    }
  }

  static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
