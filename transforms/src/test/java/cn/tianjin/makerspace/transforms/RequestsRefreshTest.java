package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new day of request logs refreshes only the requests it can change (RequestsMart), and the
 * refreshed mart equals the one computed in full from the same snapshot: checked as the days and
 * the as-of date move on, in order.
 */
@Tag("spark")
class RequestsRefreshTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Path landing;
  static Path heldBack;
  static SnapshotStore store;

  @BeforeAll
  static void ingestAllButTheNewestFolder() throws IOException {
    landing = tmp.resolve("landing");
    new LandingGenerator(0.05, 7).generate(landing);
    Path newest;
    try (Stream<Path> folders = Files.list(landing.resolve("request_logs"))) {
      newest = folders.sorted().reduce((a, b) -> b).orElseThrow();
    }
    heldBack = tmp.resolve(newest.getFileName());
    Files.move(newest, heldBack);
    store = new SnapshotStore(tmp.resolve("wh"));
    new IngestJob(spark, new LandingZone(landing), store, quiet()).run();
  }

  /**
   * One warehouse's life, in steps that build on each other (each is the state the next one
   * refreshes from), so one test: a first run, a new day, the same as-of date again, an earlier one.
   */
  @Test
  void theRequestsMartIsRefreshedWhereItCanBeAndComputedInFullWhereItMust() throws IOException {
    theFirstRunComputesInFull();
    aNewDayAndALaterAsOfDateRefresh();
    theSameAsOfAgainRecomputesOnlyOpenRequests();
    anEarlierAsOfDateComputesInFull();
  }

  private static void theFirstRunComputesInFull() {
    String out = transform(LocalDate.of(2026, 8, 14));
    assertTrue(out.contains("requests: ") && out.contains("computed in full: no previous requests"), out);
    assertSameAsInFull(LocalDate.of(2026, 8, 14));
  }

  private static void aNewDayAndALaterAsOfDateRefresh() throws IOException {
    Files.move(heldBack, landing.resolve("request_logs").resolve(heldBack.getFileName()));
    new IngestJob(spark, new LandingZone(landing), store, quiet()).run();
    String out = transform(LocalDate.of(2026, 11, 28));
    assertTrue(out.contains("(refreshed: ") && !out.contains("(0 new event segments"), out);
    assertSameAsInFull(LocalDate.of(2026, 11, 28));
    long refreshed = recomputed(out);
    long total = spark.sql("select count(*) from snapshot_requests").first().getLong(0);
    assertTrue(refreshed > 0 && refreshed < total / 2, refreshed + " of " + total + " recomputed");
  }

  private static void theSameAsOfAgainRecomputesOnlyOpenRequests() {
    long open = spark.sql("select count(*) from snapshot_requests where sla_status like 'OPEN%'").first().getLong(0);
    String out = transform(LocalDate.of(2026, 11, 28));
    assertTrue(out.contains("(refreshed: ") && out.contains("(0 new event segments"), out);
    assertEquals(open, recomputed(out), out);
    assertSameAsInFull(LocalDate.of(2026, 11, 28));
  }

  private static void anEarlierAsOfDateComputesInFull() {
    String out = transform(LocalDate.of(2026, 3, 31));
    assertTrue(out.contains("computed in full: the as-of date moved back from 2026-11-28"), out);
    assertSameAsInFull(LocalDate.of(2026, 3, 31));
  }

  static long recomputed(String out) {
    return Long.parseLong(out.replaceAll("(?s).*refreshed: ([0-9,]+) requests.*", "$1").replace(",", ""));
  }

  static String transform(LocalDate asOf) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TransformJob(spark, store, asOf, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The published requests, row for row, against marts/requests.sql over the same snapshot. */
  static void assertSameAsInFull(LocalDate asOf) {
    Snapshot s = store.requireCurrent();
    s.tables().forEach((table, segments) -> store.read(spark, segments).createOrReplaceTempView(table));
    store.read(spark, s.segments(Marts.REQUESTS)).createOrReplaceTempView("snapshot_requests");
    Dataset<Row> published = spark.table("snapshot_requests");
    Dataset<Row> full = spark.sql(SqlResources.load("marts/requests.sql"), Map.of("as_of", asOf));
    long rows = published.count();
    assertTrue(rows > 1000, rows + " requests");
    assertEquals(full.count(), rows);
    assertEquals(0, published.exceptAll(full).count(), "rows published but not computed in full");
    assertEquals(0, full.exceptAll(published).count(), "rows computed in full but not published");
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
