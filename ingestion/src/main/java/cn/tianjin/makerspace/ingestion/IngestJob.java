package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.INGEST_RUNS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.ONSITE_SESSIONS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARTERLY_REPORTS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.REQUEST_EVENTS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.common.SmallTableWriter;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.contract.XlsxReport;
import cn.tianjin.makerspace.ingestion.ChangePlan.Action;
import cn.tianjin.makerspace.ingestion.ChangePlan.Entry;
import cn.tianjin.makerspace.ingestion.ChangePlan.EventsMode;
import cn.tianjin.makerspace.ingestion.ChangePlan.FileState;
import cn.tianjin.makerspace.ingestion.LandingZone.LandingFile;
import cn.tianjin.makerspace.ingestion.LandingZone.Source;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Ingests a landing zone into the warehouse: finds what changed since the last snapshot,
 * validates it (reference and reports on the driver, request logs on the Spark executors),
 * writes new segments, and publishes the next snapshot atomically. An unchanged landing zone
 * publishes nothing.
 */
public final class IngestJob {
  /** What a run did. */
  public record Result(Snapshot snapshot, boolean published, List<SourceSummary> summaries, long orphans) {}

  private final SparkSession spark;
  private final LandingZone landing;
  private final SnapshotStore store;
  private final PrintStream out;
  private final Progress progress;

  public IngestJob(SparkSession spark, LandingZone landing, SnapshotStore store, PrintStream out) {
    this.spark = spark;
    this.landing = landing;
    this.store = store;
    this.out = out;
    this.progress = new Progress("ingest", out);
  }

  public Result run() {
    try (SnapshotStore.WriteLock lock = store.lockForWrite()) {
      List<LandingFile> files = landing.scan();
      Optional<Snapshot> previous = store.current();
      boolean upgrade = previous.isPresent() && !hasCurrentLayout(previous.get());
      if (upgrade) {
        progress.say("snapshot %s predates quarantine.district_code (data contract v1.1): every file is read again", previous.get().id());
      }
      ChangePlan plan = new ChangePlan(landing, files, upgrade ? Map.of() : previous.map(this::fileStates).orElse(Map.of()));
      progress.say(
          "landing zone %s: %d files; since the last ingest %d new, %d changed, %d removed",
          landing.root(), files.size(), plan.count(Action.NEW), plan.count(Action.CHANGED),
          plan.removed.size());
      if (plan.nothingChanged()) {
        progress.say("nothing changed; snapshot %s stays current", previous.orElseThrow().id());
        return new Result(previous.orElseThrow(), false, List.of(), 0);
      }
      background = Executors.newFixedThreadPool(2);
      try {
        return ingest(plan, previous);
      } finally {
        background.shutdownNow();
        pending.clear();
      }
    }
  }

