package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.contract.ReasonCode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One rejected input row or line, as stored in the {@code quarantine} table. {@code districtCode}
 * is the district the row belongs to where it can be told (data contract v1.1), else null: set
 * here, at ingestion, and never re-derived by a reader.
 */
public record QuarantineRow(
    String sourceFile, long lineNumber, ReasonCode reason, String detail, String raw, String districtCode) {

  /** A row that belongs to no district (reference files, misnamed files). */
  public QuarantineRow(String sourceFile, long lineNumber, ReasonCode reason, String detail, String raw) {
    this(sourceFile, lineNumber, reason, detail, raw, null);
  }

  public Row toRow() {
    return RowFactory.create(sourceFile, lineNumber, reason.name(), detail, raw, districtCode);
  }

  /** Rows of the {@code quarantine} table. */
  static List<Row> toRows(List<QuarantineRow> rows) {
    return rows.stream().map(QuarantineRow::toRow).toList();
  }
}
