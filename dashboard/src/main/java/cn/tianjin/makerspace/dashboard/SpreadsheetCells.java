package cn.tianjin.makerspace.dashboard;

/**
 * The one rule for the cells of every spreadsheet file the product writes (the console's CSV
 * export, the award shortlist's CSV and .xlsx, {@code warehouse sql --format csv}): a <em>text</em>
 * cell that begins with {@code = + - @}, a tab or a carriage return gets a leading apostrophe
 * {@code '}, so that Excel, WPS or LibreOffice show it as text and never evaluate it as a formula
 * (CSV or formula injection: a clerk's {@code =HYPERLINK(…)} in a report's notes must not become
 * a live link in an analyst's workbook). Only the first character counts, whatever follows (a line
 * break included). Numbers written as numbers are not text and are written as they are, a
 * negative one too. A CSV field is then quoted per RFC 4180 when it holds a comma, a double quote,
 * a carriage return or a line feed.
 */
public final class SpreadsheetCells {
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

  /** A text cell as one CSV field: {@link #neutralise neutralised}, then quoted when needed. */
  public static String csvText(String text) {
    return quote(neutralise(text == null ? "" : text));
  }

  /**
   * A database value as one CSV field: a (finite) number as its digits, as it is; null as an empty
   * field; anything else — strings, dates, arrays, NaN — as text ({@link #csvText}) of
   * {@link QueryResult#text}.
   */
  public static String csvValue(Object value) {
    String text = QueryResult.text(value);
    return isNumber(value) ? quote(text) : csvText(text);
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

  /** RFC 4180: a field holding , " CR or LF is put in double quotes, a double quote doubled. */
  static String quote(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + field.replace("\"", "\"\"") + '"';
      }
    }
    return field;
  }
}
