package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How query values become text: instants as Asia/Shanghai time to the second. */
class QueryResultTest {
  private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  @Test
  void instantsAreWrittenInShanghaiTimeToTheSecond() {
    assertEquals("2025-07-01T09:30:05+08:00", QueryResult.text(OffsetDateTime.of(2025, 7, 1, 1, 30, 5, 999_000_000, ZoneOffset.UTC)));
    assertEquals("2026-01-01T00:00:00+08:00", QueryResult.text(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8))));
  }

  @Test
  void theZonesHistoryIsFollowed() {
    // Shanghai kept daylight saving time from 1986 to 1991 (+09:00 in summer)
    for (OffsetDateTime t = OffsetDateTime.of(1899, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
        t.getYear() < 2031; t = t.plusHours(1237).plusSeconds(17)) {
      assertEquals(PATTERN.format(t.atZoneSameInstant(ZoneId.of("Asia/Shanghai"))), QueryResult.text(t), t.toString());
    }
  }

  /** The command line's CSV ({@code warehouse sql --format csv}) neutralises formula text as the exports do. */
  @Test
  void csvNeutralisesFormulaTextButNotNumbers() {
    QueryResult r = new QueryResult(List.of("a", "=b", "n", "d"), List.of("VARCHAR", "VARCHAR", "INTEGER", "DECIMAL"),
        List.of(Arrays.asList("=HYPERLINK(\"http://x\")", "-1+2\nmore", -3, new BigDecimal("-2.50")),
            Arrays.asList("@x", "\tt", null, null)), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.printCsv(new PrintStream(out, true, StandardCharsets.UTF_8));
    String nl = System.lineSeparator();
    assertEquals("a,'=b,n,d" + nl + "\"'=HYPERLINK(\"\"http://x\"\")\",\"'-1+2\nmore\",-3,-2.50" + nl + "'@x,'\tt,," + nl,
        out.toString(StandardCharsets.UTF_8));
  }
}
