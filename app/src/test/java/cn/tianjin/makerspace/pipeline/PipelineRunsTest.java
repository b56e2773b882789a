package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.FailPoints;
import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SpoiledSegments;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.PipelineHistory;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.dashboard.web.TestClient;
import cn.tianjin.makerspace.pipeline.PipelineRunner;
import cn.tianjin.makerspace.pipeline.PipelineSchedule;
import cn.tianjin.makerspace.transforms.TransformJob;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scheduled pipeline runs, end to end on a copy of {@code sample-data/} with real Spark runs
 * (local[2]). A pipeline run costs 20-40 s, so one test walks a warehouse's life in steps that
 * build on each other, on one warehouse and one runner: (1) the schedule fires and publishes the
 * first snapshot; (2) a forced failure keeps that snapshot live and a run while another process
 * holds the write lock fails at once; (3) the admin API, whose first run (that process dead, its
 * .lock file left behind) takes the lock over and publishes.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunsTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
  private static final PrintStream QUIET = new PrintStream(NullOutputStream.INSTANCE);

  private Path landing;
  private Path warehouse;
  private SnapshotStore store;
  private PipelineRunner runner;
  private ZonedDateTime due;

  @BeforeAll
  void setUp() throws IOException {
    Path dir = Files.createTempDirectory("pipeline-runs");
    landing = dir.resolve("landing");
    FixtureWarehouse.copyTree(FixtureWarehouse.sampleData(), landing);
    warehouse = dir.resolve("warehouse");
    store = new SnapshotStore(warehouse);
    UserStore users = new UserStore(warehouse);
    for (String name : List.of(FixtureWarehouse.ADMIN, FixtureWarehouse.LEADER, FixtureWarehouse.ANALYST)) {
      Role role = Role.parse(name);
      users.add(name, role, null, FixtureWarehouse.password(name).toCharArray(), Set.of());
    }
  }

  @AfterAll
  void tearDown() {
    FailPoints.failAt(null);
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void aWarehouseLife() throws Exception {
    theScheduleFiresAndTheRunPublishesTheFirstSnapshot();
    aFailedRunKeepsTheSnapshotAndALockedWarehouseRefusesARun();
    theAdminApiListsAndStartsRunsTheNextRunTakesOverAStaleLockAndEveryoneElseIsRefused();
  }

  private void theScheduleFiresAndTheRunPublishesTheFirstSnapshot() throws Exception {
    // once a day at a time 8 s from now (6 fields: seconds first), in Asia/Shanghai
    due = ProgrammeClock.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
    String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * *";
    runner = new PipelineRunner(landing.toString(), new SnapshotStore(warehouse), warehouse, "local[2]", null, PipelineSchedule.parse(cron), QUIET);
    assertTrue(runner.nextScheduled().isEmpty(), "not following the schedule yet");
    runner.startSchedule();
    assertEquals(due.toInstant(), runner.nextScheduled().orElseThrow().toInstant());
    assertTrue(store.current().isEmpty(), "nothing published before the run");
    assertTrue(runner.history().isEmpty());

    PipelineRun run = awaitFirstRun();
    assertEquals(1, run.id());
    assertEquals(PipelineRun.Trigger.SCHEDULE, run.trigger());
    assertNull(run.by());
    assertEquals(PipelineRun.Status.OK, run.status(), run.error());
    assertNull(run.error());
    assertFalse(Instant.parse(run.started()).isBefore(due.toInstant()), run.started() + " is before " + due);
    assertTrue(Instant.parse(run.finished()).isAfter(Instant.parse(run.started())));
    assertEquals(ProgrammeClock.today().toString(), run.asOf());
    assertEquals(store.current().orElseThrow().id(), run.snapshot());
    assertEquals(run.asOf(), store.current().orElseThrow().properties().get("as_of"));
    assertEquals(due.plusDays(1).toInstant(), runner.nextScheduled().orElseThrow().toInstant(), "the next time is tomorrow");
    assertEquals(0, run.checks().failed(), run.checks().toString());
    assertEquals(List.of(), run.checks().failures());
    assertTrue(run.checks().passed() >= 30, run.checks().toString());

    // rows per source as ingested = the new snapshot's ingest_runs (counted files: the effective reports)
    assertEquals(Boolean.TRUE, run.ingestPublished());
    assertEquals(List.of("reference", "quarterly_reports", "request_logs"), run.sources().stream().map(PipelineRun.Source::source).toList());
    try (SnapshotDatabase db = SnapshotDatabase.open(store)) {
      List<List<Object>> expected = db.select("""
          SELECT source, count(*), sum(rows_read), sum(rows_accepted), sum(rows_quarantined), sum(duplicates_dropped)
          FROM ingest_runs WHERE counted AND source IN ('reference', 'quarterly_reports', 'request_logs')
          GROUP BY source ORDER BY CASE source WHEN 'reference' THEN 1 WHEN 'quarterly_reports' THEN 2 ELSE 3 END""").rows();
      List<List<Object>> actual = new ArrayList<>();
      for (PipelineRun.Source s : run.sources()) {
        actual.add(List.of(s.source(), s.files(), s.read(), s.accepted(), s.quarantined(), s.duplicates()));
      }
      assertEquals(expected.toString(), actual.toString());
      long events = ((Number) db.select("SELECT count(*) FROM request_events").rows().get(0).get(0)).longValue();
      assertEquals(events, run.sources().get(2).accepted(), "every accepted request-log line is an event");
    }

    // the history file: one JSON line per run
    List<String> lines = Files.readAllLines(new PipelineHistory(warehouse).file());
    assertEquals(1, lines.size());
    assertEquals(List.of(run), new PipelineHistory(warehouse).read());
  }

  private void aFailedRunKeepsTheSnapshotAndALockedWarehouseRefusesARun() throws Exception {
    String before = store.current().orElseThrow().id();

    // a failure just before the transform publishes: the previous snapshot stays live
    FailPoints.failAt(TransformJob.BEFORE_PUBLISH);
    PipelineRun failed;
    try {
      failed = runner.await(runner.start(PipelineRun.Trigger.ADMIN, "admin").id(), RUN_TIMEOUT);
    } finally {
      FailPoints.failAt(null);
    }
    assertEquals(2, failed.id());
    assertEquals(PipelineRun.Status.FAILED, failed.status());
    assertEquals("IllegalStateException: forced failure at " + TransformJob.BEFORE_PUBLISH, failed.error());
    assertEquals(Boolean.FALSE, failed.ingestPublished(), "the landing zone had not changed");
    assertEquals(List.of(), failed.sources());
    assertNull(failed.snapshot());
    assertEquals(before, store.current().orElseThrow().id(), "the previous snapshot is still live");

    // another process holds the write lock: the run fails at once, before any Spark work
    Process holder = holdLock(warehouse.resolve(".lock"));
    PipelineRun refused;
    try {
      refused = runner.await(runner.start(PipelineRun.Trigger.ADMIN, "admin").id(), RUN_TIMEOUT);
    } finally {
      holder.destroyForcibly(); // dies without releasing anything: the OS drops its lock
      holder.waitFor();
    }
    assertEquals(3, refused.id());
    assertEquals(PipelineRun.Status.FAILED, refused.status());
    assertEquals("another process is writing to the warehouse " + store.location(), refused.error());
    assertNull(refused.ingestPublished(), "no ingest was tried");
    assertTrue(Duration.between(Instant.parse(refused.started()), Instant.parse(refused.finished())).toSeconds() < 5);
    assertEquals(before, store.current().orElseThrow().id());

    assertEquals(List.of(3L, 2L, 1L), runner.history().stream().map(PipelineRun::id).toList());
    assertEquals(3, Files.readAllLines(new PipelineHistory(warehouse).file()).size());
  }

  /** The dead lock holder left its .lock file: the run the administrator starts takes the lock over and publishes. */
  private void theAdminApiListsAndStartsRunsTheNextRunTakesOverAStaleLockAndEveryoneElseIsRefused() throws Exception {
    assertTrue(Files.exists(warehouse.resolve(".lock")));
    DashboardApp.Deps base = DashboardServer.deps(warehouse);
    DashboardApp.Deps deps = new DashboardApp.Deps(base.snapshot(), base.console(), base.users(), warehouse, runner);
    String before = store.current().orElseThrow().id();
    JavalinTest.test(DashboardApp.create(deps), (server, ignored) -> {
      TestClient anon = new TestClient(server.port());
      assertEquals(401, anon.get("/api/admin/runs").statusCode());
      assertEquals(401, anon.post("/api/admin/runs", Map.of()).statusCode());
      for (String who : List.of(FixtureWarehouse.LEADER, FixtureWarehouse.ANALYST)) {
        TestClient c = new TestClient(server.port()).login(who);
        assertEquals(403, c.get("/api/admin/runs").statusCode(), who);
        assertEquals(403, c.post("/api/admin/runs", Map.of()).statusCode(), who);
      }
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      assertEquals(403, admin.postRaw("/api/admin/runs", "{}", false).statusCode(), "no CSRF token");
      assertEquals(3, runner.history().size(), "none of the refused calls started a run");

      JsonNode list = TestClient.json(admin.get("/api/admin/runs"));
      assertTrue(list.get("enabled").asBoolean());
      assertEquals("Asia/Shanghai", list.get("timeZone").asText());
      assertEquals(due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * *", list.get("schedule").asText());
      assertEquals(due.plusDays(1).toOffsetDateTime().toString(), list.get("nextRun").asText());
      assertFalse(list.get("running").asBoolean());
      assertEquals("[3, 2, 1]", ids(list));
      assertEquals("[failed, failed, ok]", field(list, "status"));
      assertEquals("[admin, admin, schedule]", field(list, "trigger"));
      assertEquals("IllegalStateException: forced failure at " + TransformJob.BEFORE_PUBLISH, list.get("runs").get(1).get("error").asText());
      assertTrue(list.get("runs").get(0).get("snapshot").isNull(), "the refused run published nothing");
      assertEquals(before, list.get("runs").get(2).get("snapshot").asText());

      // the dashboard shows the live snapshot ...
      TestClient leader = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertEquals(before, TestClient.json(leader.get("/api/meta")).get("snapshotId").asText());

      // ... an administrator starts a run; a second request while it runs is refused
      HttpResponse<String> started = admin.post("/api/admin/runs", Map.of());
      assertEquals(202, started.statusCode(), started.body());
      JsonNode run = TestClient.json(started);
      assertEquals(4, run.get("id").asInt());
      assertEquals("running", run.get("status").asText());
      assertEquals("admin", run.get("trigger").asText());
      assertEquals("admin", run.get("by").asText());
      HttpResponse<String> again = admin.post("/api/admin/runs", Map.of());
      assertEquals(409, again.statusCode(), again.body());
      String error = TestClient.json(again).path("title").asText(TestClient.json(again).path("error").asText());
      assertTrue(error.startsWith("a pipeline run is already in progress (run 4, started "), error);
      assertTrue(TestClient.json(admin.get("/api/admin/runs")).get("running").asBoolean());

      PipelineRun done = runner.await(4, RUN_TIMEOUT);
      assertEquals(PipelineRun.Status.OK, done.status(), done.error());
      assertEquals(Boolean.FALSE, done.ingestPublished(), "the landing zone had not changed");
      assertNotEquals(before, done.snapshot());
      assertEquals(done.snapshot(), store.current().orElseThrow().id());
      assertEquals(4, Files.readAllLines(new PipelineHistory(warehouse).file()).size());
      JsonNode after = TestClient.json(admin.get("/api/admin/runs"));
      assertEquals("[4, 3, 2, 1]", ids(after));
      assertEquals("ok", after.get("runs").get(0).get("status").asText());
      assertEquals(done.snapshot(), after.get("runs").get(0).get("snapshot").asText());
      assertFalse(after.get("running").asBoolean());

      // ... and follows the new snapshot by itself (LiveSnapshot looks at CURRENT once a second)
      Thread.sleep(1100);
      assertEquals(done.snapshot(), TestClient.json(leader.get("/api/meta")).get("snapshotId").asText());

      // a run whose requests mart gets a duplicate row fails its data checks: nothing published,
      // the run lists the failing checks with their offending rows
      FailPoints.runAt(TransformJob.BEFORE_CHECKS,
          () -> SpoiledSegments.duplicateFirstRow(store.resolve(""), "requests", "request_id"));
      PipelineRun broken;
      try {
        broken = runner.await(runner.start(PipelineRun.Trigger.ADMIN, "admin").id(), RUN_TIMEOUT);
      } finally {
        FailPoints.runAt(TransformJob.BEFORE_CHECKS, null);
      }
      assertEquals(PipelineRun.Status.FAILED, broken.status());
      assertTrue(broken.error().startsWith("data checks failed: "), broken.error());
      assertEquals(done.snapshot(), store.current().orElseThrow().id(), "nothing published");
      JsonNode checks = TestClient.json(admin.get("/api/admin/runs")).get("runs").get(0).get("checks");
      assertEquals(broken.checks().failed(), checks.get("failed").asInt());
      assertTrue(checks.get("passed").asInt() >= 28, checks.toString());
      boolean named = false;
      for (JsonNode f : checks.get("failures")) {
        named |= f.get("name").asText().equals("requests.unique_request_id") && f.get("rows").asLong() == 1;
      }
      assertTrue(named, "requests.unique_request_id with 1 offending row: " + checks);
    });

    // a server without a landing zone: no runs to start, the recorded ones still listed
    JavalinTest.test(DashboardApp.create(base), (server, ignored) -> {
      TestClient admin = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      HttpResponse<String> r = admin.post("/api/admin/runs", Map.of());
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(r.body().contains("this server has no landing zone"), r.body());
      JsonNode list = TestClient.json(admin.get("/api/admin/runs"));
      assertFalse(list.get("enabled").asBoolean());
      assertTrue(list.get("nextRun").isNull());
      assertEquals("[5, 4, 3, 2, 1]", ids(list));
    });
  }

  private PipelineRun awaitFirstRun() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (runner.history().isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "the schedule did not start a run");
      Thread.sleep(200);
    }
    return runner.await(runner.history().get(0).id(), RUN_TIMEOUT);
  }

  private static String ids(JsonNode list) {
    return field(list, "id");
  }

  private static String field(JsonNode list, String name) {
    List<String> values = new ArrayList<>();
    list.get("runs").forEach(r -> values.add(r.get(name).asText()));
    return values.toString();
  }

  /** A separate JVM that takes the OS lock on {@code lockFile} and holds it until it is killed. */
  private static Process holdLock(Path lockFile) throws IOException {
    Path src = Files.createTempDirectory("lock-holder").resolve("LockHolder.java");
    Files.writeString(src, """
        import java.nio.channels.FileChannel;
        import java.nio.file.Path;
        import java.nio.file.StandardOpenOption;
        public class LockHolder {
          public static void main(String[] a) throws Exception {
            FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            System.out.println(ch.tryLock() == null ? "BUSY" : "LOCKED");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
          }
        }
        """);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, src.toString(), lockFile.toString()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"LOCKED".equals(line)) {
      p.destroyForcibly();
      throw new AssertionError("the lock holder said: " + line);
    }
    return p;
  }
}
