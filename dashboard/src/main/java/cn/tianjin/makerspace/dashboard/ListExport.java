package cn.tianjin.makerspace.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Any dashboard list as a file — the one export mechanism of the lists ({@link ListPage}): CSV
 * (UTF-8 with a byte-order mark, so that Excel reads the Chinese right) or Excel .xlsx (row 1 the
 * title — the list, its filters and the as-of date —, row 3 the headers, then the rows). A header
 * is the column's name in the metric catalogue when the column is a figure, else its name in
 * {@link #LABELS}, followed by the column's own name: {@code 逾期工作日数 (working_days_overdue)}.
 * Text cells are neutralised and numbers stay numbers ({@link SpreadsheetCells}).
 */
public final class ListExport {
  /** Chinese names of the lists' columns that are not figures of the catalogue. */
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("request_id", "需求编号"), Map.entry("district_code", "区县代码"),
      Map.entry("district_name_zh", "区县"), Map.entry("district_name_en", "区县（英文）"),
      Map.entry("space_id", "众创空间编号"), Map.entry("space_name", "众创空间"),
      Map.entry("category", "服务类别代码"), Map.entry("category_name_zh", "服务类别"), Map.entry("category_name_en", "服务类别（英文）"),
      Map.entry("category_zh", "服务类别"), Map.entry("category_en", "服务类别（英文）"),
      Map.entry("channel", "受理渠道"), Map.entry("source", "数据来源"), Map.entry("reason_code", "原因代码"),
      Map.entry("source_file", "文件"), Map.entry("line_number", "行号"), Map.entry("raw", "原始内容"),
      Map.entry("detail", "说明"), Map.entry("commissioner_id", "服务专员编号"), Map.entry("name", "姓名"),
      Map.entry("rows", "行数"), Map.entry("files", "文件数"), Map.entry("quarter", "季度"), Map.entry("kind", "类别"),
      Map.entry("university_hosted", "高校众创空间"), Map.entry("opened_on", "开放日期"), Map.entry("closed_on", "关闭日期"),
      Map.entry("groups", "服务小组"), Map.entry("group_id", "服务小组编号"), Map.entry("member_ids", "服务专员编号"),
      Map.entry("member_names", "服务专员"), Map.entry("spaces", "服务站（众创空间）"), Map.entry("field", "字段"));

  private ListExport() {}

  /** A column's header: {@code 中文名 (column)}. */
  static String header(String column) {
    String zh = MetricCatalogue.get().metric(column).map(MetricCatalogue.Metric::labelZh).orElse(LABELS.get(column));
    return zh == null ? column : zh + " (" + column + ")";
  }

  /** {@code <name>.csv}; {@code <name>.xlsx}: the file's name, from the list and its filters. */
  public static String fileName(String name, List<String> filters, String extension) {
    List<String> parts = new ArrayList<>(List.of(name));
    filters.stream().filter(f -> f != null && !f.isBlank()).map(f -> f.replaceAll("[^A-Za-z0-9_-]", "")).forEach(parts::add);
    return String.join("-", parts) + "." + extension;
  }

  /** The header line, then one line per row; UTF-8 with a byte-order mark, CRLF line ends. */
  public static byte[] csv(ListPage.Rows list) {
    StringBuilder b = new StringBuilder("\uFEFF");
    b.append(SpreadsheetCells.csvRecord(list.columns().stream().map(c -> SpreadsheetCells.csvText(header(c))).toList())).append("\r\n");
    for (Map<String, Object> row : list.rows()) {
      List<String> cells = new ArrayList<>();
      for (String c : list.columns()) {
        cells.add(SpreadsheetCells.csvValue(value(row.get(c))));
      }
      b.append(SpreadsheetCells.csvRecord(cells)).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Row 1 the title, row 3 the headers, then the rows; numbers as numbers, text neutralised. */
  public static byte[] xlsx(String title, ListPage.Rows list) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("list");
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle headerStyle = wb.createCellStyle();
      headerStyle.setFont(bold);
      sheet.createRow(0).createCell(0).setCellValue(SpreadsheetCells.neutralise(title));
      Row head = sheet.createRow(2);
      for (int i = 0; i < list.columns().size(); i++) {
        Cell cell = head.createCell(i);
        cell.setCellValue(SpreadsheetCells.neutralise(header(list.columns().get(i))));
        cell.setCellStyle(headerStyle);
        sheet.setColumnWidth(i, Math.min(60, Math.max(12, header(list.columns().get(i)).length() + 4)) * 256);
      }
      int r = 3;
      for (Map<String, Object> row : list.rows()) {
        Row x = sheet.createRow(r++);
        for (int i = 0; i < list.columns().size(); i++) {
          Object v = value(row.get(list.columns().get(i)));
          if (v == null) {
            continue;
          }
          Cell cell = x.createCell(i);
          if (SpreadsheetCells.isNumber(v)) {
            cell.setCellValue(((Number) v).doubleValue());
          } else {
            cell.setCellValue(SpreadsheetCells.neutralise(QueryResult.text(v)));
          }
        }
      }
      sheet.createFreezePane(0, 3);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the list's workbook", e);
    }
  }

  /** A JSON-ready value as a cell: booleans as 是/否, lists as "a, b", the rest as it is. */
  private static Object value(Object v) {
    if (v instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (v instanceof List<?> l) {
      return String.join(", ", l.stream().map(QueryResult::text).toList());
    }
    return v;
  }
}
