package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.common.Quarter;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The outcomes the property tests allow, as assertions: an accepted row that fits its table (and
 * obeys the rule it was checked against), a quarantine row with a reason and a detail naming the
 * field, or — for a whole file that cannot be read — the documented refusal naming the file.
 * Anything else (an unexpected exception) escapes and fails the property.
 */
final class Outcomes {
  /** What reading one file gave. */
  record Counts(int accepted, int quarantined, boolean refused) {
    static Counts refusedFile() {
      return new Counts(0, 0, true);
    }
  }

  /** The oldest and newest day a Spark DATE or TIMESTAMP holds (what the tables can store). */
  static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private Outcomes() {}

  static AssertionError fail(String message) {
    return new AssertionError(message);
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw fail(message);
    }
  }

  /** The refusal of a whole file: a UserError whose message starts with {@code prefix} (naming the file). */
  static void assertRefusal(UserError e, String prefix) {
    check(e.getMessage() != null && e.getMessage().startsWith(prefix),
        "the refusal must name the file: expected '" + prefix + "…', got: " + e.getMessage());
  }

  /**
   * A quarantine row's reason and detail: a reason, a detail that is not blank and, for a value
   * that is missing or wrong, names the field ({@code columns} are the file's).
   */
  static void assertQuarantined(Rejected x, List<String> columns) {
    check(x.reason() != null, "a quarantine row needs a reason");
    check(x.detail() != null && !x.detail().isBlank(), "a quarantine row needs a detail: " + x.reason());
    if (x.reason() == ReasonCode.MISSING_VALUE || x.reason() == ReasonCode.BAD_VALUE || x.reason() == ReasonCode.UNKNOWN_REFERENCE) {
      check(columns.stream().anyMatch(c -> x.detail().contains(c)),
          x.reason() + " must name the field: " + x.detail());
    }
  }

  /** An accepted row fits the table it is written to: its width, types, non-null columns and date range. */
  static void assertFits(Row row, StructType schema, String what) {
    check(row.length() == schema.size(), what + ": " + row.length() + " values for " + schema.size() + " columns");
    for (int i = 0; i < schema.size(); i++) {
      StructField f = schema.fields()[i];
      Object v = row.get(i);
      if (v == null) {
        check(f.nullable(), what + ": " + f.name() + " is null in a non-null column: " + row);
        continue;
      }
      assertType(v, f.dataType(), what + ": " + f.name());
    }
  }

  private static void assertType(Object v, DataType t, String what) {
    if (t.equals(DataTypes.StringType)) {
      check(v instanceof String, what + " is not a string: " + v.getClass());
    } else if (t.equals(DataTypes.DateType)) {
      check(v instanceof LocalDate, what + " is not a date: " + v.getClass());
      LocalDate d = (LocalDate) v;
      check(!d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY), what + ": " + d + " is outside what a DATE column holds");
    } else if (t.equals(DataTypes.TimestampType)) {
      check(v instanceof Instant, what + " is not an instant: " + v.getClass());
      Instant ts = (Instant) v;
      check(!ts.isBefore(FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC))
          && ts.isBefore(LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
          what + ": " + ts + " is outside what a TIMESTAMP column holds");
    } else if (t.equals(DataTypes.BooleanType)) {
      check(v instanceof Boolean, what + " is not a boolean: " + v.getClass());
    } else if (t.equals(DataTypes.DoubleType)) {
      check(v instanceof Double d && Double.isFinite(d), what + " is not a finite double: " + v);
    } else if (t.equals(DataTypes.IntegerType)) {
      check(v instanceof Integer, what + " is not an int: " + v.getClass());
    } else if (t.equals(DataTypes.LongType)) {
      check(v instanceof Long, what + " is not a long: " + v.getClass());
    } else if (t instanceof ArrayType a) {
      check(v instanceof List<?>, what + " is not a list: " + v.getClass());
      for (Object e : (List<?>) v) {
        check(e != null || a.containsNull(), what + " holds a null element");
        if (e != null) {
          assertType(e, a.elementType(), what + "[]");
        }
      }
    } else {
      throw fail(what + ": no check for type " + t);
    }
  }

  /** An accepted date is the day its text names (yyyy-mm-dd or yyyy/m/d), not another one. */
  static void assertSameDay(LocalDate date, String text) {
    String[] parts = text.trim().split("[-/]");
    check(parts.length == 3 && Integer.parseInt(parts[0]) == date.getYear() && Integer.parseInt(parts[1]) == date.getMonthValue()
        && Integer.parseInt(parts[2]) == date.getDayOfMonth(), "'" + text + "' was accepted as " + date);
  }

  /**
   * Checks every record of a report file the way the ingest does ({@link QuarterlyReports#ingest}:
   * the common checks of {@link CsvFile}, then {@link ReportCheck}); every outcome is asserted.
   */
  static Counts checkReport(CsvFile csv, ValidSamples s) {
    int accepted = 0;
    int quarantined = 0;
    int lastLine = 0;
    Set<String> groupsOfDistrict = new HashSet<>();
    for (Row m : s.reference.rows().get(CuratedTables.GROUP_MEMBERS)) {
      if (m.getString(1).equals(s.reportDistrict)) {
        groupsOfDistrict.add(m.getString(0));
      }
    }
    Quarter quarter = Quarter.parse(s.reportQuarter);
    for (CsvRecords.Record r : csv.records()) {
      check(r.line() > lastLine && r.line() >= 2, "line numbers increase from 2: " + r.line() + " after " + lastLine);
      check(r.raw() != null, "a record keeps its raw text");
      lastLine = r.line();
      try {
        String[] dateText = new String[1];
        Row row = csv.check(r, x -> {
          dateText[0] = x.text("session_date");
          return s.reportCheck.check(x, s.reportDistrict, s.reportQuarter, csv.path());
        });
        assertFits(row, CuratedTables.ONSITE_SESSIONS_SCHEMA, "onsite_sessions row of line " + r.line());
        LocalDate date = row.getAs(2);
        assertSameDay(date, dateText[0]);
        check(quarter.contains(date), "accepted a session outside the quarter: " + date);
        check(groupsOfDistrict.contains(row.getString(3)), "accepted a group of another district: " + row.getString(3));
        check(s.spaceIds.contains(row.getString(4)), "accepted an unknown space: " + row.getString(4));
        List<String> members = row.getAs(5);
        check(!members.isEmpty() && s.commissionerIds.containsAll(members), "accepted members " + members);
        double hours = row.getDouble(6);
        check(hours > 0 && hours <= 12, "accepted hours " + hours);
        check(row.getInt(7) >= 0, "accepted requests " + row.getInt(7));
        check(row.getLong(10) == r.line(), "the row keeps its line");
        accepted++;
      } catch (Rejected x) {
        assertQuarantined(x, ReportCheck.COLUMNS);
        new QuarantineRow(csv.path(), r.line(), x.reason(), x.detail(), r.raw(), s.reportDistrict).toRow();
        quarantined++;
      }
    }
    return new Counts(accepted, quarantined, false);
  }
}
