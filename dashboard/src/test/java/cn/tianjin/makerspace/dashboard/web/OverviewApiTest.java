package cn.tianjin.makerspace.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

class OverviewApiTest {
  /** The same figure straight from the mart, to check the API's sums against. */
  private static long requestsIn(String quarter, String district) {
    try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(FixtureWarehouse.get()))) {
      return ((Number) db.select(
          "select count(*) from requests where year(received_date) || 'Q' || quarter(received_date) = ? and (? is null or district_code = ?)",
          quarter, district, district).rows().get(0).get(0)).longValue();
    }
  }

  @Test
  void leaderSeesEveryDistrictAndTheCardsAddUp() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      JsonNode o = TestClient.json(c.get("/api/overview?quarter=2025Q3"));
      assertEquals("2025Q3", o.get("quarter").asText());
      assertEquals("2025Q2", o.get("previousQuarter").asText());
      assertEquals(16, o.get("districts").size());
      assertEquals(requestsIn("2025Q3", null), o.get("current").get("requests_received").asLong());
      long byChannel = 0;
      for (JsonNode ch : o.get("channels")) {
        byChannel += ch.get("requests").asLong();
      }
      assertEquals(requestsIn("2025Q3", null), byChannel, "the channel mix adds up to the requests");
      double rate = o.get("current").get("sla_on_time_rate").asDouble();
      assertTrue(rate > 0 && rate <= 1, "rate " + rate);
    });
  }

  @Test
  void districtUserGetsOnlyTheirDistrictAndIsRefusedAnother() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.DISTRICT);
      JsonNode o = TestClient.json(c.get("/api/overview?quarter=2025Q3"));
      assertEquals(1, o.get("districts").size());
      assertEquals(FixtureWarehouse.DISTRICT_CODE, o.get("districts").get(0).get("district_code").asText());
      assertEquals(requestsIn("2025Q3", FixtureWarehouse.DISTRICT_CODE), o.get("current").get("requests_received").asLong());
      assertEquals(403, c.get("/api/overview?quarter=2025Q3&district=120102").statusCode());
      JsonNode meta = TestClient.json(c.get("/api/meta"));
      assertEquals(1, meta.get("districts").size());
      try (SnapshotDatabase db = SnapshotDatabase.open(new SnapshotStore(FixtureWarehouse.get()))) {
        // quarantine.district_code (v1.1): its report rows and the request-log lines naming its spaces
        long own = ((Number) db.select("select count(*) from quarantine where district_code = '120101'")
            .rows().get(0).get(0)).longValue();
        assertTrue(own > ((Number) db.select("select count(*) from quarantine where source_file like 'quarterly_reports/%/120101.%'")
            .rows().get(0).get(0)).longValue(), "request-log lines too");
        assertEquals(own, meta.get("quarantinedRows").asLong(), "the header counts only the district's own quarantined rows");
      }
    });
  }

  @Test
  void badParametersAreClear4xx() {
    JavalinTest.test(FixtureWarehouse.app(), (server, ignored) -> {
      TestClient c = new TestClient(server.port()).login(FixtureWarehouse.LEADER);
      assertEquals(400, c.get("/api/overview?quarter=2025Q5").statusCode());
      assertEquals(400, c.get("/api/overview?quarter=last").statusCode());
      assertEquals(404, c.get("/api/overview?quarter=2001Q1").statusCode());
      assertEquals(404, c.get("/api/overview?district=999999").statusCode());
      assertEquals(400, c.get("/api/overview?district=heping").statusCode());
    });
  }
}
