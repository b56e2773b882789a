package cn.tianjin.makerspace.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SharedHdfs;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkTestBase;
import cn.tianjin.makerspace.common.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing zone on a real HDFS: listed, classified, decoded (UTF-8 with a BOM, GB18030, .xlsx,
 * .jsonl.gz) and ingested exactly like the same files in a local folder, the request logs read by
 * the executors from hdfs://; a rerun finds nothing new, a file rewritten with the same bytes is
 * unchanged by its checksum, and a changed one is read again.
 */
@Tag("spark")
@Tag("hdfs")
@ExtendWith(SharedHdfs.class)
class LandingOnHdfsTest extends SparkTestBase {
  private static final String XLSX = "quarterly_reports/2025Q3/120101.2025-10-11.xlsx";

  @TempDir Path tmp;

  private IngestJob.Result ingest(LandingZone landing, Path warehouse) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new IngestJob(spark, landing, new SnapshotStore(warehouse), quiet).run();
  }

  /** Every row of a table as sorted text; ingest_runs without its run id and the times (the copies on HDFS are newer). */
  private List<String> rows(Path warehouse, String table) {
    SnapshotStore store = new SnapshotStore(warehouse);
    Snapshot s = store.requireCurrent();
    var data = store.read(spark, s.segments(table));
    if (table.equals(CuratedTables.INGEST_RUNS)) {
      data = data.drop("run_id", "modified_at", "ingested_at");
    }
    return data.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** The local landing zone, copied to a new HDFS folder with a hidden upload in progress beside it. */
  private String copyToHdfs(Path local) throws IOException {
    String uri = SharedHdfs.newFolder("landing");
    FileSystem fs = SharedHdfs.fileSystem();
    SharedHdfs.copyIn(local, uri);
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(uri + "/quarterly_reports/2025Q3/.120104.2025-10-12.csv.tmp"))) {
      out.write("half a file".getBytes(StandardCharsets.UTF_8));
    }
    return uri;
  }

  @Test
  void aLandingZoneOnHdfsIsIngestedLikeTheSameLocalOne() throws Exception {
    Path local = TinyLanding.write(tmp.resolve("landing"));
    TinyLanding.bytes(local, XLSX, TinyLanding.xlsx(Files.readString(local.resolve(TinyLanding.REPORT))));
    LandingZone hdfs = LandingZone.at(copyToHdfs(local));

    List<LandingZone.LandingFile> there = hdfs.scan();
    List<LandingZone.LandingFile> here = new LandingZone(local).scan();
    assertEquals(here.stream().map(f -> f.path() + " " + f.source() + " " + f.size()).toList(),
        there.stream().map(f -> f.path() + " " + f.source() + " " + f.size()).toList(), "the same files, the hidden one left out");
    for (int i = 0; i < here.size(); i++) {
      assertEquals(new LandingZone(local).sha256(here.get(i)), hdfs.sha256(there.get(i)), here.get(i).path());
    }

    Path fromLocal = tmp.resolve("from-local");
    Path fromHdfs = tmp.resolve("from-hdfs");
    ingest(new LandingZone(local), fromLocal);
    ingest(hdfs, fromHdfs);
    for (String t : CuratedTables.ALL.keySet()) {
      assertEquals(rows(fromLocal, t), rows(fromHdfs, t), t);
    }
    assertEquals(List.of("GB18030"), new SnapshotStore(fromHdfs).read(spark, new SnapshotStore(fromHdfs).requireCurrent().segments(CuratedTables.INGEST_RUNS))
        .filter("source_file = '" + TinyLanding.GB_REPORT + "'").select("encoding").collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void changesOnHdfsAreFoundBySizeAndTimeThenByChecksum() throws Exception {
    LandingZone hdfs = LandingZone.at(copyToHdfs(TinyLanding.write(tmp.resolve("landing"))));
    Path wh = tmp.resolve("wh");
    IngestJob.Result first = ingest(hdfs, wh);

    assertFalse(ingest(hdfs, wh).published(), "nothing changed");

    FileSystem fs = SharedHdfs.fileSystem();
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(hdfs.location() + "/" + TinyLanding.EVENTS_A);
    byte[] same;
    try (var in = fs.open(log)) {
      same = in.readAllBytes();
    }
    Thread.sleep(5); // a later modification time
    try (OutputStream out = fs.create(log, true)) {
      out.write(same);
    }
    assertFalse(ingest(hdfs, wh).published(), "rewritten with the same bytes: unchanged by its checksum");
    assertEquals(first.snapshot().id(), new SnapshotStore(wh).requireCurrent().id());

    try (OutputStream out = fs.create(log, true)) {
      out.write("{\"event_id\":\"E30\",\"request_id\":\"R30\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-08T09:00:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S1\",\"category\":\"REGISTRATION\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    IngestJob.Result changed = ingest(hdfs, wh);
    assertTrue(changed.published());
    assertTrue(rows(wh, CuratedTables.REQUEST_EVENTS).stream().anyMatch(r -> r.startsWith("[E30,")), "the changed log is read again");
    assertEquals(1L, new SnapshotStore(wh).read(spark, new SnapshotStore(wh).requireCurrent().segments(CuratedTables.INGEST_RUNS))
        .filter("source_file = '" + TinyLanding.EVENTS_A + "' AND action = 'CHANGED'").count());
  }

  @Test
  void aMissingLandingZoneOnHdfsIsNamed() {
    String uri = SharedHdfs.newFolder("nothing");
    UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> LandingZone.at(uri).scan());
    assertEquals("landing zone not found: " + uri, e.getMessage());
  }
}
