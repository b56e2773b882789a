package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.WriteLock;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server follows a newly published snapshot without a restart. */
class LiveSnapshotTest {
  @TempDir Path dir;

  @Test
  void aNewlyPublishedSnapshotIsServedWithoutARestart() throws Exception {
    Path warehouse = copy(FixtureWarehouse.get(), dir.resolve("warehouse"));
    SnapshotStore store = new SnapshotStore(warehouse);
    JavalinTest.test(DashboardApp.create(DashboardServer.deps(warehouse)), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode before = TestClient.json(c.get("/api/meta"));
      assertEquals(FixtureWarehouse.AS_OF.toString(), before.get("asOf").asText());

      Snapshot next;
      try (WriteLock lock = store.lockForWrite()) {
        next = store.publish(store.requireCurrent().toBuilder().property("as_of", "2026-12-31"));
      }
      Thread.sleep(1_100); // the server looks at CURRENT at most once a second
      JsonNode after = TestClient.json(c.get("/api/meta"));
      assertNotEquals(before.get("snapshotId").asText(), after.get("snapshotId").asText());
      assertEquals(next.id(), after.get("snapshotId").asText());
      assertEquals("2026-12-31", after.get("asOf").asText());
      assertEquals(200, c.get("/api/overview").statusCode(), "the pages answer from the new snapshot");
    });
  }

  private static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
