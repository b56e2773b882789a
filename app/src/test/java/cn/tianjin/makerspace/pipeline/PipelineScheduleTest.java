package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.cli.Warehouse;
import cn.tianjin.makerspace.common.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline schedule's cron expressions, evaluated in Asia/Shanghai; bad ones are user errors. */
class PipelineScheduleTest {
  private static ZonedDateTime shanghai(String local) {
    return ZonedDateTime.parse(local + "+08:00[Asia/Shanghai]");
  }

  @Test
  void theDefaultIsEveryDayAtTwoInTheMorningShanghaiTime() {
    PipelineSchedule s = PipelineSchedule.parse(PipelineSchedule.DEFAULT);
    assertEquals("0 2 * * *", s.expression());
    assertEquals(shanghai("2026-11-29T02:00"), s.next(shanghai("2026-11-28T10:37:12")).orElseThrow());
    assertEquals(shanghai("2026-11-28T02:00"), s.next(shanghai("2026-11-28T01:59:59")).orElseThrow());
    assertEquals(shanghai("2026-11-29T02:00"), s.next(shanghai("2026-11-28T02:00")).orElseThrow(), "strictly after");
    // 02:00 in Tianjin is 18:00 UTC the day before
    assertEquals(shanghai("2026-11-29T02:00").toInstant(),
        s.next(ZonedDateTime.parse("2026-11-28T17:00Z[UTC]")).orElseThrow().toInstant());
  }

  @Test
  void unixFieldsAndSixFieldsWithSeconds() {
    assertEquals(shanghai("2026-11-30T06:30"), // the next Monday
        PipelineSchedule.parse("30 6 * * 1").next(shanghai("2026-11-28T10:00")).orElseThrow());
    assertEquals(shanghai("2026-11-28T10:00:05"),
        PipelineSchedule.parse("*/5 * * * * *").next(shanghai("2026-11-28T10:00:01")).orElseThrow());
    assertEquals(shanghai("2026-12-01T03:15:30"), // Quartz style with '?'
        PipelineSchedule.parse("30 15 3 1 * ?").next(shanghai("2026-11-28T10:00")).orElseThrow());
    assertEquals("0 2 * * *", PipelineSchedule.parse("  0  2 * *   * ").expression());
  }

  @Test
  void aBadExpressionIsAUserErrorNamingIt() {
    for (String bad : new String[] {"", "0 2 * *", "61 2 * * *", "0 25 * * *", "every night", "0 0 2 * * * 2026"}) {
      UserError e = assertThrows(UserError.class, () -> PipelineSchedule.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("bad --schedule '" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void serveRefusesABadScheduleAndAScheduleWithoutLanding(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("wh"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int status = Warehouse.run(new String[] {"serve", "--warehouse", tmp.resolve("wh").toString(),
        "--landing", tmp.toString(), "--schedule", "0 25 * * *"}, o, e);
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: bad --schedule '0 25 * * *': "), err.toString(StandardCharsets.UTF_8));
    err.reset();
    status = Warehouse.run(new String[] {"serve", "--warehouse", tmp.resolve("wh").toString(), "--schedule", "0 2 * * *"}, o, e);
    assertEquals(2, status);
    assertEquals("error: --schedule needs --landing DIR (the landing zone the scheduled runs ingest)\n", err.toString(StandardCharsets.UTF_8));
  }
}