  private Result ingest(ChangePlan plan, Optional<Snapshot> previous) {
    Instant startedAt = Instant.now();
    String runId = "ingest-" + startedAt;
    Snapshot.Builder next = previous.map(Snapshot::toBuilder).orElseGet(Snapshot::builder);
    ReferenceData reference = ReferenceData.load(landing, plan.entries.values().stream().map(Entry::file).toList());
    List<SourceSummary> summaries = new ArrayList<>();
    List<FileCounts> recorded = new ArrayList<>();
    Map<String, Boolean> counted = new HashMap<>();

    if (plan.referenceChanged) {
      progress.say("reference: %d files", reference.counts().size());
      for (Map.Entry<String, List<Row>> t : reference.rows().entrySet()) {
        replaceLater(t.getKey(), "reference", t.getValue(), CuratedTables.ALL.get(t.getKey()));
      }
      replaceLater(QUARANTINE, "reference", quarantineRows(reference.quarantine()), CuratedTables.QUARANTINE_SCHEMA);
      recorded.addAll(reference.counts());
      summaries.add(SourceSummary.of("reference", reference.counts(), ""));
      FailPoints.reached("after-reference");
    }
    if (plan.reportsChanged) {
      summaries.add(ingestReports(plan.of(Source.QUARTERLY_REPORTS), reference.reportCheck(), next, recorded, counted));
      FailPoints.reached("after-reports");
    }
    List<FileCounts> unrecognized = unrecognized(plan, next);
    recorded.addAll(unrecognized);
    long orphans = 0;
    if (plan.eventsMode != EventsMode.NONE) {
      EventCheck check = reference.eventCheck();
      summaries.add(ingestEvents(plan, check, next, recorded));
      orphans = writeOrphans(next, check, plan.eventsMode == EventsMode.APPEND ? previous : Optional.empty());
      FailPoints.reached("after-events");
    }
    for (Pending p : pending) {
      next.replace(p.table(), p.label(), join(p.segment()));
    }
    pending.clear();
    next.append(INGEST_RUNS, write(INGEST_RUNS, "runs", runRows(runId, plan, recorded, counted), CuratedTables.INGEST_RUNS_SCHEMA));
    next.property("run_id", runId);
    next.property("landing", landing.root().toString());
    FailPoints.reached("before-publish");
    Snapshot snapshot = store.publish(next);
    SourceSummary.printTable(out, summaries);
    if (!unrecognized.isEmpty()) {
      out.printf("%d file(s) do not follow the landing-zone layout: quarantined as BAD_FILE_NAME%n", unrecognized.size());
    }
    if (plan.eventsMode != EventsMode.NONE) {
      out.printf("%s request(s) have events but no RECEIVED: quarantined as ORPHAN_REQUEST%n", SourceSummary.n(orphans));
    }
    progress.say("published snapshot %s in %s", snapshot.id(), store.root());
    return new Result(snapshot, true, summaries, orphans);
  }

  // ---- quarterly reports -------------------------------------------------------------------

  private SourceSummary ingestReports(
      List<Entry> entries, ReportCheck check, Snapshot.Builder next, List<FileCounts> recorded,
      Map<String, Boolean> counted) {
    progress.say("quarterly_reports: %d files", entries.size());
    Map<String, LandingFile> effective = new HashMap<>();
    for (Entry e : entries) {
      String key = e.file().reportDistrict() + "/" + e.file().quarter();
      // the latest submission counts; a CSV and a workbook of the same day: the later path (.xlsx)
      effective.merge(key, e.file(), (a, b) -> a.submittedOn().isAfter(b.submittedOn())
          || a.submittedOn().equals(b.submittedOn()) && a.path().compareTo(b.path()) > 0 ? a : b);
    }
    List<Row> sessions = new ArrayList<>();
    List<QuarantineRow> rejects = new ArrayList<>();
    List<Row> submissions = new ArrayList<>();
    List<FileCounts> effectiveCounts = new ArrayList<>();
    long supersededFiles = 0;
    long supersededRows = 0;
    for (Entry e : entries) {
      LandingFile f = e.file();
      String district = f.reportDistrict();
      String quarter = f.quarter();
      boolean latest = effective.get(district + "/" + quarter) == f;
      FileCounts c = new FileCounts(f);
      CsvFile csv;
      if (f.path().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
        csv = XlsxReport.read(f.path(), landing.read(f), ReportCheck.COLUMNS);
        c.encoding = "xlsx";
      } else {
        TextDecoder.Decoded text = TextDecoder.decode(landing.read(f), landing.resolve(f).toString());
        csv = new CsvFile(f.path(), text.text(), ReportCheck.COLUMNS);
        c.encoding = text.encoding();
      }
      for (CsvRecords.Record r : csv.records()) {
        c.read++;
        try {
          Row row = csv.check(r, x -> check.check(x, district, quarter, f.path()));
          c.accepted++;
          if (latest) {
            sessions.add(row);
          }
        } catch (Rejected x) {
          c.quarantined++;
          if (latest) {
            rejects.add(new QuarantineRow(f.path(), r.line(), x.reason(), x.detail(), r.raw(), district));
          }
        }
      }
      submissions.add(RowFactory.create(district, quarter, f.submittedOn(), f.path(), c.accepted, c.quarantined, latest));
      recorded.add(c);
      counted.put(f.path(), latest);
      if (latest) {
        effectiveCounts.add(c);
      } else {
        supersededFiles++;
        supersededRows += c.read;
      }
    }
    progress.say("quarterly_reports: checked %s rows", SourceSummary.n(sessions.size() + rejects.size()));
    replaceLater(ONSITE_SESSIONS, "reports", sessions, CuratedTables.ONSITE_SESSIONS_SCHEMA);
    replaceLater(QUARTERLY_REPORTS, "reports", submissions, CuratedTables.QUARTERLY_REPORTS_SCHEMA);
    replaceLater(QUARANTINE, "reports", quarantineRows(rejects), CuratedTables.QUARANTINE_SCHEMA);
    String note =
        supersededFiles == 0
            ? ""
            : String.format("+%d superseded submission(s), %s rows, in quarterly_reports only", supersededFiles, SourceSummary.n(supersededRows));
    return SourceSummary.of("quarterly_reports", effectiveCounts, note);
  }

