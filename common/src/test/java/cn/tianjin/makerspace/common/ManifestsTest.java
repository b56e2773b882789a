package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest and CURRENT files stay as the store has always written them. */
class ManifestsTest {
  @TempDir Path dir;

  @Test
  void readsAManifestAsTheStoreHasAlwaysWrittenIt() throws Exception {
    // as on disk: segment keys in any order (they were written from a Map.of), no final newline
    Files.createDirectories(dir.resolve("snapshots"));
    Files.writeString(dir.resolve("snapshots/20261207T184449.764Z.json"), """
        {
          "id" : "20261207T184449.764Z",
          "created_at" : "2026-12-07T18:44:49.764573876Z",
          "properties" : {
            "as_of" : "2026-11-27",
            "run_id" : "ingest-1"
          },
          "tables" : {
            "requests" : [ {
              "label" : "transform",
              "rows" : 556,
              "path" : "data/requests/20261207T184446.097Z-58ca6e68"
            }, {
              "rows" : 3000000000,
              "path" : "data/requests/20261207T184447.001Z-1",
              "label" : "events"
            } ],
            "empty" : [ ]
          }
        }""");
    Files.writeString(dir.resolve("CURRENT"), "20261207T184449.764Z\n");

    Snapshot expected = new Snapshot(
        "20261207T184449.764Z",
        Instant.parse("2026-12-07T18:44:49.764573876Z"),
        Map.of("as_of", "2026-11-27", "run_id", "ingest-1"),
        Map.of(
            "requests", List.of(
                new Snapshot.Segment("data/requests/20261207T184446.097Z-58ca6e68", "transform", 556),
                new Snapshot.Segment("data/requests/20261207T184447.001Z-1", "events", 3_000_000_000L)),
            "empty", List.of()));
    assertEquals(expected, new SnapshotStore(dir).current().orElseThrow());
  }

  @Test
  void publishWritesTheSameManifestAndCurrentAsBefore() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Files.createDirectories(dir.resolve("data/a/1"));
    Files.createDirectories(dir.resolve("data/a/2"));
    Snapshot s;
    try (WriteLock lock = store.lockForWrite()) {
      s = store.publish(Snapshot.builder()
          .property("run_id", "r")
          .property("as_of", "2026-11-27")
          .append("b", new Snapshot.Segment("data/a/2", "y", 0))
          .removeLabel("b", "y")
          .append("a", new Snapshot.Segment("data/a/1", "x", 12))
          .append("a", new Snapshot.Segment("data/a/2", "y", 0)));
    }
    String expected = """
        {
          "id" : "%s",
          "created_at" : "%s",
          "properties" : {
            "as_of" : "2026-11-27",
            "run_id" : "r"
          },
          "tables" : {
            "a" : [ {
              "path" : "data/a/1",
              "label" : "x",
              "rows" : 12
            }, {
              "path" : "data/a/2",
              "label" : "y",
              "rows" : 0
            } ],
            "b" : [ ]
          }
        }""".formatted(s.id(), s.createdAt());
    assertEquals(expected, Files.readString(dir.resolve("snapshots/" + s.id() + ".json")));
    assertEquals(s.id() + "\n", Files.readString(dir.resolve("CURRENT")));
    assertEquals(s, store.requireCurrent(), "read back as written");
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> temporary = all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      assertTrue(temporary.isEmpty(), "renamed into place: " + temporary);
    }
  }
}
