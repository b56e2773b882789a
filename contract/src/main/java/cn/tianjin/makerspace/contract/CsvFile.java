package cn.tianjin.makerspace.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A decoded CSV landing file checked against the columns the contract requires. {@link #rows}
 * yields every data record; {@link #check} applies the checks common to all CSV sources (the
 * header has every column; the row has as many fields as the header) before the source's own.
 */
public final class CsvFile {
  private final String path;
  private final List<String> header;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String> missing = new ArrayList<>();
  private final List<CsvRecords.Record> data;

  public CsvFile(String path, String text, List<String> requiredColumns) {
    this(path, CsvRecords.parse(text), requiredColumns);
  }

  /** The records of a file already split into fields (the header first): see {@link XlsxReport}. */
  CsvFile(String path, List<CsvRecords.Record> records, List<String> requiredColumns) {
    this.path = path;
    if (records.isEmpty()) {
      header = List.of();
      data = List.of();
    } else {
      header = records.get(0).fields().stream().map(CsvFile::normalise).toList();
      data = records.subList(1, records.size());
    }
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i), i);
    }
    for (String c : requiredColumns) {
      if (!columns.containsKey(c)) {
        missing.add(c);
      }
    }
  }

  private static String normalise(String name) {
    return name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
  }

  public String path() {
    return path;
  }

  public List<CsvRecords.Record> records() {
    return data;
  }

  /** Runs the common checks, then hands the typed row to the source's own check. */
  public <T> T check(CsvRecords.Record record, RowCheck<T> sourceCheck) throws Rejected {
    if (!missing.isEmpty()) {
      throw new Rejected(
          ReasonCode.BAD_HEADER,
          "the header of " + path + " lacks " + String.join(", ", missing));
    }
    if (!record.wellFormed()) {
      throw new Rejected(ReasonCode.WRONG_FIELD_COUNT, "a quoted field is not closed");
    }
    if (record.fields().size() != header.size()) {
      throw new Rejected(
          ReasonCode.WRONG_FIELD_COUNT,
          record.fields().size() + " fields, the header has " + header.size());
    }
    return sourceCheck.check(new CsvRow(columns, record));
  }

  /** A source's own checks of one row; returns the accepted value or throws {@link Rejected}. */
  @FunctionalInterface
  public interface RowCheck<T> {
    T check(CsvRow row) throws Rejected;
  }
}
