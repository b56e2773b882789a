package cn.tianjin.makerspace.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.TextDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding, CSV splitting and timestamp parsing, without Spark. */
class ParsingTest {
  @Test
  void detectsUtf8BomAndGb18030() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b'};
    assertEquals(new TextDecoder.Decoded("a,b", "UTF-8 (BOM)"), TextDecoder.decode(bom, "x.csv"));
    assertEquals("UTF-8", TextDecoder.decode("和平区".getBytes(StandardCharsets.UTF_8), "x.csv").encoding());
    TextDecoder.Decoded gb = TextDecoder.decode("和平区,滨海新区".getBytes(Charset.forName("GB18030")), "x.csv");
    assertEquals(new TextDecoder.Decoded("和平区,滨海新区", "GB18030"), gb);
  }

  @Test
  void refusesBinaryContentNamingTheFile() {
    byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, (byte) 0xff, (byte) 0xfe};
    UserError e = assertThrows(UserError.class, () -> TextDecoder.decode(zip, "/landing/reference/districts.csv"));
    assertTrue(e.getMessage().startsWith("not a CSV text file: /landing/reference/districts.csv"), e.getMessage());
  }

  @Test
  void csvRecordsKeepTheirStartingLineAndRawText() {
    List<CsvRecords.Record> r = CsvRecords.parse("a,b\r\n1,\"x, \"\"y\"\"\"\r\n\r\n2,\"multi\nline\"\n3,\"open");
    assertEquals(4, r.size());
    assertEquals(List.of("1", "x, \"y\""), r.get(1).fields());
    assertEquals(2, r.get(1).line());
    assertEquals(4, r.get(2).line(), "the blank line 3 is skipped but counted");
    assertEquals(List.of("2", "multi\nline"), r.get(2).fields());
    assertEquals(6, r.get(3).line());
    assertFalse(r.get(3).wellFormed());
  }

  @Test
  void timestampsWithAndWithoutOffset() throws Rejected {
    assertEquals(Instant.parse("2025-07-03T02:15:00Z"), EventCheck.parseTimestamp("2025-07-03T10:15:00+08:00"));
    assertEquals(Instant.parse("2025-07-03T02:15:00Z"), EventCheck.parseTimestamp("2025-07-03T10:15:00"), "no offset: Asia/Shanghai");
    assertEquals(Instant.parse("2025-07-03T02:15:00Z"), EventCheck.parseTimestamp("2025-07-03 10:15:00"));
    assertEquals(Instant.parse("2025-07-03T16:30:00Z"), EventCheck.parseTimestamp("2025-07-03T16:30:00Z"));
    Rejected r = assertThrows(Rejected.class, () -> EventCheck.parseTimestamp("2025-07-03 上午"));
    assertEquals(ReasonCode.BAD_TIMESTAMP, r.reason());
  }

  @Test
  void landingLayoutIsRecognised() {
    assertEquals(LandingZone.Source.QUARTERLY_REPORTS, LandingZone.classify("quarterly_reports/2025Q3/120101.2025-10-10.csv", 1, 1).source());
    assertEquals(LandingZone.Source.UNRECOGNIZED, LandingZone.classify("quarterly_reports/2025Q5/120101.2025-10-10.csv", 1, 1).source());
    assertEquals(LandingZone.Source.UNRECOGNIZED, LandingZone.classify("quarterly_reports/2025Q3/120101-2025-10-10.csv", 1, 1).source());
    assertEquals(LandingZone.Source.REQUEST_LOGS, LandingZone.classify("request_logs/2025-07-03/x.jsonl.gz", 1, 1).source());
    assertEquals(LandingZone.Source.UNRECOGNIZED, LandingZone.classify("request_logs/2025-07-03/x.json", 1, 1).source());
    assertEquals(LandingZone.Source.UNRECOGNIZED, LandingZone.classify("readme.txt", 1, 1).source());
  }
}
