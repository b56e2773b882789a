package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tianjin.makerspace.common.WorkCalendar;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** work_calendar's rows: the shipped calendar's days off and make-up days, numbered working days. */
class WorkCalendarMartTest {
  @Test
  void nationalDayWeekWithItsMakeUpDays() {
    // 2025: Sunday 09-28 is a make-up working day, 10-01..10-08 are off, Saturday 10-11 works
    List<Row> rows = WorkCalendarMart.rows(WorkCalendar.shipped(), LocalDate.of(2025, 9, 26), LocalDate.of(2025, 10, 13));
    assertEquals(18, rows.size());
    StringBuilder working = new StringBuilder();
    for (Row r : rows) {
      working.append(r.getBoolean(1) ? 'W' : '-');
    }
    //                  26 27 28 29 30  1  2  3  4  5  6  7  8  9 10 11 12 13
    assertEquals("W-WWW--------WWW-W", working.toString());
    // working_day_number counts the working days from the first date through each date
    assertEquals(List.of(1L, 1L, 2L, 3L, 4L), rows.subList(0, 5).stream().map(r -> r.getLong(2)).toList());
    assertEquals(8L, rows.get(17).getLong(2));
    // the number climbs by one on a working day and stays on a day off
    for (int i = 1; i < rows.size(); i++) {
      long step = rows.get(i).getLong(2) - rows.get(i - 1).getLong(2);
      assertEquals(rows.get(i).getBoolean(1) ? 1L : 0L, step, "step at " + rows.get(i).get(0));
    }
  }

  @Test
  void aLandingOverrideWinsOverTheWeekdayRule() {
    WorkCalendar calendar = new WorkCalendar(java.util.Map.of(LocalDate.of(2027, 1, 4), true, LocalDate.of(2027, 1, 9), false));
    List<Row> rows = WorkCalendarMart.rows(calendar, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 10));
    // Mon 4 off (override), Tue-Fri on, Sat 9 on (override), Sun 10 off
    assertEquals(List.of(false, true, true, true, true, true, false), rows.stream().map(r -> r.getBoolean(1)).toList());
  }
}
