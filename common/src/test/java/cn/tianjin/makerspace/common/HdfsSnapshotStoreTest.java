package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot store on a real HDFS: the same publishing as in a local folder, a lease for the one writer, a local mirror for DuckDB. */
@Tag("hdfs")
@ExtendWith(SharedHdfs.class)
class HdfsSnapshotStoreTest {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType, false).add("day", DataTypes.DateType);

  @TempDir Path tmp;

  private static Snapshot.Segment segment(SnapshotStore store, String... ids) {
    String path = store.newSegmentPath("t");
    List<Row> rows = java.util.Arrays.stream(ids).map(id -> RowFactory.create(id, LocalDate.of(2026, 1, id.length()))).toList();
    store.writeSmallTable(path, SCHEMA, rows);
    return store.segment(path, "x");
  }

  @Test
  void publishesReadsAndCleansUpAsInALocalFolder() throws Exception {
    String location = SharedHdfs.newFolder("wh");
    SnapshotStore store = SnapshotStore.at(location);
    assertEquals(location, store.location());
    assertFalse(store.isLocal());
    assertTrue(store.current().isEmpty());
    try (WriteLock lock = store.lockForWrite()) {
      Snapshot.Segment a = segment(store, "a", "bb");
      assertEquals(2, a.rows(), "rows counted from the footer on HDFS");
      Snapshot first = store.publish(Snapshot.builder().append("t", a));
      Snapshot.Segment b = segment(store, "ccc");
      Snapshot second = store.publish(first.toBuilder().replace("t", "x", b));
      assertEquals(second.id(), SnapshotStore.at(location).requireCurrent().id(), "another reader sees the new snapshot");
      assertEquals(List.of(), store.verify(second));
      assertEquals(List.of(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 3)), store.range(List.of(b), "day", LocalDate.class).orElseThrow());

      String orphan = store.newSegmentPath("t"); // what a crashed writer leaves behind
      store.writeSmallTable(orphan, SCHEMA, List.of());
      store.collectGarbage();
      FileSystem fs = SharedHdfs.fileSystem();
      assertFalse(fs.exists(new org.apache.hadoop.fs.Path(store.location(orphan))));
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(store.location(a.path()))), "kept: an older snapshot still names it");
      assertEquals(List.of("CURRENT", "data", "snapshots", ".lock").stream().sorted().toList(),
          java.util.Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(location))).map(s -> s.getPath().getName()).sorted().toList(),
          "no temporary file left beside CURRENT");
    }
    assertFalse(SharedHdfs.fileSystem().exists(new org.apache.hadoop.fs.Path(location + "/.lock")), "closing the lock gives up the lease");
  }

  @Test
  void aSecondWriterIsRefusedWhileTheLeaseRunsAndTakesOverOnceItHasRunOut() throws Exception {
    String location = SharedHdfs.newFolder("lease");
    SnapshotStore first = SnapshotStore.at(location);
    try (WriteLock held = first.lockForWrite()) {
      UserError refused = assertThrows(UserError.class, () -> SnapshotStore.at(location).lockForWrite());
      assertTrue(refused.getMessage().startsWith("another process is writing to the warehouse " + location + " (process "), refused.getMessage());
      assertTrue(refused.getMessage().endsWith("if it has stopped, its lease runs out in 60 s"), refused.getMessage());
    }
    // a writer that died: its lock file stays, no longer renewed
    FileSystem fs = SharedHdfs.fileSystem();
    org.apache.hadoop.fs.Path lockFile = new org.apache.hadoop.fs.Path(location + "/.lock");
    try (FSDataOutputStream out = fs.create(lockFile, false)) {
      out.write("dead-token 999@elsewhere".getBytes(StandardCharsets.UTF_8));
    }
    fs.setTimes(lockFile, System.currentTimeMillis() - 59_000, -1);
    UserError stillRunning = assertThrows(UserError.class, () -> SnapshotStore.at(location).lockForWrite());
    assertTrue(stillRunning.getMessage().contains("(process 999@elsewhere); if it has stopped, its lease runs out in 1 s"), stillRunning.getMessage());
    fs.setTimes(lockFile, System.currentTimeMillis() - 61_000, -1);
    SnapshotStore successor = SnapshotStore.at(location);
    try (WriteLock taken = successor.lockForWrite()) {
      Snapshot published = successor.publish(Snapshot.builder().append("t", segment(successor, "a")));
      assertEquals(published.id(), successor.requireCurrent().id());
    }
  }

  @Test
  void aWriterWhoseLeaseWasTakenOverPublishesNothing() throws Exception {
    String location = SharedHdfs.newFolder("lost");
    String before = System.getProperty("warehouse.lease.seconds");
    System.setProperty("warehouse.lease.seconds", "2"); // renewed every 0.5 s
    try {
      SnapshotStore store = SnapshotStore.at(location);
      try (WriteLock lock = store.lockForWrite()) {
        Snapshot.Builder next = Snapshot.builder().append("t", segment(store, "a"));
        // the writer stalled past its lease, and a successor took the lock over
        FileSystem fs = SharedHdfs.fileSystem();
        org.apache.hadoop.fs.Path lockFile = new org.apache.hadoop.fs.Path(location + "/.lock");
        fs.delete(lockFile, false);
        try (FSDataOutputStream out = fs.create(lockFile, false)) {
          out.write("successor-token 4242@other-host".getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(1_200);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.publish(next));
        assertTrue(e.getMessage().contains("was lost (taken over by process 4242@other-host): nothing was published"), e.getMessage());
        assertTrue(store.current().isEmpty());
      }
    } finally {
      if (before == null) {
        System.clearProperty("warehouse.lease.seconds");
      } else {
        System.setProperty("warehouse.lease.seconds", before);
      }
    }
  }

  @Test
  void duckDbReadsTheSegmentsFromALocalMirrorThatDropsWhatNoSnapshotNames() throws Exception {
    System.setProperty("warehouse.mirror", tmp.toString());
    try {
      SnapshotStore store = SnapshotStore.at(SharedHdfs.newFolder("mirror"));
      try (WriteLock lock = store.lockForWrite()) {
        Snapshot first = store.publish(Snapshot.builder().append("t", segment(store, "a", "bb")));
        Snapshot.Segment firstSegment = first.segments("t").get(0);
        try (Connection c = DuckDbTables.open(); Statement s = c.createStatement()) {
          List<Path> folders = DuckDbTables.create(s, store, first.tables(), DuckDbTables.Kind.VIEWS);
          assertEquals(List.of(tmp.resolve(firstSegment.path())), folders);
          try (ResultSet rs = s.executeQuery("select string_agg(id, ',' order by id), min(day) from t")) {
            rs.next();
            assertEquals("a,bb", rs.getString(1));
            assertEquals(LocalDate.of(2026, 1, 1), rs.getObject(2, LocalDate.class));
          }
        }
        Snapshot latest = first;
        for (int i = 0; i < SnapshotStore.SNAPSHOTS_KEPT; i++) {
          latest = store.publish(latest.toBuilder().replace("t", "x", segment(store, "c" + i)));
        }
        assertFalse(Files.exists(tmp.resolve(firstSegment.path())), "no kept snapshot names it any more");
        try (Connection c = DuckDbTables.open(); Statement s = c.createStatement()) {
          DuckDbTables.create(s, store, latest.tables(), DuckDbTables.Kind.VIEWS);
          try (ResultSet rs = s.executeQuery("select string_agg(id, ',') from t")) {
            rs.next();
            assertEquals("c4", rs.getString(1));
          }
        }
      }
    } finally {
      System.clearProperty("warehouse.mirror");
    }
  }

  @Test
  void aReaderPrunesItsOwnMirrorAndLeavesACopyInProgressAlone() throws Exception {
    String uri = SharedHdfs.newFolder("reader");
    SnapshotStore writer = SnapshotStore.at(uri, tmp.resolve("writer-mirror"));
    Path readerMirror = tmp.resolve("reader-mirror");
    SnapshotStore reader = SnapshotStore.at(uri, readerMirror);
    assertEquals(Optional.of(readerMirror), reader.mirror());
    try (WriteLock lock = writer.lockForWrite()) {
      Snapshot first = writer.publish(Snapshot.builder().append("t", segment(writer, "a")));
      Path copy = reader.localFolder(first.segments("t").get(0));
      assertEquals(readerMirror.resolve(first.segments("t").get(0).path()), copy);
      Path inProgress = Files.createDirectories(readerMirror.resolve(".copying-another-process"));
      Snapshot latest = first;
      for (int i = 0; i < SnapshotStore.SNAPSHOTS_KEPT; i++) {
        latest = writer.publish(latest.toBuilder().replace("t", "x", segment(writer, "c" + i)));
      }
      assertTrue(Files.isDirectory(copy), "the writer cleans up its own mirror, not the reader's");
      reader.pruneMirror();
      assertFalse(Files.exists(copy), "no kept snapshot names it any more");
      assertTrue(Files.isDirectory(inProgress), "another process may be copying into it now");
      try (var files = Files.list(reader.localFolder(latest.segments("t").get(0)))) {
        assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count(), "the live segment is copied again");
      }
    }
  }

  @Test
  void aFileSystemWithoutAtomicRenameIsRefused() {
    UserError e = assertThrows(UserError.class, () -> SnapshotStore.at("s3a://bucket/warehouse"));
    assertEquals("cannot use s3a://bucket/warehouse: the warehouse publishes a snapshot by replacing CURRENT with an atomic"
        + " rename (and the landing zone takes an upload the same way), which s3a:// does not offer (an object store's rename"
        + " is a copy); use a local or NFS folder, or hdfs://. See docs/deploy.md, Where the landing zone and the warehouse live.",
        e.getMessage());
  }
}
