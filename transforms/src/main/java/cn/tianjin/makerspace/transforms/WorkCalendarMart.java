package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.WorkCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * work_calendar: one row per date from the first to the last day of the range, built by
 * {@link WorkCalendar} — the one implementation of the working-day rule (the working days of
 * Art. 6 and Art. 7 of 津科创〔2015〕51号) — from {@code workday_overrides}, the project's official
 * calendar merged with the landing zone's file. A few thousand rows: computed on the driver and
 * written without a Spark job. Besides the contract's two columns, {@code working_day_number}
 * (working days from the first date through this one) makes working-day arithmetic a join: the
 * n-th working day after a date is the working day whose number is the date's number + n.
 */
final class WorkCalendarMart {
  static final StructType SCHEMA =
      new StructType()
          .add("date", DataTypes.DateType, false)
          .add("is_working_day", DataTypes.BooleanType, false)
          .add("working_day_number", DataTypes.LongType, false);

  private WorkCalendarMart() {}

  static List<Row> rows(SparkSession spark, LocalDate first, LocalDate last) {
    Map<LocalDate, Boolean> offDay = new HashMap<>();
    for (Row r : spark.sql("select date, is_off_day from workday_overrides where date is not null and is_off_day is not null").collectAsList()) {
      offDay.put(r.getAs(0), r.getBoolean(1));
    }
    return rows(new WorkCalendar(offDay), first, last);
  }

  static List<Row> rows(WorkCalendar calendar, LocalDate first, LocalDate last) {
    List<Row> rows = new ArrayList<>();
    long number = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      boolean working = calendar.isWorkingDay(d);
      if (working) {
        number++;
      }
      rows.add(RowFactory.create(d, working, number));
    }
    return rows;
  }
}
