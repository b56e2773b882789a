package cn.tianjin.makerspace.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The one rule for the cells of every spreadsheet file the product writes (the console's CSV
 * export, the award shortlist's CSV and .xlsx, {@code warehouse sql --format csv}): a <em>text</em>
 * cell that begins with {@code = + - @}, a tab or a carriage return gets a leading apostrophe
 * {@code '}, so that Excel, WPS or LibreOffice show it as text and never evaluate it as a formula
 * (CSV or formula injection: a clerk's {@code =HYPERLINK(…)} in a report's notes must not become
 * a live link in an analyst's workbook). Only the first character counts, whatever follows (a line
 * break included). Numbers written as numbers are not text and are written as they are, a
 * negative one too. A CSV record is then written by Apache Commons CSV in RFC 4180 (comma, a
 * field quoted when it must be — a comma, a double quote, a line break, a leading or trailing
 * space — and a double quote doubled); a null is an empty field.
 */
public final class SpreadsheetCells {
  /** The product's CSV: RFC 4180, written by Apache Commons CSV. */
  private static final CSVFormat CSV = CSVFormat.RFC4180;

  /** The characters that make a spreadsheet read a cell as a formula (or as the start of one). */
  static final String FORMULA_STARTS = "=+-@\t\r";

  private SpreadsheetCells() {}

  /** A text cell's value as it is to be written: with a leading {@code '} when it begins like a formula. */
  public static String neutralise(String text) {
    if (text == null || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
      return text;
    }
    return "'" + text;
  }

  /** A text cell's content: {@link #neutralise neutralised}; null stays null (an empty field). */
  public static String csvText(String text) {
    return neutralise(text);
  }

  /**
   * A database value's content: a (finite) number as its digits, as it is; null as null (an empty
   * field); anything else — strings, dates, arrays, NaN — as {@link #neutralise neutralised} text
   * of {@link QueryResult#text}.
   */
  public static String csvValue(Object value) {
    if (value == null) {
      return null;
    }
    String text = QueryResult.text(value);
    return isNumber(value) ? text : neutralise(text);
  }

  /** One CSV record, without its line end, of cells made by {@link #csvText} and {@link #csvValue}. */
  public static String csvRecord(List<String> cells) {
    StringBuilder b = new StringBuilder();
    try {
      for (int i = 0; i < cells.size(); i++) {
        CSV.print(cells.get(i), b, i == 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return b.toString();
  }

  /** Whether a value is written as a number (a spreadsheet reads it as one): NaN and infinities are not. */
  static boolean isNumber(Object value) {
    if (value instanceof Double d) {
      return Double.isFinite(d);
    }
    if (value instanceof Float f) {
      return Float.isFinite(f);
    }
    return value instanceof Number;
  }
}
