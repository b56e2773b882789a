package cn.tianjin.makerspace.transforms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code data_checks}: the data checks of the transform run that published the snapshot, one row per check. */
final class DataChecksTable {
  static final String NAME = "data_checks";

  static final StructType SCHEMA =
      new StructType()
          .add("check_name", DataTypes.StringType, false)
          .add("table_name", DataTypes.StringType, false)
          .add("description", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("failing_rows", DataTypes.LongType, false)
          .add("checked_at", DataTypes.TimestampType, false)
          .add("as_of", DataTypes.DateType, false);

  private DataChecksTable() {}

  static List<Row> rows(CheckReport report, Instant checkedAt, LocalDate asOf) {
    return report.results().stream()
        .map(r -> RowFactory.create(r.check().name(), r.check().table(), r.check().description(), r.passed() ? "PASS" : "FAIL",
            r.failingRows(), checkedAt, asOf))
        .toList();
  }
}
