package cn.tianjin.makerspace.contract;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One CSV record read by column name, with typed accessors that reject the row with a reason
 * naming the field. Values are trimmed; an empty value is absent.
 */
public final class CsvRow {
  // strict: 2025/2/30 is no date (the default, smart resolution, would read it as 2025/2/28)
  private static final DateTimeFormatter SLASHED =
      DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT);
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
    // only the two shapes the contract names: ISO-8601 alone would also take "+999999999-12-31",
    // which a DATE column cannot hold
    boolean slashed = SLASHED_SHAPE.matcher(v).matches();
    if (slashed || ISO_SHAPE.matcher(v).matches()) {
      try {
        LocalDate d = slashed ? LocalDate.parse(v, SLASHED) : LocalDate.parse(v);
        if (d.getYear() >= 1) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // an impossible day: below
      }
    }
    throw new Rejected(ReasonCode.BAD_VALUE, column + ": '" + v + "' is not a date (yyyy-mm-dd)");
  }

  private static final Pattern ISO_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern SLASHED_SHAPE = Pattern.compile("\\d{4}/\\d{1,2}/\\d{1,2}");

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
