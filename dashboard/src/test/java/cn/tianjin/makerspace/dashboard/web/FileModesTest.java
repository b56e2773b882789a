package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.ConsoleStore;
import cn.tianjin.makerspace.dashboard.PipelineHistory;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's state (password hashes, every analyst's SQL, the pipeline runs) is readable by
 * the server's own account only: files 0600 in a 0700 folder, whoever created them.
 */
class FileModesTest {
  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void assertPrivate(Path warehouse, String... files) throws IOException {
    Path dir = warehouse.resolve("dashboard");
    assertEquals("rwx------", mode(dir), dir.toString());
    for (String f : files) {
      assertEquals("rw-------", mode(dir.resolve(f)), f);
    }
  }

  @Test
  void theStoresCreateTheirFilesPrivate(@TempDir Path warehouse) throws IOException {
    new UserStore(warehouse).add("someone", Role.LEADER, null, "a-long-password-1".toCharArray(), Set.of());
    ConsoleStore console = new ConsoleStore(warehouse);
    console.record(new ConsoleStore.AuditEntry("2026-11-27T10:00:00+08:00", "someone", ConsoleStore.Action.QUERY, "q-00000001", "SELECT 1", ConsoleStore.Outcome.OK, 1, false, 3, null));
    console.save("someone", "one", "SELECT 1");
    new PipelineHistory(warehouse).write(List.of());
    assertPrivate(warehouse, "users.json", "audit.log", "saved-queries.json", "pipeline-runs.jsonl");
    try (var files = Files.list(warehouse.resolve("dashboard"))) {
      assertEquals(Set.of("users.json", "audit.log", "saved-queries.json", "pipeline-runs.jsonl"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary file is left behind");
    }
  }

  @Test
  void startingTheServerMakesExistingFilesPrivateAndTheAppKeepsThemSo() throws IOException {
    Path warehouse = FixtureWarehouse.copyTree(FixtureWarehouse.get(), Files.createTempDirectory("file-modes"));
    Path dir = warehouse.resolve("dashboard");
    Files.writeString(dir.resolve("pipeline-runs.jsonl"), "");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir.resolve("users.json"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(dir.resolve("pipeline-runs.jsonl"), PosixFilePermissions.fromString("rw-rw-rw-"));
    Javalin app = DashboardServer.start(warehouse, "127.0.0.1", 0, new PrintStream(NullOutputStream.INSTANCE));
    try {
      assertPrivate(warehouse, "users.json", "pipeline-runs.jsonl");
      // files the running app creates: the audit log (a console query), users.json rewritten (a new user)
      TestClient analyst = new TestClient(app.port()).login(FixtureWarehouse.ANALYST);
      assertEquals(200, analyst.post("/api/console/query", Map.of("sql", "SELECT 1 AS one")).statusCode());
      TestClient admin = new TestClient(app.port()).login(FixtureWarehouse.ADMIN);
      assertEquals(200, admin.post("/api/admin/users", Map.of("name", "newcomer", "role", "leader", "password", "a-long-password-1")).statusCode());
      assertPrivate(warehouse, "users.json", "audit.log", "pipeline-runs.jsonl");
      assertTrue(Files.readString(dir.resolve("users.json")).contains("newcomer"));
    } finally {
      app.stop();
    }
  }
}
