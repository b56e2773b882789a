import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Rebuilds the suite section of docs/benchmarks.md from the figures bench/run.sh recorded under
 * bench/results/<events>/ (figures.properties, and dashboard.md when the dashboard was measured):
 * the cost per million events against the 1M run, every ratio against its target, and each run's
 * wall times and peak memory. Run by bench/run.sh: {@code java bench/SuiteReport.java RESULTS DOC}.
 */
public class SuiteReport {
  static final String BEGIN = "<!-- suite:begin (rebuilt by bench/run.sh from bench/results/; edits here are lost) -->";
  static final String END = "<!-- suite:end -->";

  record Run(Path dir, Properties p) {
    long events() { return Long.parseLong(p.getProperty("log_lines")); }
    long target() { return Long.parseLong(p.getProperty("events_target")); }
    double seconds(String step) { return Double.parseDouble(p.getProperty(step + "_seconds")); }
    String rss(String step) { return p.getProperty(step + "_rss_mib", "–"); }
    double perMillion(String step) { return seconds(step) / (events() / 1e6); }
    double fullRun() { return seconds("ingest") + seconds("transform"); }
    String get(String key) { return p.getProperty(key, ""); }
  }

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args[0]);
    Path doc = Path.of(args[1]);
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(results)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("figures.properties"))).toList()) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("figures.properties"))) {
          p.load(r);
        }
        runs.add(new Run(dir, p));
      }
    }
    runs.sort(Comparator.comparingLong(Run::target));
    String section = render(runs);
    String text = Files.readString(doc);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    text = b >= 0 && e > b
        ? text.substring(0, b) + section + text.substring(e + END.length())
        : text.stripTrailing() + "\n\n" + section + "\n";
    Files.writeString(doc, text);
  }

  static String render(List<Run> runs) throws IOException {
    StringBuilder s = new StringBuilder(BEGIN).append("\n");
    s.append("## The suite (issue 5): `bench/run.sh --events N`\n\n");
    s.append("One generated landing zone per N; on it, in one run, each job next to its bare baseline (each in\n"
        + "its own JVM, the launcher's flags: driver heap `-Xmx8g`, `local[*]`). The newest request-log\n"
        + "folders holding a day's share of the lines are held back from the full run, then added for the\n"
        + "incremental run (`warehouse run`: ingest and transform in one JVM), compared with ingest + transform. Peak memory is\n"
        + "each process's resident high-water mark (VmHWM).\n\n");

    Run base = runs.stream().filter(r -> r.target() == 1_000_000).findFirst().orElse(null);
    s.append("### Cost per million events").append(base == null ? " (no 1M run yet)" : " against the 1M run").append("\n\n");
    s.append("Target: seconds per million events for ingest and for transform within ±25% of the 1M figure\n"
        + "(no super-linear step): ✓ within, ✗ above; ↓ marks a figure more than 25% below, where the fixed\n"
        + "costs (JVM, SparkSession, the small tables and marts) are spread over more events. The marginal\n"
        + "cost is the extra time per extra million events against the 1M run.\n\n");
    s.append("| events | ingest (s) | s per M | vs 1M | marginal s per M | transform (s) | s per M | vs 1M | marginal s per M |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      s.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %s | %s | %.1f | %.1f | %s | %s |%n",
          r.events(), r.seconds("ingest"), r.perMillion("ingest"), versus(r, base, "ingest"), marginal(r, base, "ingest"),
          r.seconds("transform"), r.perMillion("transform"), versus(r, base, "transform"), marginal(r, base, "transform")));
    }
    s.append("\n### Ratios against the bare baselines and targets\n\n");
    s.append("| events | ingest / bare Spark (≤ 1.5×) | ingest / bare DuckDB (reference) | transform / bare aggregation (≤ 3×) "
        + "| incremental run / full run (≤ 20%) | API p95, slowest path (≤ 100 ms) | API errors (0) | console / DuckDB (≤ 1.2×) |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      s.append(String.format(Locale.ROOT, "| %,d | %s | %.2f× | %s | %s | %s | %s | %s |%n",
          r.events(),
          verdict(r.seconds("ingest") / r.seconds("bare_spark_ingest"), 1.5, "%.2f×"),
          r.seconds("ingest") / r.seconds("bare_duckdb_copy"),
          verdict(r.seconds("transform") / r.seconds("bare_aggregate"), 3.0, "%.2f×"),
          verdict(r.seconds("incremental") / r.fullRun(), 0.20, "%.0f%%", 100),
          r.get("api_p95_max_ms").isEmpty() ? "–" : verdict(Double.parseDouble(r.get("api_p95_max_ms")), 100, "%.1f ms"),
          r.get("api_errors").isEmpty() ? "–" : verdict(Double.parseDouble(r.get("api_errors")), 0, "%.0f"),
          r.get("console_ratio").isEmpty() ? "–" : verdict(Double.parseDouble(r.get("console_ratio")), 1.2, "%.2f×")));
    }
    s.append("\n(✓ met, ✗ missed.)\n");

    for (Run r : runs) {
      s.append(String.format(Locale.ROOT, "%n### %,d events — %s — %s%n%n", r.events(), r.get("date"), r.get("machine")));
      s.append(String.format(Locale.ROOT,
          "Landing zone: `generate` for about %,d events: %,d maker spaces, %,d request-log lines in %s files (%,d bytes, gzip); "
              + "the newest folders (`%s`, %,d lines: at least a day's share) held back for the incremental run; as of %s. "
              + "The warehouse holds %,d request events and %,d requests after the full run, %,d events after the incremental one.%n%n",
          r.target(), Long.parseLong(r.get("spaces")), r.events(), r.get("log_files"), Long.parseLong(r.get("log_bytes")),
          r.get("incremental_folder"), Long.parseLong(r.get("incremental_lines")), r.get("as_of"),
          Long.parseLong(r.get("request_events")), Long.parseLong(r.get("requests")), Long.parseLong(r.get("request_events_after"))));
      s.append("| step | wall time (s) | peak RSS (MiB) |\n|---|---:|---:|\n");
      row(s, r, "bare Spark: JSON (explicit schema) → Parquet", "bare_spark_ingest");
      row(s, r, "bare DuckDB: `COPY (read_json …) TO … (FORMAT parquet)`", "bare_duckdb_copy");
      row(s, r, "`warehouse ingest` (validate, dedup, quarantine, manifest, publish)", "ingest");
      row(s, r, "bare Spark: events ⋈ spaces, by district and quarter, count and average → Parquet", "bare_aggregate");
      row(s, r, "`warehouse transform` (every mart)", "transform");
      row(s, r, "`warehouse run` after one more request-log folder (incremental)", "incremental");
      if (!r.get("server_rss_mib").isEmpty()) {
        s.append("| `warehouse serve` under the load test | – | ").append(r.get("server_rss_mib")).append(" |\n");
      }
      Path dashboard = r.dir().resolve("dashboard.md");
      if (Files.isRegularFile(dashboard)) {
        // bench/dashboard.sh's report, its headings moved two levels down
        String md = Files.readString(dashboard).replaceAll("(?m)^### .*\\R", "").replaceAll("(?m)^####", "#####").strip();
        s.append("\n#### Dashboard (bench/dashboard.sh)\n\n").append(md).append("\n");
      }
    }
    return s.append(END).toString();
  }

  static void row(StringBuilder s, Run r, String label, String step) {
    s.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", label, r.seconds(step), r.rss(step)));
  }

  static String versus(Run r, Run base, String step) {
    if (base == null || r.target() < base.target()) {
      return "–"; // below 1M the fixed costs dominate: the curve is read from 1M up
    }
    double change = r.perMillion(step) / base.perMillion(step) - 1;
    return String.format(Locale.ROOT, "%+.0f%% %s", change * 100, change > 0.25 ? "✗" : change < -0.25 ? "↓" : "✓");
  }

  static String marginal(Run r, Run base, String step) {
    if (base == null || r.events() <= base.events()) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f", (r.seconds(step) - base.seconds(step)) / ((r.events() - base.events()) / 1e6));
  }

  static String verdict(double value, double limit, String format) {
    return verdict(value, limit, format, 1);
  }

  static String verdict(double value, double limit, String format, double scale) {
    return String.format(Locale.ROOT, format, value * scale) + (value <= limit ? " ✓" : " ✗");
  }
}
