package cn.tianjin.makerspace.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The official mainland-China working-day calendar: a date is a working day if it is listed as a
 * make-up working day (调休), or if it is Monday–Friday and not listed as a day off. The project
 * ships the State Council notices for 2015–2026 ({@code /reference/workday_overrides.csv}).
 */
public final class WorkCalendar {
  public static final int FIRST_COVERED_YEAR = 2015;
  public static final int LAST_COVERED_YEAR = 2026;

  private final Map<LocalDate, Boolean> offDay;

  public WorkCalendar(Map<LocalDate, Boolean> offDay) {
    this.offDay = Map.copyOf(offDay);
  }

  /** The calendar the project ships. */
  public static WorkCalendar shipped() {
    Map<LocalDate, Boolean> m = new HashMap<>();
    try (InputStream in = WorkCalendar.class.getResourceAsStream("/reference/workday_overrides.csv")) {
      if (in == null) {
        throw new IllegalStateException("project resource missing: /reference/workday_overrides.csv");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", -1);
        if (f.length >= 2) {
          m.put(LocalDate.parse(f[0]), Boolean.parseBoolean(f[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WorkCalendar(m);
  }

  public boolean isWorkingDay(LocalDate d) {
    Boolean off = offDay.get(d);
    if (off != null) {
      return !off;
    }
    DayOfWeek w = d.getDayOfWeek();
    return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
  }

  /** The {@code n}-th working day strictly after {@code d}. */
  public LocalDate addWorkingDays(LocalDate d, int n) {
    LocalDate x = d;
    int left = n;
    while (left > 0) {
      x = x.plusDays(1);
      if (isWorkingDay(x)) {
        left--;
      }
    }
    return x;
  }
}
