package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SharedHdfs;
import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.WriteLock;
import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.dashboard.web.TestClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard serving a warehouse on a real HDFS from a local mirror: the same answers as from
 * the same warehouse in a local folder, its users and state in its local home, the SQL console
 * confined to the mirror, and a snapshot published on HDFS served without a restart.
 */
@Tag("spark")
@Tag("hdfs")
@ExtendWith(SharedHdfs.class)
class ServeOnHdfsTest {
  private static final String BY_STATUS = "SELECT sla_status, count(*) AS n FROM requests GROUP BY 1 ORDER BY 1";

  @TempDir Path tmp;

  @Test
  void theDashboardServesAnHdfsWarehouseFromItsMirror() throws Exception {
    Path local = FixtureWarehouse.get();
    String hdfs = SharedHdfs.newFolder("served");
    for (String part : List.of("CURRENT", "snapshots", "data")) {
      SharedHdfs.copyIn(local.resolve(part), hdfs + "/" + part);
    }
    Path home = tmp.resolve("home");
    FixtureWarehouse.copyTree(local.resolve("dashboard"), home.resolve("dashboard")); // the fixture's users

    // the command: an HDFS warehouse needs a local home
    assertTrue(cli(Commands.USER_ERROR, "users", "list", "--warehouse", hdfs).contains("needs --home DIR"));
    assertTrue(cli(0, "users", "list", "--warehouse", hdfs, "--home", home.toString()).contains(FixtureWarehouse.ANALYST + "\tanalyst"));

    SnapshotStore store = SnapshotStore.at(hdfs, home.resolve("mirror"));
    DashboardApp.Deps deps = DashboardServer.deps(store, home, ConsoleProcesses.Budget.DEFAULT);
    JavalinTest.test(FixtureWarehouse.app(), (localServer, ignored) -> JavalinTest.test(DashboardApp.create(deps), (server, alsoIgnored) -> {
      TestClient here = new TestClient(localServer.port()).login(FixtureWarehouse.LEADER);
      TestClient there = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      for (String api : List.of("/api/meta", "/api/overview", "/api/overview/districts", "/api/sla", "/api/awards")) {
        HttpResponse<String> r = there.get(api);
        assertEquals(200, r.statusCode(), api + ": " + r.body());
        assertEquals(TestClient.json(here.get(api)), TestClient.json(r), api);
      }
      try (Stream<Path> copies = Files.list(home.resolve("mirror/data"))) {
        assertFalse(copies.toList().isEmpty(), "the pages read the mirror");
      }

      TestClient analystHere = new TestClient(localServer.port()).login(FixtureWarehouse.ANALYST);
      TestClient analyst = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      HttpResponse<String> answer = analyst.post("/api/console/query", Map.of("sql", BY_STATUS));
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(TestClient.json(analystHere.post("/api/console/query", Map.of("sql", BY_STATUS))).get("rows"),
          TestClient.json(answer).get("rows"));
      for (String hostile : List.of("SELECT * FROM read_text('" + home.resolve("dashboard/users.json") + "')",
          "SELECT * FROM read_parquet('" + hdfs + "/data/*/*/*.parquet')")) {
        HttpResponse<String> refused = analyst.post("/api/console/query", Map.of("sql", hostile));
        assertEquals(400, refused.statusCode(), hostile + ": " + refused.body());
        assertFalse(refused.body().contains("pbkdf2"), refused.body());
        assertTrue(TestClient.json(refused).path("error").asText().contains("file system operations are disabled"), hostile + ": " + refused.body());
      }

      Snapshot next;
      try (WriteLock lock = store.lockForWrite()) {
        next = store.publish(store.requireCurrent().toBuilder().property("as_of", "2026-12-31"));
      }
      Thread.sleep(1_100); // the server looks at CURRENT at most once a second
      JsonNode meta = TestClient.json(there.get("/api/meta"));
      assertEquals(next.id(), meta.get("snapshotId").asText());
      assertEquals("2026-12-31", meta.get("asOf").asText());
    }));
  }

  /** Runs the {@code warehouse} command in this JVM, checking its exit status; what it printed, out and err. */
  private static String cli(int status, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int got = Warehouse.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(status, got, String.join(" ", argv) + ":\n" + printed);
    return printed;
  }
}