  // ---- request logs ------------------------------------------------------------------------

  private SourceSummary ingestEvents(ChangePlan plan, EventCheck check, Snapshot.Builder next, List<FileCounts> recorded) {
    boolean append = plan.eventsMode == EventsMode.APPEND;
    List<Entry> toRead =
        plan.of(Source.REQUEST_LOGS).stream()
            .filter(e -> !append || e.action() == Action.NEW)
            .toList();
    long bytes = toRead.stream().mapToLong(e -> e.file().size()).sum();
    progress.say(
        "request_logs: %s %d files (%s bytes) with Spark", append ? "appending" : "reading all",
        toRead.size(), SourceSummary.n(bytes));
    if (!append) {
      next.removeLabel(REQUEST_EVENTS, "events");
      next.removeLabel(QUARANTINE, "events");
    }
    if (toRead.isEmpty()) {
      next.append(REQUEST_EVENTS, write(REQUEST_EVENTS, "events", List.of(), CuratedTables.REQUEST_EVENTS_SCHEMA));
      return SourceSummary.of("request_logs", List.of(), "");
    }
    String[] paths = toRead.stream().map(e -> landing.resolve(e.file()).toUri().toString()).toArray(String[]::new);
    String root = landing.root().toString();
    Dataset<Row> files = spark.read().format("binaryFile").load(paths).select("path", "content");

    // Pre-pass: event ids seen more than once, or already in the warehouse, are the candidates
    // for duplicates (by fingerprint: see EventIdHashes). Only they need the (folder, file,
    // line) ordering of the contract.
    long[] fresh = EventIdHashes.unpackAll(files.mapPartitions(RequestLogParser.eventIds(root, check), Encoders.row(EventIdHashes.PACKED)).collectAsList());
    long[] candidateHashes = EventIdHashes.repeated(fresh);
    List<Snapshot.Segment> before = List.copyOf(next.tables().getOrDefault(REQUEST_EVENTS, List.of()));
    if (append) {
      long[] old = EventIdHashes.unpackAll(readTable(before).select("event_id").mapPartitions(new EventIdHashes.OfColumn(), Encoders.row(EventIdHashes.PACKED)).collectAsList());
      candidateHashes = EventIdHashes.union(candidateHashes, EventIdHashes.common(fresh, old));
    }
    progress.say("request_logs: %s event ids to check for duplicates", SourceSummary.n(candidateHashes.length));

    // The one full pass: accepted, non-candidate events are written as they are parsed; rejected
    // lines and candidates come back beside them.
    CollectionAccumulator<Row> collected = spark.sparkContext().collectionAccumulator("request-log exceptions");
    Broadcast<long[]> candidates = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(candidateHashes);
    Dataset<Row> accepted =
        files.mapPartitions(RequestLogParser.events(root, check, candidates, collected), Encoders.row(CuratedTables.REQUEST_EVENTS_SCHEMA));
    Snapshot.Segment written = write(REQUEST_EVENTS, "events", accepted);
    next.append(REQUEST_EVENTS, written);
    candidates.destroy();

    Map<String, Row> exceptions = new TreeMap<>(); // by (file, line): a retried task adds rows twice
    for (Row r : collected.value()) {
      exceptions.put(r.getString(EventCheck.SOURCE_FILE) + "\u0000" + String.format("%012d", r.getLong(EventCheck.LINE_NUMBER)), r);
    }
    // candidates that are already in the warehouse (appending) are all duplicates
    Set<String> existing = new HashSet<>();
    if (append) {
      List<Object> ids = exceptions.values().stream().filter(r -> EventCheck.Kind.of(r) == EventCheck.Kind.CANDIDATE).map(r -> (Object) r.getString(EventCheck.EVENT_ID)).distinct().toList();
      if (!ids.isEmpty()) {
        readTable(before).select("event_id").filter(col("event_id").isin(ids.toArray())).distinct().collectAsList().forEach(r -> existing.add(r.getString(0)));
      }
    }
    List<Row> rejects = new ArrayList<>();
    List<Row> firsts = new ArrayList<>();
    Map<String, LineCounts> perFile = new HashMap<>();
    Set<String> seen = new HashSet<>(existing);
    JsonFactory json = new JsonFactory();
    for (Row r : exceptions.values()) { // in (file, line) order, so the first occurrence comes first
      LineCounts c = perFile.computeIfAbsent(r.getString(EventCheck.SOURCE_FILE), k -> new LineCounts());
      if (EventCheck.Kind.of(r) == EventCheck.Kind.QUARANTINED) {
        rejects.add(RowFactory.create(r.get(EventCheck.SOURCE_FILE), r.get(EventCheck.LINE_NUMBER), r.get(EventCheck.REASON_CODE),
            r.get(EventCheck.DETAIL), r.get(EventCheck.RAW), check.districtOf(json, r.getString(EventCheck.RAW))));
        c.quarantined++;
      } else if (seen.add(r.getString(EventCheck.EVENT_ID))) {
        firsts.add(RowFactory.create(java.util.Arrays.copyOf(rowValues(r), EventCheck.KIND)));
        c.accepted++;
      } else {
        c.duplicates++;
      }
    }
    next.append(REQUEST_EVENTS, write(REQUEST_EVENTS, "events", firsts, CuratedTables.REQUEST_EVENTS_SCHEMA));
    next.append(QUARANTINE, write(QUARANTINE, "events", rejects, CuratedTables.QUARANTINE_SCHEMA));
    for (Row r : store.read(spark, List.of(written)).groupBy("source_file").count().collectAsList()) {
      perFile.computeIfAbsent(r.getString(0), k -> new LineCounts()).accepted += r.getLong(1);
    }
    progress.say("request_logs: %s events written", SourceSummary.n(written.rows() + firsts.size()));

    List<FileCounts> counts = new ArrayList<>();
    for (Entry e : toRead) {
      LineCounts c = perFile.getOrDefault(e.file().path(), new LineCounts()); // a file of blank lines reads 0
      FileCounts fc = new FileCounts(e.file(), c.accepted + c.quarantined + c.duplicates, c.accepted, c.quarantined, c.duplicates);
      fc.encoding = "UTF-8";
      counts.add(fc);
    }
    recorded.addAll(counts);
    return SourceSummary.of("request_logs", counts, append ? "(appended)" : "");
  }

