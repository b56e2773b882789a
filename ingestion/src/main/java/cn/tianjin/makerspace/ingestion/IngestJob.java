package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.INGEST_RUNS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.WriteLock;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.ingestion.ChangePlan.Action;
import cn.tianjin.makerspace.ingestion.ChangePlan.Entry;
import cn.tianjin.makerspace.ingestion.ChangePlan.EventsMode;
import cn.tianjin.makerspace.ingestion.LandingZone.LandingFile;
import cn.tianjin.makerspace.ingestion.LandingZone.Source;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ingests a landing zone into the warehouse: finds what changed since the last snapshot,
 * validates it (reference and reports on the driver, request logs on the Spark executors),
 * writes new segments, and publishes the next snapshot atomically. An unchanged landing zone
 * publishes nothing.
 *
 * <p>This class runs the steps in order; the parts are {@link QuarterlyReports},
 * {@link RequestLogs}, {@link OrphanRequests} and the {@link IngestManifest}, all writing through
 * one run's {@link SegmentWriter}.
 */
public final class IngestJob {
  /** What a run did. */
  public record Result(Snapshot snapshot, boolean published, List<SourceSummary> summaries, long orphans) {}

  private final SparkSession spark;
  private final LandingZone landing;
  private final SnapshotStore store;
  private final PrintStream out;
  private final Progress progress;
  private final IngestManifest manifest;

  public IngestJob(SparkSession spark, LandingZone landing, SnapshotStore store, PrintStream out) {
    this.spark = spark;
    this.landing = landing;
    this.store = store;
    this.out = out;
    this.progress = new Progress("ingest", out);
    this.manifest = new IngestManifest(spark, store);
  }

  public Result run() {
    try (WriteLock lock = store.lockForWrite()) {
      List<LandingFile> files = landing.scan();
      Optional<Snapshot> previous = store.current();
      ChangePlan plan = plan(files, previous);
      if (plan.nothingChanged()) {
        progress.say("nothing changed; snapshot %s stays current", previous.orElseThrow().id());
        return new Result(previous.orElseThrow(), false, List.of(), 0);
      }
      try (SegmentWriter segments = new SegmentWriter(store)) {
        return ingest(plan, previous, segments);
      }
    }
  }

  /** What changed since the manifest's last word (everything, if the snapshot predates v1.1). */
  private ChangePlan plan(List<LandingFile> files, Optional<Snapshot> previous) {
    boolean upgrade = previous.isPresent() && !manifest.hasCurrentLayout(previous.get());
    if (upgrade) {
      progress.say("snapshot %s predates quarantine.district_code (data contract v1.1): every file is read again", previous.get().id());
    }
    ChangePlan plan = new ChangePlan(landing, files, upgrade ? Map.of() : previous.map(manifest::fileStates).orElse(Map.of()));
    progress.say(
        "landing zone %s: %d files; since the last ingest %d new, %d changed, %d removed",
        landing.location(), files.size(), plan.count(Action.NEW), plan.count(Action.CHANGED),
        plan.removed.size());
    return plan;
  }

