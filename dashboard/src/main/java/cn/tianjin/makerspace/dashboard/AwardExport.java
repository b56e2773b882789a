package cn.tianjin.makerspace.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The award shortlist as a file for the commendation dossier: CSV (UTF-8 with a byte-order mark,
 * so that Excel reads the Chinese right) or Excel .xlsx (a title row with the year, whether the
 * list is provisional, the as-of date and the rules; Chinese column headers over the contract's
 * column names; then one row per shortlisted commissioner in rank order). Text cells that a
 * spreadsheet would take for a formula are neutralised; numbers stay numbers
 * ({@link SpreadsheetCells}).
 */
public final class AwardExport {
  /** A column: Chinese header, contract (or JSON) name, how the value is shown. */
  private record Column(String zh, String name, Kind kind) {}

  private enum Kind { TEXT, INT, SCORE, RATE, HOURS, SATISFACTION, YES_NO }

  private static final List<Column> COLUMNS = List.of(
      new Column("年度", "year", Kind.INT),
      new Column("排名", "rank", Kind.INT),
      new Column("服务专员编号", "commissioner_id", Kind.TEXT),
      new Column("姓名", "name", Kind.TEXT),
      new Column("区县代码", "district_code", Kind.TEXT),
      new Column("区县", "district_name_zh", Kind.TEXT),
      new Column("总分", "score", Kind.SCORE),
      new Column("反馈及时得分", "score_sla", Kind.SCORE),
      new Column("驻点服务得分", "score_onsite", Kind.SCORE),
      new Column("满意度得分", "score_satisfaction", Kind.SCORE),
      new Column("服务量得分", "score_volume", Kind.SCORE),
      new Column("办理需求数", "requests_handled", Kind.INT),
      new Column("10个工作日内反馈率", "on_time_rate", Kind.RATE),
      new Column("驻点服务时长（小时）", "onsite_hours", Kind.HOURS),
      new Column("平均满意度（1–5）", "avg_satisfaction", Kind.SATISFACTION),
      new Column("是否暂定", "provisional", Kind.YES_NO));

  private AwardExport() {}

  /** {@code award-shortlist-2025.csv}, or {@code award-shortlist-2025-120101.csv} for one district. */
  public static String fileName(AwardService.Shortlist s, String extension) {
    return "award-shortlist-" + s.year() + (s.district() == null ? "" : "-" + s.district()) + "." + extension;
  }

  /** The title of the file: year, scope, provisional or final, as-of date. */
  public static String title(AwardService.Shortlist s) {
    return s.year() + "年度优秀服务专员表彰候选名单"
        + (s.district() == null ? "（全市）" : "（" + s.districtNameZh() + "）")
        + (s.provisional() ? " · 暂定：本年度尚未结束" : " · 正式")
        + " · 数据截至 " + s.asOf();
  }

  /** One header row {@code 排名 (rank),…}, then the rows; UTF-8 with a byte-order mark. */
  public static byte[] csv(AwardService.Shortlist s) {
    StringBuilder b = new StringBuilder("\uFEFF");
    List<String> header = new ArrayList<>();
    for (Column c : COLUMNS) {
      header.add(SpreadsheetCells.csvText(c.zh() + " (" + c.name() + ")"));
    }
    line(b, header);
    for (Map<String, Object> row : s.rows()) {
      List<String> cells = new ArrayList<>();
      for (Column c : COLUMNS) {
        cells.add(field(c.kind(), row.get(c.name())));
      }
      line(b, cells);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Row 1 the title, row 2 the rules, row 4 the Chinese headers, row 5 the contract names, then the rows. */
  public static byte[] xlsx(AwardService.Shortlist s) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(s.year() + "年度表彰候选名单");
      DataFormat format = wb.createDataFormat();
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle titleStyle = wb.createCellStyle();
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      titleStyle.setFont(big);
      CellStyle wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      CellStyle headerStyle = wb.createCellStyle();
      headerStyle.setFont(bold);
      CellStyle scoreStyle = numberStyle(wb, format, "0.00");
      CellStyle rateStyle = numberStyle(wb, format, "0.0%");
      CellStyle hoursStyle = numberStyle(wb, format, "0.0");
      int last = COLUMNS.size() - 1;

      cell(sheet, 0, 0, title(s)).setCellStyle(titleStyle);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, last));
      Cell rules = cell(sheet, 1, 0, s.rules().describeZh() + "（规则来源：" + s.rules().source() + "）");
      rules.setCellStyle(wrap);
      sheet.getRow(1).setHeightInPoints(48);
      sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, last));
      for (int i = 0; i < COLUMNS.size(); i++) {
        cell(sheet, 3, i, COLUMNS.get(i).zh()).setCellStyle(headerStyle);
        cell(sheet, 4, i, COLUMNS.get(i).name());
      }
      int r = 5;
      for (Map<String, Object> row : s.rows()) {
        Row x = sheet.createRow(r++);
        for (int i = 0; i < COLUMNS.size(); i++) {
          Column c = COLUMNS.get(i);
          Object v = row.get(c.name());
          Cell cell = x.createCell(i);
          if (v == null) {
            continue;
          }
          switch (c.kind()) {
            case TEXT -> cell.setCellValue(SpreadsheetCells.neutralise(v.toString()));
            case YES_NO -> cell.setCellValue(Boolean.TRUE.equals(v) ? "是" : "否");
            case INT -> cell.setCellValue(((Number) v).longValue());
            case SCORE, SATISFACTION -> {
              cell.setCellValue(((Number) v).doubleValue());
              cell.setCellStyle(scoreStyle);
            }
            case RATE -> {
              cell.setCellValue(((Number) v).doubleValue());
              cell.setCellStyle(rateStyle);
            }
            case HOURS -> {
              cell.setCellValue(((Number) v).doubleValue());
              cell.setCellStyle(hoursStyle);
            }
          }
        }
      }
      sheet.createFreezePane(0, 5);
      for (int i = 0; i < COLUMNS.size(); i++) {
        sheet.setColumnWidth(i, Math.max(10, COLUMNS.get(i).zh().length() * 2 + 2) * 256);
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the shortlist workbook", e);
    }
  }

  private static CellStyle numberStyle(XSSFWorkbook wb, DataFormat format, String pattern) {
    CellStyle style = wb.createCellStyle();
    style.setDataFormat(format.getFormat(pattern));
    return style;
  }

  /** A text cell (neutralised: {@link SpreadsheetCells}). */
  private static Cell cell(Sheet sheet, int row, int col, String value) {
    Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
    Cell c = r.createCell(col);
    c.setCellValue(SpreadsheetCells.neutralise(value));
    return c;
  }

  /**
   * A CSV cell's content: text neutralised ({@link SpreadsheetCells}); numbers as they are —
   * rates to 4 decimals, satisfaction to 2, scores as stored (2 decimals).
   */
  private static String field(Kind kind, Object v) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case YES_NO -> Boolean.TRUE.equals(v) ? "是" : "否";
      case TEXT -> SpreadsheetCells.csvText(v.toString());
      case SCORE -> v instanceof BigDecimal d ? d.toPlainString() : v.toString();
      case RATE -> BigDecimal.valueOf(((Number) v).doubleValue()).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
      case SATISFACTION -> BigDecimal.valueOf(((Number) v).doubleValue()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
      case HOURS -> BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
      default -> v.toString();
    };
  }

  /** One CSV line of cell contents, CRLF-ended. */
  private static void line(StringBuilder b, List<String> fields) {
    b.append(SpreadsheetCells.csvRecord(fields)).append("\r\n");
  }
}