  /** One request-log file's non-blank lines, as they are counted. */
  private static final class LineCounts {
    long accepted;
    long quarantined;
    long duplicates;
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  /**
   * Requests with events but no accepted RECEIVED. A hash aggregate finds the (few) orphan request
   * ids; their first event is then looked up. After a rebuild every request is evaluated; after an
   * append ({@code previous} given) only the requests with an event in the new segments can have
   * changed (events are only ever added), so only they are evaluated, over all their events, and
   * the previous run's rows for every other request are kept. An orphan's district is that of the
   * space named by the first of its events (in file, line order) that names a known space.
   */
  private long writeOrphans(Snapshot.Builder next, EventCheck check, Optional<Snapshot> previous) {
    Dataset<Row> all = readTable(next, REQUEST_EVENTS);
    Dataset<Row> scope = all;
    Dataset<Row> kept = null;
    List<Snapshot.Segment> before = previous.map(p -> p.has(REQUEST_EVENTS) ? p.segments(REQUEST_EVENTS) : null).orElse(null);
    List<Snapshot.Segment> previousRows = previous.map(p -> p.has(QUARANTINE) ? p.segments(QUARANTINE) : List.<Snapshot.Segment>of())
        .orElse(List.of()).stream().filter(s -> s.label().equals("orphans")).toList();
    if (before != null && previousRows.size() == 1) {
      List<Snapshot.Segment> added = next.tables().get(REQUEST_EVENTS).stream().filter(s -> !before.contains(s)).toList();
      List<String> ids = added.isEmpty() ? List.of()
          : readTable(added).select("request_id").distinct().as(Encoders.STRING()).collectAsList();
      Dataset<Row> touched = broadcast(spark.createDataset(ids, Encoders.STRING()).toDF("request_id"));
      scope = all.join(touched, "request_id", "left_semi");
      kept = readTable(previousRows)
          .withColumn("request_id", regexp_extract(col("detail"), ORPHAN_DETAIL, 1))
          .join(touched, "request_id", "left_anti")
          .drop("request_id");
    }
    Dataset<Row> orphanIds =
        scope.groupBy("request_id")
            .agg(max(when(col("type").equalTo("RECEIVED"), 1).otherwise(0)).as("has_received"), count(lit(1)).as("events"))
            .filter(col("has_received").equalTo(0))
            .drop("has_received");
    Dataset<Row> orphans =
        scope.join(broadcast(orphanIds), "request_id")
            .groupBy("request_id", "events")
            .agg(min(struct("source_file", "line_number", "event_id", "type", "ts", "commissioner_id")).as("first"),
                min(when(col("space_id").isNotNull(), struct("source_file", "line_number", "space_id"))).as("first_space"))
            .select(
                col("first.source_file").as("source_file"),
                col("first.line_number").as("line_number"),
                lit(ReasonCode.ORPHAN_REQUEST.name()).as("reason_code"),
                concat(lit("request "), col("request_id"), lit(" has "), col("events").cast("string"), lit(" event(s) but no RECEIVED")).as("detail"),
                to_json(col("first")).as("raw"),
                col("first_space.space_id").as("first_space_id"))
            .join(broadcast(check.spaceDistricts(spark)), col("first_space_id").equalTo(col("space_id")), "left")
            .drop("first_space_id", "space_id");
    if (kept != null) {
      orphans = kept.unionByName(orphans);
    }
    Snapshot.Segment seg = write(QUARANTINE, "orphans", orphans.coalesce(1));
    next.replace(QUARANTINE, "orphans", seg);
    progress.say("orphan requests re-evaluated (%s)", kept == null ? "all requests" : "the requests of the new events");
    return seg.rows();
  }

