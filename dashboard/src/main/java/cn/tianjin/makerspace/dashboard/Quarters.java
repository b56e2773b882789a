package cn.tianjin.makerspace.dashboard;

import java.time.LocalDate;

/** Quarters written like {@code 2025Q3} (the contract's format), their first and last days. */
public final class Quarters {
  private Quarters() {}

  public static LocalDate firstDay(String quarter) {
    int year = Integer.parseInt(quarter.substring(0, 4));
    int q = quarter.charAt(5) - '0';
    return LocalDate.of(year, (q - 1) * 3 + 1, 1);
  }

  public static LocalDate lastDay(String quarter) {
    return firstDay(quarter).plusMonths(3).minusDays(1);
  }

  public static String previous(String quarter) {
    LocalDate d = firstDay(quarter).minusMonths(3);
    return d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1);
  }
}
