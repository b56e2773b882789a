package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for spreadsheet cells: formula text gets a leading ', numbers stay numbers, CSV records per RFC 4180 (Apache Commons CSV). */
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
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", field(SpreadsheetCells.csvText("=HYPERLINK(\"http://x\")")));
    assertEquals("\"'=1+2\nsecond\"", field(SpreadsheetCells.csvText("=1+2\nsecond")));
    assertEquals("\"'\rcr\"", field(SpreadsheetCells.csvText("\rcr")));
    assertEquals("'\ttab", field(SpreadsheetCells.csvText("\ttab")));
    assertEquals("\"a,b\"", field(SpreadsheetCells.csvText("a,b")));
    assertEquals("王伟", field(SpreadsheetCells.csvText("王伟")));
  }

  @Test
  void aRecordSeparatesItsFieldsWithCommasAndANullIsAnEmptyField() {
    assertEquals("x,,\"a,b\",-1.5,'=1", SpreadsheetCells.csvRecord(Arrays.asList(
        SpreadsheetCells.csvText("x"), SpreadsheetCells.csvText(null), SpreadsheetCells.csvText("a,b"),
        SpreadsheetCells.csvValue(-1.5d), SpreadsheetCells.csvValue("=1"))));
    assertEquals("a,", SpreadsheetCells.csvRecord(Arrays.asList("a", SpreadsheetCells.csvValue(null))));
  }

  @Test
  void numbersStayNumbersAndEverythingElseIsText() {
    assertEquals("-3", SpreadsheetCells.csvValue(-3));
    assertEquals("-2.50", SpreadsheetCells.csvValue(new BigDecimal("-2.50")));
    assertEquals("-0.5", SpreadsheetCells.csvValue(-0.5d));
    assertEquals("'-Infinity", SpreadsheetCells.csvValue(Double.NEGATIVE_INFINITY));
    assertEquals("'-1+2", SpreadsheetCells.csvValue("-1+2"));
    assertEquals("2025-07-01", SpreadsheetCells.csvValue(LocalDate.of(2025, 7, 1)));
    assertNull(SpreadsheetCells.csvValue(null));
  }

  /** A cell as the one field of a CSV record. */
  private static String field(String cell) {
    return SpreadsheetCells.csvRecord(List.of(cell));
  }
}
