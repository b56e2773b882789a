package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {
  private final WorkCalendar cal = WorkCalendar.shipped();

  @Test
  void makeUpWorkingDaysAndHolidays() {
    assertTrue(cal.isWorkingDay(LocalDate.of(2025, 9, 28)), "Sunday 2025-09-28 is a make-up working day");
    assertTrue(cal.isWorkingDay(LocalDate.of(2025, 10, 11)), "Saturday 2025-10-11 is a make-up working day");
    assertFalse(cal.isWorkingDay(LocalDate.of(2025, 10, 1)), "National Day");
    assertFalse(cal.isWorkingDay(LocalDate.of(2026, 2, 18)), "Spring Festival 2026");
    assertTrue(cal.isWorkingDay(LocalDate.of(2025, 7, 3)), "an ordinary Thursday");
    assertFalse(cal.isWorkingDay(LocalDate.of(2025, 7, 5)), "an ordinary Saturday");
  }

  @Test
  void tenthWorkingDaySkipsTheNationalDayHoliday() {
    // 2025-09-30 (Tue) + 10: Oct 1-8 are off; then Oct 9, 10, 11 (make-up Saturday), 13-17, 20, 21
    assertEquals(LocalDate.of(2025, 10, 21), cal.addWorkingDays(LocalDate.of(2025, 9, 30), 10));
    assertEquals(LocalDate.of(2025, 7, 17), cal.addWorkingDays(LocalDate.of(2025, 7, 3), 10));
  }
}
