package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.web.FixtureWarehouse.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 数据质量 API against the fixture, every count recomputed here with direct SQL. */
class QualityApiTest {
  /** heping's quarterly-report files, by a plain LIKE (independent of the API's pattern). */
  private static final String HEPING_FILES = "source_file like 'quarterly_reports/%/120101.%.csv'";
  private static final SnapshotDatabase db = FixtureWarehouse.db();

  @Test
  void countsBySourceAndReasonEqualTheQuarantineTable() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ANALYST);
      JsonNode s = TestClient.json(c.get("/api/quality/summary"));
      Map<String, Long> direct = new HashMap<>();
      for (List<Object> r : db.select("select split_part(source_file, '/', 1) || ' ' || reason_code, count(*) from quarantine group by 1").rows()) {
        direct.put((String) r.get(0), ((Number) r.get(1)).longValue());
      }
      Map<String, Long> api = new HashMap<>();
      for (JsonNode x : s.get("counts")) {
        api.put(x.get("source").asText() + " " + x.get("reason_code").asText(), x.get("rows").asLong());
      }
      assertEquals(direct, api);
      assertEquals(count("select count(*) from quarantine"), s.get("total").asLong());
      assertTrue(s.get("total").asLong() > 100, "the sample's planted rejects are there");
      assertEquals(count("select count(*) from quarantine where source_file like 'request_logs/%'"), s.get("bySource").get("request_logs").asLong());

      // every reason code of the ingestion has a one-line label in both languages
      Set<String> labelled = new HashSet<>();
      for (JsonNode r : s.get("reasons")) {
        assertFalse(r.get("zh").asText().isBlank(), r.toString());
        assertFalse(r.get("en").asText().isBlank(), r.toString());
        assertTrue(r.get("zh").asText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), r.toString());
        labelled.add(r.get("code").asText());
      }
      for (ReasonCode r : ReasonCode.values()) {
        assertTrue(labelled.contains(r.name()), r.name());
      }
    });
  }

  @Test
  void clickingAReasonListsTheRowsThemselvesPaged() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      // every BAD_VALUE row, in file and line order, compared field by field
      List<List<Object>> direct = db.select(
          "select source_file, line_number, detail, raw from quarantine where reason_code = 'BAD_VALUE' order by source_file, line_number").rows();
      assertTrue(direct.size() > 10, "enough rows to page: " + direct.size());
      List<JsonNode> paged = new ArrayList<>();
      for (int offset = 0; ; offset += 7) {
        JsonNode p = TestClient.json(c.get("/api/quality/rows?reason=BAD_VALUE&limit=7&offset=" + offset));
        assertEquals(direct.size(), p.get("total").asLong());
        p.get("rows").forEach(paged::add);
        if (p.get("rows").size() < 7) {
          break;
        }
      }
      assertEquals(direct.size(), paged.size());
      for (int i = 0; i < direct.size(); i++) {
        JsonNode r = paged.get(i);
        assertEquals(direct.get(i).get(0), r.get("source_file").asText());
        assertEquals(((Number) direct.get(i).get(1)).longValue(), r.get("line_number").asLong());
        assertEquals(direct.get(i).get(2), r.get("detail").asText());
        assertEquals(direct.get(i).get(3), r.get("raw").asText());
        assertEquals("BAD_VALUE", r.get("reason_code").asText());
      }

      // source and reason together
      JsonNode nj = TestClient.json(c.get("/api/quality/rows?source=request_logs&reason=NOT_JSON&limit=500"));
      long notJson = count("select count(*) from quarantine where source_file like 'request_logs/%' and reason_code = 'NOT_JSON'");
      assertTrue(notJson > 0);
      assertEquals(notJson, nj.get("total").asLong());
      assertEquals(notJson, nj.get("rows").size());
      nj.get("rows").forEach(r -> assertEquals("request_logs", r.get("source").asText()));

      // a known code with no rows is an empty list, not an error
      JsonNode none = TestClient.json(c.get("/api/quality/rows?reason=DUPLICATE_KEY"));
      assertEquals(count("select count(*) from quarantine where reason_code = 'DUPLICATE_KEY'"), none.get("total").asLong());
    });
  }

  @Test
  void runsReconcileReadWithAcceptedQuarantinedAndDuplicates() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.ADMIN);
      JsonNode runs = TestClient.json(c.get("/api/quality/runs"));
      assertEquals(count("select count(distinct run_id) from ingest_runs"), runs.get("total").asLong());
      String newest = (String) db.select("select run_id from ingest_runs order by ingested_at desc, run_id desc limit 1").rows().get(0).get(0);
      JsonNode run = runs.get("runs").get(0);
      assertEquals(newest, run.get("run_id").asText(), "latest run first");
      Map<String, Long> quarantined = new HashMap<>();
      for (JsonNode src : run.get("sources")) {
        String source = src.get("source").asText();
        long read = src.get("rows_read").asLong();
        assertEquals(read, src.get("rows_accepted").asLong() + src.get("rows_quarantined").asLong() + src.get("duplicates_dropped").asLong(), source);
        assertTrue(src.get("balanced").asBoolean(), source);
        List<Object> d = db.select("select count(*), sum(rows_read) filter (where counted), sum(rows_accepted) filter (where counted),"
            + " sum(duplicates_dropped) filter (where counted), count(*) filter (where not counted and action <> 'REMOVED')"
            + " from ingest_runs where run_id = ? and source = ?", newest, source).rows().get(0);
        assertEquals(((Number) d.get(0)).longValue(), src.get("files").asLong(), source);
        assertEquals(((Number) d.get(1)).longValue(), read, source);
        assertEquals(((Number) d.get(2)).longValue(), src.get("rows_accepted").asLong(), source);
        assertEquals(((Number) d.get(3)).longValue(), src.get("duplicates_dropped").asLong(), source);
        assertEquals(((Number) d.get(4)).longValue(), src.get("files_superseded").asLong(), source);
        quarantined.put(source, src.get("rows_quarantined").asLong());
      }
      assertTrue(run.get("sources").size() >= 3, "reference, quarterly_reports and request_logs");
      assertTrue(quarantined.get("request_logs") > 0 && count("select sum(duplicates_dropped) from ingest_runs") > 0);

      // the fixture is one run, so its per-file counts are the quarantine table, except orphan
      // requests (re-evaluated on every run, in no file's count)
      JsonNode s = TestClient.json(c.get("/api/quality/summary"));
      assertEquals(s.get("bySource").get("reference").asLong(), quarantined.get("reference"));
      assertEquals(s.get("bySource").get("quarterly_reports").asLong(), quarantined.get("quarterly_reports"));
      assertEquals(s.get("bySource").get("request_logs").asLong() - count("select count(*) from quarantine where reason_code = 'ORPHAN_REQUEST'"),
          quarantined.get("request_logs"));
    });
  }

  @Test
  void districtUserSeesOnlyTheRowsOfTheirOwnDistrict() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      // quarantine.district_code (v1.1): the district's report rows and the request-log lines
      // naming its spaces
      long mine = count("select count(*) from quarantine where district_code = '120101'");
      long reportRows = count("select count(*) from quarantine where " + HEPING_FILES);
      long logLines = count("select count(*) from quarantine q join maker_spaces s on s.space_id = case when json_valid(q.raw) then json_extract_string(q.raw, '$.space_id') end"
          + " where q.source_file like 'request_logs/%' and q.reason_code <> 'ORPHAN_REQUEST' and s.district_code = '120101'");
      assertTrue(reportRows > 0 && logLines > 0, "the fixture has rejects in heping's reports and request-log lines");
      assertEquals(reportRows + logLines + count("select count(*) from quarantine where reason_code = 'ORPHAN_REQUEST' and district_code = '120101'"), mine);

      JsonNode s = TestClient.json(c.get("/api/quality/summary"));
      assertEquals(FixtureWarehouse.DISTRICT_CODE, s.get("district").asText());
      assertEquals(mine, s.get("total").asLong());
      for (JsonNode x : s.get("counts")) {
        assertTrue(List.of("quarterly_reports", "request_logs").contains(x.get("source").asText()), "no reference rows: " + x);
        assertEquals(count("select count(*) from quarantine where district_code = '120101' and split_part(source_file, '/', 1) = ? and reason_code = ?",
            x.get("source").asText(), x.get("reason_code").asText()), x.get("rows").asLong());
      }

      JsonNode rows = TestClient.json(c.get("/api/quality/rows?limit=500"));
      assertEquals(mine, rows.get("total").asLong());
      assertEquals(mine, rows.get("rows").size());
      for (JsonNode r : rows.get("rows")) {
        assertEquals("120101", r.get("district_code").asText(), r.toString());
      }
      // a reason that only other districts' or no district's rows have: nothing
      assertEquals(0, TestClient.json(c.get("/api/quality/rows?reason=NOT_JSON")).get("total").asLong());
      assertEquals(reportRows, TestClient.json(c.get("/api/quality/rows?source=quarterly_reports&limit=500")).get("total").asLong());
      assertEquals(logLines, TestClient.json(c.get("/api/quality/rows?source=request_logs&limit=500")).get("total").asLong());
      assertEquals(403, c.get("/api/quality/rows?source=reference").statusCode());
      assertEquals(403, c.get("/api/quality/rows?source=unrecognized").statusCode());
      assertEquals(403, c.get("/api/quality/summary?district=120102").statusCode());
      assertEquals(403, c.get("/api/quality/rows?district=120105").statusCode());
      assertEquals(403, c.get("/api/quality/runs?district=120102").statusCode());

      JsonNode runs = TestClient.json(c.get("/api/quality/runs"));
      long files = 0;
      for (JsonNode run : runs.get("runs")) {
        for (JsonNode src : run.get("sources")) {
          assertEquals("quarterly_reports", src.get("source").asText());
          files += src.get("files").asLong();
          assertTrue(src.get("balanced").asBoolean());
        }
      }
      assertEquals(count("select count(*) from ingest_runs where " + HEPING_FILES), files);
      assertEquals(count("select coalesce(sum(rows_read), 0) from ingest_runs where counted and " + HEPING_FILES),
          runs.get("runs").get(0).get("sources").get(0).get("rows_read").asLong());

      // a leader narrowing to heping sees the same
      TestClient leader = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertEquals(mine, TestClient.json(leader.get("/api/quality/summary?district=120101")).get("total").asLong());
      assertEquals(count("select count(*) from quarantine"), TestClient.json(leader.get("/api/quality/summary")).get("total").asLong());
    });
  }

  @Test
  void badInputIsAClear4xx() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      for (String bad : List.of(
          "/api/quality/rows?reason=bad-code", "/api/quality/rows?reason=BAD_VALUE;drop", "/api/quality/rows?source=ftp",
          "/api/quality/rows?limit=-1", "/api/quality/rows?limit=0", "/api/quality/rows?limit=501",
          "/api/quality/rows?limit=99999999999", "/api/quality/rows?offset=-1", "/api/quality/rows?offset=x",
          "/api/quality/runs?limit=0", "/api/quality/runs?limit=1000", "/api/quality/summary?district=heping")) {
        HttpResponse<String> r = c.get(bad);
        assertEquals(400, r.statusCode(), bad + " → " + r.body());
        assertFalse(r.body().contains("Exception"), r.body());
      }
      assertEquals(404, c.get("/api/quality/rows?reason=NO_SUCH_REASON").statusCode());
      assertEquals(404, c.get("/api/quality/summary?district=999999").statusCode());
      assertEquals(0, TestClient.json(c.get("/api/quality/rows?offset=999999")).get("rows").size());
      assertEquals(401, new TestClient(server.port()).get("/api/quality/summary").statusCode());
    });
  }
}
