package cn.tianjin.makerspace.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import cn.tianjin.makerspace.contract.EventCheck;
import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte scan of the pre-pass agrees with the JSON parser, or says it is unsure. */
class EventIdScanTest {
  private static String scan(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return EventIdScan.scan(b, 0, b.length);
  }

  @Test
  void agreesWithTheParserWhereItIsSure() {
    JsonFactory json = new JsonFactory();
    for (String line : List.of(
        "{\"event_id\":\"E1\",\"type\":\"RECEIVED\"}",
        "{ \"type\":\"X\", \"event_id\" : \"E2\" }",
        "{\"event_id\":17,\"type\":\"X\"}",
        "{\"event_id\":null}",
        "{\"event_id\":\"  \"}",
        "{\"request_id\":\"R1\"}",
        "{\"event_id\":\"事件一\"}",
        "not json at all")) {
      String fast = scan(line);
      if (fast != EventIdScan.UNSURE) {
        assertEquals(EventCheck.eventIdOf(json, line), fast, line);
      }
    }
  }

  @Test
  void unsureWhenTheLineIsNotPlain() {
    assertSame(EventIdScan.UNSURE, scan("{\"note\":\"say \\\"event_id\\\"\",\"event_id\":\"E1\"}"));
    assertSame(EventIdScan.UNSURE, scan("{\"meta\":{\"event_id\":\"X\"},\"event_id\":\"E1\"}"));
    assertSame(EventIdScan.UNSURE, scan("[\"event_id\"]"));
    assertSame(EventIdScan.UNSURE, scan("{\"event_id\":\"E1\",\"event_id\":\"E2\"}"));
    assertSame(EventIdScan.UNSURE, scan("{\"note\":\"event_id\"}"));
  }
}
