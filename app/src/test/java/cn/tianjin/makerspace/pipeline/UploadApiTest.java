package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.XlsxReport;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.dashboard.web.TestClient;
import cn.tianjin.makerspace.pipeline.PipelineRunner;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 季报上报 end to end through the API: Heping's clerk checks a report for 2026Q4, sees the bad
 * row, confirms; the file lands under the contract's name, the queued pipeline run (real Spark on
 * a copy of the fixture) loads it, and the report's status becomes ON_TIME.
 */
@Tag("spark")
class UploadApiTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  static Path warehouse;
  static Path landing;
  static PipelineRunner runner;

  @BeforeAll
  static void setUp() throws IOException {
    Path tmp = Files.createTempDirectory("upload-api");
    warehouse = tmp.resolve("warehouse");
    landing = tmp.resolve("landing");
    FixtureWarehouse.copyTree(FixtureWarehouse.get(), warehouse);
    FixtureWarehouse.copyTree(FixtureWarehouse.sampleData(), landing);
    runner = new PipelineRunner(landing.toString(), new SnapshotStore(warehouse), warehouse, "local[2]", null, null, new PrintStream(NullOutputStream.INSTANCE), () -> TODAY);
  }

  @AfterAll
  static void tearDown() {
    runner.close();
  }

  static Javalin app() {
    DashboardApp.Deps base = DashboardServer.deps(warehouse);
    return DashboardApp.create(new DashboardApp.Deps(base.snapshot(), base.console(), base.users(), warehouse, runner));
  }

  /**
   * Heping's 2026Q4 report: the sessions of group G0001 in its 2026Q3 report three months on,
   * up to the as-of date, and one row with 13 hours.
   */
  static String report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", ReportCheck.COLUMNS));
    String q3 = Files.readString(FixtureWarehouse.sampleData().resolve("quarterly_reports/2026Q3/120101.2026-10-10.csv"));
    for (CsvRecords.Record r : CsvRecords.parse(q3).subList(1, CsvRecords.parse(q3).size())) {
      LocalDate d = LocalDate.parse(r.fields().get(0)).plusMonths(3);
      if (!d.isAfter(TODAY) && r.fields().get(1).equals("G0001")) {
        lines.add(d + "," + String.join(",", r.fields().subList(1, 6)) + ",");
      }
    }
    lines.add("2026-11-20,G0001,S0001,C00001,13,0,");
    return String.join("\n", lines) + "\n";
  }

  private static HttpResponse<String> upload(TestClient c, String query, byte[] body) {
    return c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/upload?" + query))
        .header("Accept", "application/json").header("Content-Type", "application/octet-stream")
        .header("X-CSRF-Token", c.csrf() == null ? "" : c.csrf())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  static int port;

  /**
   * The check names the report in force that the upload would replace (the mart's latest
   * submission for the district and quarter); a file of which no row passes cannot be confirmed.
   */
  @Test
  void theCheckNamesTheReportInForceAndAFileWithNoPassingRowIsNotConfirmed() throws Exception {
    byte[] sample = Files.readAllBytes(FixtureWarehouse.sampleData().resolve("quarterly_reports/2026Q1/120101.2026-04-03.csv"));
    List<List<Object>> latest = FixtureWarehouse.rows("select cast(submitted_on as varchar), source_file, rows_accepted"
        + " from quarterly_reports where district_code = '120101' and quarter = '2026Q1' and is_latest");
    JavalinTest.test(app(), (server, ignored) -> {
      port = server.port();
      TestClient c = new TestClient(port).login(FixtureWarehouse.DISTRICT);
      HttpResponse<String> checked = upload(c, "district=120101&quarter=2026Q1&name=r.csv", sample);
      assertEquals(200, checked.statusCode(), checked.body());
      JsonNode inForce = TestClient.json(checked).get("inForce");
      assertEquals(latest.get(0).stream().map(String::valueOf).toList(),
          List.of(inForce.get("submittedOn").asText(), inForce.get("sourceFile").asText(), inForce.get("rowsAccepted").asText()));
      assertEquals("2026-04-03", inForce.get("submittedOn").asText());

      String none = String.join(",", ReportCheck.COLUMNS) + "\n2026-01-08,G0001,S0002,C00001,13,2,\n";
      HttpResponse<String> bad = upload(c, "district=120101&quarter=2026Q1&name=bad.csv", none.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, bad.statusCode(), bad.body());
      assertEquals(0, TestClient.json(bad).get("rowsAccepted").asInt());
      HttpResponse<String> refused = c.post("/api/reports/upload/confirm", java.util.Map.of("token", TestClient.json(bad).get("token").asText()));
      assertEquals(400, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("no row of this file passes the check"), refused.body());
      assertTrue(Files.notExists(landing.resolve(TestClient.json(bad).get("landingPath").asText())), "nothing written");
    });
  }

  @Test
  void aDistrictClerkChecksConfirmsAndTheQueuedRunMakesTheReportOnTimeAndSeesTheRejectedRow() throws Exception {
    String csv = report();
    byte[] xlsx = cn.tianjin.makerspace.dashboard.ReportUploadServiceTest.workbook(csv);
    int lines = csv.split("\n").length;
    JavalinTest.test(app(), (server, ignored) -> {
      port = server.port();
      TestClient c = new TestClient(port).login(FixtureWarehouse.DISTRICT);

      // the template names the contract's columns
      HttpResponse<byte[]> t = c.getBytes("/api/reports/template.xlsx");
      assertEquals(200, t.statusCode());
      assertEquals(ReportCheck.COLUMNS, XlsxReport.records("template.xlsx", t.body()).get(0).fields());

      // another district's report, and no quarter: refused
      assertEquals(403, upload(c, "district=120102&quarter=2026Q4&name=r.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
      assertEquals(400, upload(c, "district=120101&name=r.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
      // more than 10 MB: refused before anything is checked
      assertEquals(413, upload(c, "district=120101&quarter=2026Q4&name=r.csv", new byte[(10 << 20) + 10]).statusCode());

      // the clerk's workbook (the CSV path is ReportUploadServiceTest's and the browser test's)
      HttpResponse<String> checked = upload(c, "district=120101&quarter=2026Q4&name=" + "%E5%AD%A3%E6%8A%A5.xlsx", xlsx);
      assertEquals(200, checked.statusCode(), checked.body());
      JsonNode p = TestClient.json(checked);
      assertEquals(lines - 1, p.get("rowsRead").asInt());
      assertEquals(1, p.get("problems").size(), p.get("problems").toString());
      JsonNode bad = p.get("problems").get(0);
      assertEquals(List.of(String.valueOf(lines), "hours", "BAD_VALUE"), List.of(bad.get("line").asText(), bad.get("field").asText(), bad.get("reason").asText()));
      assertEquals("quarterly_reports/2026Q4/120101.2026-11-27.xlsx", p.get("landingPath").asText());
      assertTrue(Files.notExists(landing.resolve(p.get("landingPath").asText())), "nothing written before the confirmation");

      // another user cannot confirm it; the clerk can
      TestClient admin = new TestClient(port).login(FixtureWarehouse.ADMIN);
      assertEquals(400, admin.post("/api/reports/upload/confirm", java.util.Map.of("token", p.get("token").asText())).statusCode());
      HttpResponse<String> confirmed = c.post("/api/reports/upload/confirm", java.util.Map.of("token", p.get("token").asText()));
      assertEquals(200, confirmed.statusCode(), confirmed.body());
      assertTrue(TestClient.json(confirmed).get("runQueued").asBoolean());
      assertArrayEquals(xlsx, Files.readAllBytes(landing.resolve(p.get("landingPath").asText())));
    });

    PipelineRun run = runner.await(runner.history().get(0).id(), Duration.ofMinutes(10));
    assertEquals(PipelineRun.Trigger.UPLOAD, run.trigger());
    assertEquals(PipelineRun.Status.OK, run.status(), run.error());
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
      List<List<Object>> kpi = db.select("select report_status, cast(report_first_submitted_on as varchar) from kpi_district_quarter"
          + " where district_code = '120101' and quarter = '2026Q4'").rows();
      assertEquals(List.of(List.of("ON_TIME", "2026-11-27")), kpi);
      long sessions = ((Number) db.select("select count(*) from onsite_sessions where source_file = 'quarterly_reports/2026Q4/120101.2026-11-27.xlsx'")
          .rows().get(0).get(0)).longValue();
      assertEquals(lines - 2, sessions, "every row but the bad one");
    }

    // the workbook's rejected row is the district's (quarantine.district_code): its clerk sees it
    // on 数据质量, and in the header's count of rows quarantined
    JavalinTest.test(app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      JsonNode rows = TestClient.json(c.get("/api/quality/rows?source=quarterly_reports&reason=BAD_VALUE&limit=500"));
      List<String> mine = new ArrayList<>();
      rows.get("rows").forEach(r -> {
        if (r.get("source_file").asText().endsWith(".xlsx")) {
          mine.add(r.get("source_file").asText() + ":" + r.get("line_number").asLong() + ":" + r.get("district_code").asText());
        }
      });
      assertEquals(List.of("quarterly_reports/2026Q4/120101.2026-11-27.xlsx:" + lines + ":120101"), mine);
      try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(warehouse))) {
        long quarantined = ((Number) db.select("select count(*) from quarantine where district_code = '120101'").rows().get(0).get(0)).longValue();
        assertEquals(quarantined, TestClient.json(c.get("/api/meta")).get("quarantinedRows").asLong());
      }
    });
  }
}
