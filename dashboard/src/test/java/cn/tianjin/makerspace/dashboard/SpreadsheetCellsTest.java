package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The one rule for spreadsheet cells: formula text gets a leading ', numbers stay numbers, CSV quoting per RFC 4180. */
class SpreadsheetCellsTest {
  @Test
  void textThatBeginsLikeAFormulaGetsAnApostrophe() {
    for (String s : new String[] {"=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "=1\n=2", "-"}) {
      assertEquals("'" + s, SpreadsheetCells.neutralise(s), s);
    }
    for (String s : new String[] {"", "plain", "王=伟", " =1", "1-2", "a\n=2", "'=already text"}) {
      assertEquals(s, SpreadsheetCells.neutralise(s), s);
    }
    assertEquals(null, SpreadsheetCells.neutralise(null));
  }

  @Test
  void csvFieldsAreNeutralisedThenQuoted() {
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", SpreadsheetCells.csvText("=HYPERLINK(\"http://x\")"));
    assertEquals("\"'=1+2\nsecond\"", SpreadsheetCells.csvText("=1+2\nsecond"));
    assertEquals("\"'\rcr\"", SpreadsheetCells.csvText("\rcr"));
    assertEquals("'\ttab", SpreadsheetCells.csvText("\ttab"));
    assertEquals("\"a,b\"", SpreadsheetCells.csvText("a,b"));
    assertEquals("", SpreadsheetCells.csvText(null));
  }

  @Test
  void numbersStayNumbersAndEverythingElseIsText() {
    assertEquals("-3", SpreadsheetCells.csvValue(-3));
    assertEquals("-2.50", SpreadsheetCells.csvValue(new BigDecimal("-2.50")));
    assertEquals("-0.5", SpreadsheetCells.csvValue(-0.5d));
    assertEquals("'-Infinity", SpreadsheetCells.csvValue(Double.NEGATIVE_INFINITY));
    assertEquals("'-1+2", SpreadsheetCells.csvValue("-1+2"));
    assertEquals("2025-07-01", SpreadsheetCells.csvValue(LocalDate.of(2025, 7, 1)));
    assertEquals("", SpreadsheetCells.csvValue(null));
  }
}
