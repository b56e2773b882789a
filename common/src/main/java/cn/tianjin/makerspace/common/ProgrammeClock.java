package cn.tianjin.makerspace.common;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The programme's time: every date of the data contract, every deadline and every schedule is a
 * date or time in Tianjin — the time zone {@code Asia/Shanghai}. The one place it is named.
 */
public final class ProgrammeClock {
  /** Asia/Shanghai. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ProgrammeClock() {}

  /** Today in Tianjin: the default as-of date of a transform and the day of the alerts. */
  public static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** Now in Tianjin. */
  public static ZonedDateTime now() {
    return ZonedDateTime.now(ZONE);
  }
}
