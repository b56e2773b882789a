package cn.tianjin.makerspace.common;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter, written as the data contract writes it: {@code 2025Q3} (the quarter of a
 * 季报, of the KPI marts, of a landing-zone folder). The one place a quarter is parsed, printed
 * or turned into days.
 */
public record Quarter(int year, int number) implements Comparable<Quarter> {
  private static final Pattern TEXT = Pattern.compile("(\\d{4})Q([1-4])");

  /** A text that is not a quarter like {@code 2025Q3}. */
  public static final class Malformed extends UserError {
    Malformed(String text) {
      super("'" + text + "' is not a quarter: write it like 2025Q3 (the year, Q, then 1 to 4)");
    }
  }

  public Quarter {
    if (number < 1 || number > 4 || year < 1000 || year > 9999) {
      throw new IllegalArgumentException("no quarter " + number + " of " + year);
    }
  }

  /** {@code 2025Q3} as a quarter; anything else throws {@link Malformed}. */
  public static Quarter parse(String text) {
    return tryParse(text).orElseThrow(() -> new Malformed(text));
  }

  /** {@code 2025Q3} as a quarter; empty for anything else (null included). */
  public static Optional<Quarter> tryParse(String text) {
    Matcher m = text == null ? null : TEXT.matcher(text);
    return m != null && m.matches() ? Optional.of(new Quarter(Integer.parseInt(m.group(1)), m.group(2).charAt(0) - '0')) : Optional.empty();
  }

  /** Whether {@code text} is written like {@code 2025Q3}. */
  public static boolean isQuarter(String text) {
    return tryParse(text).isPresent();
  }

  /** The quarter {@code day} falls in. */
  public static Quarter of(LocalDate day) {
    return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  /** Its first day: 1 January, April, July or October. */
  public LocalDate firstDay() {
    return LocalDate.of(year, (number - 1) * 3 + 1, 1);
  }

  /** Its last day: 31 March, 30 June, 30 September or 31 December. */
  public LocalDate lastDay() {
    return firstDay().plusMonths(3).minusDays(1);
  }

  /** Whether {@code day} is one of its days. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
  }

  @Override
  public int compareTo(Quarter o) {
    return year != o.year ? Integer.compare(year, o.year) : Integer.compare(number, o.number);
  }

  /** {@code 2025Q3}. */
  @Override
  public String toString() {
    return year + "Q" + number;
  }
}