  /** The request id in an orphan's detail (written just above: "request R has N event(s) but no RECEIVED"). */
  private static final String ORPHAN_DETAIL = "^request (.*) has [0-9]+ event\\(s\\) but no RECEIVED$";

  // ---- files that do not fit the layout, and the manifest --------------------------------

  private List<FileCounts> unrecognized(ChangePlan plan, Snapshot.Builder next) {
    List<QuarantineRow> rows = new ArrayList<>();
    List<FileCounts> counts = new ArrayList<>();
    for (Entry e : plan.of(Source.UNRECOGNIZED)) {
      rows.add(new QuarantineRow(e.file().path(), 0, ReasonCode.BAD_FILE_NAME, e.file().problem(), null));
      counts.add(new FileCounts(e.file()));
    }
    next.removeLabel(QUARANTINE, "files");
    if (!rows.isEmpty()) {
      replaceLater(QUARANTINE, "files", quarantineRows(rows), CuratedTables.QUARANTINE_SCHEMA);
    }
    return plan.unrecognizedChanged || plan.referenceChanged ? counts : List.of();
  }

  private List<Row> runRows(String runId, ChangePlan plan, List<FileCounts> recorded, Map<String, Boolean> counted) {
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (FileCounts c : recorded) {
      Entry e = plan.entries.get(c.file.path());
      String action = e.action() == Action.UNCHANGED ? "REPROCESSED" : e.action().name();
      rows.add(
          RowFactory.create(
              runId, c.file.source().label, c.file.path(), action, c.file.size(),
              Instant.ofEpochMilli(c.file.modifiedMillis()), e.sha256(), c.encoding, c.read,
              c.accepted, c.quarantined, c.duplicates, counted.getOrDefault(c.file.path(), true), now));
    }
    for (FileState r : plan.removed) {
      rows.add(RowFactory.create(runId, r.source(), r.path(), "REMOVED", 0L, null, null, null, 0L, 0L, 0L, 0L, false, now));
    }
    return rows;
  }

