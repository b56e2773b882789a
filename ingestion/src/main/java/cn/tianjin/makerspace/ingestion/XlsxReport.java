package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A quarterly report delivered as an Excel workbook (.xlsx), the format district clerks use: its
 * first sheet is read the way a CSV report is — a header row, then one row per on-site session —
 * so the same checks ({@link CsvFile}, {@link ReportCheck}) apply to both. A "line" is the
 * sheet's row number as Excel shows it.
 *
 * <p>A header cell may carry a Chinese label before the contract's column name
 * ({@code 驻点日期 session_date}, {@code 驻点日期（session_date）}): the name is what counts, as in
 * the project's template. Dates are read as dates (Excel's date cells become {@code YYYY-MM-DD}),
 * whole numbers without a decimal point; blank rows are skipped.
 */
public final class XlsxReport {
  /** The column name at the end of a header cell, after an optional label. */
  private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*[)）]?\\s*$");

  private XlsxReport() {}

  /** The workbook as a checked file; a file that is not a readable workbook is refused with its path. */
  public static CsvFile read(String path, byte[] bytes, List<String> requiredColumns) {
    return new CsvFile(path, records(path, bytes), requiredColumns);
  }

  public static List<CsvRecords.Record> records(String path, byte[] bytes) {
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      if (wb.getNumberOfSheets() == 0) {
        return List.of();
      }
      Sheet sheet = wb.getSheetAt(0);
      List<CsvRecords.Record> records = new ArrayList<>();
      int width = -1;
      for (Row row : sheet) {
        List<String> fields = new ArrayList<>();
        int last = row.getLastCellNum(); // one past the last cell, -1 when none
        for (int c = 0; c < Math.max(last, 0); c++) {
          fields.add(text(row.getCell(c)));
        }
        while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
          fields.remove(fields.size() - 1); // cells formatted but empty at the end of a row
        }
        if (fields.isEmpty()) {
          continue; // a blank row
        }
        if (width < 0) {
          fields = fields.stream().map(XlsxReport::columnName).toList();
          width = fields.size();
        } else {
          while (fields.size() < width) {
            fields.add(""); // empty cells at the end of a data row are empty fields
          }
        }
        records.add(new CsvRecords.Record(row.getRowNum() + 1, fields, csvLine(fields), true));
      }
      return records;
    } catch (IOException | RuntimeException e) {
      throw new UserError(path + " is not a readable Excel workbook (.xlsx): " + e.getMessage(), e);
    }
  }

  static String columnName(String header) {
    Matcher m = NAME.matcher(header.strip());
    return m.find() ? m.group(1) : header;
  }

  /** A cell as the text a CSV export of it would hold. */
  static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    switch (type) {
      case STRING:
        return cell.getStringCellValue().strip();
      case BOOLEAN:
        return Boolean.toString(cell.getBooleanCellValue());
      case NUMERIC:
        if (DateUtil.isCellDateFormatted(cell)) {
          LocalDateTime t = cell.getLocalDateTimeCellValue();
          LocalDate d = t.toLocalDate();
          return t.equals(d.atStartOfDay()) ? d.toString() : t.toString();
        }
        BigDecimal n = BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
        return n.scale() <= 0 ? n.toBigInteger().toString() : n.toPlainString();
      default:
        return "";
    }
  }

  /** The fields as one CSV line (for the quarantine's raw column). */
  private static String csvLine(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields.get(i);
      if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.toString();
  }
}
