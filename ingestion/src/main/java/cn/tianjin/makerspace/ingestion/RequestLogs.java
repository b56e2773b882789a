package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;
import static cn.tianjin.makerspace.ingestion.CuratedTables.REQUEST_EVENTS;
import static org.apache.spark.sql.functions.col;

import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.ingestion.ChangePlan.Action;
import cn.tianjin.makerspace.ingestion.ChangePlan.Entry;
import cn.tianjin.makerspace.ingestion.ChangePlan.EventsMode;
import cn.tianjin.makerspace.ingestion.LandingZone.Source;
import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The request logs (需求日志, JSON lines) read with Spark into {@code request_events}: checked on
 * the executors ({@link RequestLogParser}), deduplicated by event id (the first occurrence in
 * (folder, file, line) order wins), the rejected lines quarantined. When the plan appends, only
 * the new files are read and an event id already in the warehouse is a duplicate.
 */
final class RequestLogs {
  private final SparkSession spark;
  private final LandingZone landing;
  private final SnapshotStore store;
  private final SegmentWriter segments;
  private final Progress progress;

  RequestLogs(SparkSession spark, LandingZone landing, SnapshotStore store, SegmentWriter segments, Progress progress) {
    this.spark = spark;
    this.landing = landing;
    this.store = store;
    this.segments = segments;
    this.progress = progress;
  }

  /** Reads the request logs the plan names and adds their segments to {@code next}. */
  SourceResult ingest(ChangePlan plan, EventCheck check, Snapshot.Builder next) {
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
      next.append(REQUEST_EVENTS, segments.write(REQUEST_EVENTS, "events", List.of(), CuratedTables.REQUEST_EVENTS_SCHEMA));
      return new SourceResult(SourceSummary.of("request_logs", List.of(), ""), List.of());
    }
    String[] paths = toRead.stream().map(e -> landing.uri(e.file())).toArray(String[]::new);
    String root = landing.rootUriPath();
    Dataset<Row> files = spark.read().format("binaryFile").load(paths).select("path", "content");

    // Pre-pass: event ids seen more than once, or already in the warehouse, are the candidates
    // for duplicates (by fingerprint: see EventIdHashes). Only they need the (folder, file,
    // line) ordering of the contract.
    long[] fresh = EventIdHashes.unpackAll(files.mapPartitions(RequestLogParser.eventIds(root, check), Encoders.row(EventIdHashes.PACKED)).collectAsList());
    long[] candidateHashes = EventIdHashes.repeated(fresh);
    List<Snapshot.Segment> before = List.copyOf(next.tables().getOrDefault(REQUEST_EVENTS, List.of()));
    if (append) {
      long[] old = EventIdHashes.unpackAll(store.read(spark, before).select("event_id").mapPartitions(new EventIdHashes.OfColumn(), Encoders.row(EventIdHashes.PACKED)).collectAsList());
      candidateHashes = EventIdHashes.union(candidateHashes, EventIdHashes.common(fresh, old));
    }
    progress.say("request_logs: %s event ids to check for duplicates", SourceSummary.n(candidateHashes.length));

    // The one full pass: accepted, non-candidate events are written as they are parsed; rejected
    // lines and candidates come back beside them.
    CollectionAccumulator<Row> collected = spark.sparkContext().collectionAccumulator("request-log exceptions");
    Broadcast<long[]> candidates = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(candidateHashes);
    Dataset<Row> accepted =
        files.mapPartitions(RequestLogParser.events(root, check, candidates, collected), Encoders.row(CuratedTables.REQUEST_EVENTS_SCHEMA));
    Snapshot.Segment written = segments.write(REQUEST_EVENTS, "events", accepted);
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
        store.read(spark, before).select("event_id").filter(col("event_id").isin(ids.toArray())).distinct().collectAsList().forEach(r -> existing.add(r.getString(0)));
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
        firsts.add(RowFactory.create(Arrays.copyOf(rowValues(r), EventCheck.KIND)));
        c.accepted++;
      } else {
        c.duplicates++;
      }
    }
    next.append(REQUEST_EVENTS, segments.write(REQUEST_EVENTS, "events", firsts, CuratedTables.REQUEST_EVENTS_SCHEMA));
    next.append(QUARANTINE, segments.write(QUARANTINE, "events", rejects, CuratedTables.QUARANTINE_SCHEMA));
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
    return new SourceResult(SourceSummary.of("request_logs", counts, append ? "(appended)" : ""), counts);
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
}
