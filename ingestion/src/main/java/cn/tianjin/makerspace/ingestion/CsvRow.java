package cn.tianjin.makerspace.ingestion;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One CSV record read by column name, with typed accessors that reject the row with a reason
 * naming the field. Values are trimmed; an empty value is absent.
 */
public final class CsvRow {
  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/M/d");
  private static final Pattern NON_NEGATIVE_INT = Pattern.compile("\\d{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,6}(\\.\\d{1,6})?");

  private final Map<String, Integer> columns;
  private final CsvRecords.Record record;

  CsvRow(Map<String, Integer> columns, CsvRecords.Record record) {
    this.columns = columns;
    this.record = record;
  }

  public int line() {
    return record.line();
  }

  public String raw() {
    return record.raw();
  }

  /** The trimmed value, or null when empty. */
  public String text(String column) {
    Integer i = columns.get(column);
    if (i == null || i >= record.fields().size()) {
      return null;
    }
    String v = record.fields().get(i).trim();
    return v.isEmpty() ? null : v;
  }

  public String required(String column) throws Rejected {
    String v = text(column);
    if (v == null) {
      throw new Rejected(ReasonCode.MISSING_VALUE, column + " is empty");
    }
    return v;
  }

  /** A date as yyyy-mm-dd (or yyyy/m/d, as Excel writes it); null when empty and optional. */
  public LocalDate date(String column, boolean required) throws Rejected {
    String v = required ? required(column) : text(column);
    return v == null ? null : parseDate(column, v);
  }

  static LocalDate parseDate(String column, String v) throws Rejected {
    try {
      return v.indexOf('/') >= 0 ? LocalDate.parse(v, SLASHED) : LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new Rejected(ReasonCode.BAD_VALUE, column + ": '" + v + "' is not a date (yyyy-mm-dd)");
    }
  }

  /** true/false (any case), 1/0 or 是/否; null when empty and optional. */
  public Boolean bool(String column, boolean required) throws Rejected {
    String v = required ? required(column) : text(column);
    if (v == null) {
      return null;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "是", "y", "yes":
        return Boolean.TRUE;
      case "false", "0", "否", "n", "no":
        return Boolean.FALSE;
      default:
        throw new Rejected(ReasonCode.BAD_VALUE, column + ": '" + v + "' is not true or false");
    }
  }

  /** A decimal number written as digits with an optional fraction (no sign, no exponent). */
  public double decimal(String column) throws Rejected {
    String v = required(column);
    if (!DECIMAL.matcher(v).matches()) {
      throw new Rejected(ReasonCode.BAD_VALUE, column + ": '" + v + "' is not a decimal number");
    }
    return Double.parseDouble(v);
  }

  /** A non-negative integer literal. */
  public int nonNegativeInt(String column) throws Rejected {
    String v = required(column);
    if (!NON_NEGATIVE_INT.matcher(v).matches()) {
      throw new Rejected(
          ReasonCode.BAD_VALUE, column + ": '" + v + "' is not a non-negative whole number");
    }
    return Integer.parseInt(v);
  }
}