  /** Whether a snapshot's curated tables have today's columns (else an ingest rebuilds them all). */
  private boolean hasCurrentLayout(Snapshot snapshot) {
    return !snapshot.has(QUARANTINE)
        || java.util.Arrays.asList(readTable(snapshot.segments(QUARANTINE)).columns()).contains("district_code");
  }

  /** The manifest's last word on each landing file (files last recorded as REMOVED are gone). */
  private Map<String, FileState> fileStates(Snapshot snapshot) {
    if (!snapshot.has(INGEST_RUNS)) {
      return Map.of();
    }
    Map<String, Row> latest = new LinkedHashMap<>();
    for (Row r :
        readTable(snapshot.segments(INGEST_RUNS))
            .select("source_file", "source", "action", "size_bytes", "modified_at", "sha256", "run_id")
            .collectAsList()) {
      latest.merge(r.getString(0), r, (a, b) -> a.getString(6).compareTo(b.getString(6)) >= 0 ? a : b);
    }
    Map<String, FileState> states = new LinkedHashMap<>();
    for (Row r : latest.values()) {
      if (!r.getString(2).equals("REMOVED")) {
        Instant m = r.getAs(4);
        states.put(r.getString(0), new FileState(r.getString(0), r.getString(1), r.getLong(3), m.toEpochMilli(), r.getString(5)));
      }
    }
    return states;
  }


  // ---- writing -----------------------------------------------------------------------------

  private Dataset<Row> readTable(Snapshot.Builder next, String table) {
    return readTable(next.tables().get(table));
  }

  private Dataset<Row> readTable(List<Snapshot.Segment> segments) {
    return store.read(spark, segments);
  }

  private static List<Row> quarantineRows(List<QuarantineRow> rows) {
    return rows.stream().map(QuarantineRow::toRow).toList();
  }

  /** A small table's segment being written in the background while the request logs are read. */
  private record Pending(String table, String label, Future<Snapshot.Segment> segment) {}

  private final List<Pending> pending = new ArrayList<>();
  private ExecutorService background;

  /**
   * Writes a small table's segment on a background thread (Spark runs jobs of several threads at
   * once), to replace the segment with the same label when the snapshot is assembled.
   */
  private void replaceLater(String table, String label, List<Row> rows, StructType schema) {
    pending.add(new Pending(table, label, background.submit(() -> write(table, label, rows, schema))));
  }

  private static Snapshot.Segment join(Future<Snapshot.Segment> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** A small table held on the driver: one Parquet file, no Spark job (see SmallTableWriter). */
  private Snapshot.Segment write(String table, String label, List<Row> rows, StructType schema) {
    String path = store.newSegmentPath(table);
    SmallTableWriter.write(store.resolve(path), schema, rows);
    return store.segment(path, label);
  }

  private Snapshot.Segment write(String table, String label, Dataset<Row> data) {
    String path = store.newSegmentPath(table);
    data.write().parquet(store.resolve(path).toString());
    return store.segment(path, label);
  }

}