  private Result ingest(ChangePlan plan, Optional<Snapshot> previous, SegmentWriter segments) {
    Instant startedAt = Instant.now();
    String runId = "ingest-" + startedAt;
    Snapshot.Builder next = previous.map(Snapshot::toBuilder).orElseGet(Snapshot::builder);
    ReferenceData reference = ReferenceData.load(landing, plan.entries.values().stream().map(Entry::file).toList());
    List<SourceSummary> summaries = new ArrayList<>();
    List<FileCounts> recorded = new ArrayList<>();

    if (plan.referenceChanged) {
      add(reference(reference, segments), summaries, recorded);
      FailPoints.reached("after-reference");
    }
    if (plan.reportsChanged) {
      QuarterlyReports reports = new QuarterlyReports(landing, segments, progress);
      add(reports.ingest(plan.of(Source.QUARTERLY_REPORTS), reference.reportCheck()), summaries, recorded);
      FailPoints.reached("after-reports");
    }
    List<FileCounts> unrecognized = unrecognized(plan, next, segments);
    recorded.addAll(unrecognized);
    long orphans = 0;
    if (plan.eventsMode != EventsMode.NONE) {
      EventCheck check = reference.eventCheck();
      add(new RequestLogs(spark, landing, store, segments, progress).ingest(plan, check, next), summaries, recorded);
      orphans = new OrphanRequests(spark, store, segments, progress)
          .write(next, check, plan.eventsMode == EventsMode.APPEND ? previous : Optional.empty());
      FailPoints.reached("after-events");
    }
    segments.replacePending(next);
    List<Row> runs = manifest.rows(runId, plan, recorded);
    next.append(INGEST_RUNS, segments.write(INGEST_RUNS, "runs", runs, CuratedTables.INGEST_RUNS_SCHEMA));
    return publish(next, runId, plan, summaries, unrecognized.size(), orphans);
  }

  private static void add(SourceResult result, List<SourceSummary> summaries, List<FileCounts> recorded) {
    recorded.addAll(result.files());
    summaries.add(result.summary());
  }

  /** The reference tables (基础数据) and their rejected rows, written in the background. */
  private SourceResult reference(ReferenceData reference, SegmentWriter segments) {
    progress.say("reference: %d files", reference.counts().size());
    for (Map.Entry<String, List<Row>> t : reference.rows().entrySet()) {
      segments.replaceLater(t.getKey(), "reference", t.getValue(), CuratedTables.ALL.get(t.getKey()));
    }
    segments.replaceLater(QUARANTINE, "reference", QuarantineRow.toRows(reference.quarantine()), CuratedTables.QUARANTINE_SCHEMA);
    return new SourceResult(SourceSummary.of("reference", reference.counts(), ""), reference.counts());
  }

  /**
   * Files that do not follow the landing-zone layout, quarantined as BAD_FILE_NAME (their rows
   * replace the previous run's); returns their counts when the manifest is to record them.
   */
  private static List<FileCounts> unrecognized(ChangePlan plan, Snapshot.Builder next, SegmentWriter segments) {
    List<QuarantineRow> rows = new ArrayList<>();
    List<FileCounts> counts = new ArrayList<>();
    for (Entry e : plan.of(Source.UNRECOGNIZED)) {
      rows.add(new QuarantineRow(e.file().path(), 0, ReasonCode.BAD_FILE_NAME, e.file().problem(), null));
      counts.add(new FileCounts(e.file()));
    }
    next.removeLabel(QUARANTINE, "files");
    if (!rows.isEmpty()) {
      segments.replaceLater(QUARANTINE, "files", QuarantineRow.toRows(rows), CuratedTables.QUARANTINE_SCHEMA);
    }
    return plan.unrecognizedChanged || plan.referenceChanged ? counts : List.of();
  }

  /** Makes {@code next} the current snapshot and prints the summary. */
  private Result publish(
      Snapshot.Builder next, String runId, ChangePlan plan, List<SourceSummary> summaries, int unrecognized, long orphans) {
    next.property("run_id", runId);
    next.property("landing", landing.location().toString());
    FailPoints.reached("before-publish");
    Snapshot snapshot = store.publish(next);
    SourceSummary.printTable(out, summaries);
    if (unrecognized > 0) {
      out.printf("%d file(s) do not follow the landing-zone layout: quarantined as BAD_FILE_NAME%n", unrecognized);
    }
    if (plan.eventsMode != EventsMode.NONE) {
      out.printf("%s request(s) have events but no RECEIVED: quarantined as ORPHAN_REQUEST%n", SourceSummary.n(orphans));
    }
    progress.say("published snapshot %s in %s", snapshot.id(), store.location());
    return new Result(snapshot, true, summaries, orphans);
  }
}
