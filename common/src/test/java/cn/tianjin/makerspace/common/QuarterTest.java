package cn.tianjin.makerspace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarterTest {
  @Test
  void aQuarterIsWrittenAndReadAsTheContractWritesIt() {
    Quarter q = Quarter.parse("2025Q3");
    assertEquals(new Quarter(2025, 3), q);
    assertEquals("2025Q3", q.toString());
    assertEquals(LocalDate.of(2025, 7, 1), q.firstDay());
    assertEquals(LocalDate.of(2025, 9, 30), q.lastDay());
    assertEquals(LocalDate.of(2024, 12, 31), Quarter.parse("2024Q4").lastDay());
    assertEquals(LocalDate.of(2024, 3, 31), Quarter.parse("2024Q1").lastDay());
    assertTrue(q.contains(LocalDate.of(2025, 8, 15)));
    assertFalse(q.contains(LocalDate.of(2025, 10, 1)));
  }

  @Test
  void everyDayFallsInTheQuarterThatContainsIt() {
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2025, 1, 1)); d = d.plusDays(1)) {
      Quarter q = Quarter.of(d);
      assertTrue(q.contains(d), d + " in " + q);
      assertEquals(2024, q.year());
    }
    assertEquals(new Quarter(2026, 4), Quarter.of(LocalDate.of(2026, 12, 31)));
  }

  @Test
  void malformedTextIsRefusedWithHowToWriteIt() {
    for (String bad : new String[] {"2025Q5", "2025Q0", "2025-Q3", "25Q3", "2025q3", " 2025Q3", ""}) {
      assertFalse(Quarter.isQuarter(bad), bad);
      Quarter.Malformed e = assertThrows(Quarter.Malformed.class, () -> Quarter.parse(bad));
      assertTrue(e.getMessage().contains("write it like 2025Q3"), e.getMessage());
    }
    assertTrue(Quarter.tryParse(null).isEmpty());
  }

  @Test
  void quartersSortInTimeOrder() {
    List<Quarter> qs = new ArrayList<>(List.of(Quarter.parse("2026Q1"), Quarter.parse("2025Q4"), Quarter.parse("2025Q2")));
    qs.sort(null);
    assertEquals("[2025Q2, 2025Q4, 2026Q1]", qs.toString());
  }
}
