package cn.tianjin.makerspace.ingestion;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One rejected input row or line, as stored in the {@code quarantine} table. */
public record QuarantineRow(
    String sourceFile, long lineNumber, ReasonCode reason, String detail, String raw) {

  public Row toRow() {
    return RowFactory.create(sourceFile, lineNumber, reason.name(), detail, raw);
  }
}
