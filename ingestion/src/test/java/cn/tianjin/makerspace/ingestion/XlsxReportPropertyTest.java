package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.Outcomes.assertRefusal;
import static cn.tianjin.makerspace.ingestion.Outcomes.check;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.XlsxReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Random bytes, damaged workbooks and generated workbooks with cells of the wrong type, formulas
 * and blank rows through {@link XlsxReport} and the report checks, as the ingest reads an .xlsx
 * report. A file that is not a readable workbook is refused naming it; a workbook that Excel (here
 * Apache POI) wrote is always read, each row accepted or quarantined.
 */
class XlsxReportPropertyTest {
  /** An .xlsx report read as QuarterlyReports reads one: XlsxReport into records, then every row checked. */
  static Outcomes.Counts readXlsxReport(byte[] bytes) {
    ValidSamples s = ValidSamples.get();
    CsvFile csv;
    try {
      csv = XlsxReport.read(s.reportPath.replace(".csv", ".xlsx"), bytes, ReportCheck.COLUMNS);
    } catch (UserError e) {
      assertRefusal(e, s.reportPath.replace(".csv", ".xlsx") + " is not a readable Excel workbook (.xlsx): ");
      Statistics.label("refused because").collect(e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
      return Outcomes.Counts.refusedFile();
    }
    return Outcomes.checkReport(csv, s);
  }

  private static void label(Outcomes.Counts c) {
    Statistics.label("file").collect(c.refused() ? "refused" : "read");
    if (!c.refused()) {
      Statistics.label("rows").collect(c.accepted() > 0 && c.quarantined() > 0 ? "accepted and quarantined"
          : c.accepted() > 0 ? "accepted only" : c.quarantined() > 0 ? "quarantined only" : "none");
    }
  }

  @Property(tries = 100)
  void randomBytesAsAWorkbook(@ForAll @Size(max = 2_000) byte[] bytes, @ForAll boolean zipHeader) {
    if (zipHeader && bytes.length >= 4) {
      bytes[0] = 'P';
      bytes[1] = 'K';
      bytes[2] = 3;
      bytes[3] = 4;
    }
    label(readXlsxReport(bytes));
  }

  /** The valid report as a workbook, then bytes flipped or the file cut short. */
  @Property(tries = 100)
  void damagedWorkbooks(@ForAll("byteEdits") List<Mutations.ByteEdit> edits) {
    byte[] b = validWorkbook();
    for (Mutations.ByteEdit e : edits) {
      b = e.apply(b);
    }
    label(readXlsxReport(b));
  }

  private static byte[] valid;

  /** The valid report as the workbook a clerk saves from Excel (built once). */
  static synchronized byte[] validWorkbook() {
    if (valid == null) {
      valid = TinyLanding.xlsx(ValidSamples.get().reportText);
    }
    return valid;
  }

  @Provide
  Arbitrary<List<Mutations.ByteEdit>> byteEdits() {
    return Mutations.byteEdits().list().ofMinSize(1).ofMaxSize(4);
  }

  // ---- generated workbooks ----------------------------------------------------------------

  /** What one cell holds. */
  enum Kind { KEEP, TEXT, NUMBER, DATE_NUMBER, BOOLEAN, FORMULA, ERROR, BLANK, NONE }

  record CellSpec(Kind kind, String text, double number, String formula, boolean evaluate) {}

  /** A data row: where it lands (after how many blank rows), its cells and a cell past the last column. */
  record RowSpec(int skip, List<CellSpec> cells, CellSpec beyond) {}

  static final List<Double> NUMBERS = List.of(-1.0, 0.0, 0.5, 1.0, 8.0, 12.0, 12.5, 1e-7, 45000.0, 45841.0, 45841.5,
      45841.999999, 2958465.0, 2958466.0, 1e7, 1e20, -1e20, 1e308, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY);

  static final List<String> FORMULAS = List.of("1+1", "A2", "DATE(2025,7,3)", "1/0", "NOW()", "\"text\"", "SUM(E2:E3)",
      "TRUE", "NA()", "B2&\"x\"", "INDIRECT(\"A2\")", "RAND()", "E2*2", "TEXT(A2,\"yyyy-mm-dd\")", "C1");

  @Provide
  Arbitrary<CellSpec> cells() {
    return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(40, Kind.KEEP), Tuple.of(1, Kind.TEXT), Tuple.of(2, Kind.NUMBER), Tuple.of(2, Kind.DATE_NUMBER),
                Tuple.of(1, Kind.BOOLEAN), Tuple.of(2, Kind.FORMULA), Tuple.of(1, Kind.ERROR), Tuple.of(1, Kind.BLANK),
                Tuple.of(1, Kind.NONE)),
            Arbitraries.of(Mutations.VALUES),
            Arbitraries.of(NUMBERS),
            Arbitraries.of(FORMULAS),
            Arbitraries.of(true, false))
        .as(CellSpec::new);
  }

  @Provide
  Arbitrary<List<RowSpec>> sheets() {
    int rows = CsvRecords.parse(ValidSamples.get().reportText).size() - 1;
    Arbitrary<RowSpec> row = Combinators.combine(
            Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 3)),
            cells().list().ofSize(ReportCheck.COLUMNS.size()),
            Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just((CellSpec) null)), Tuple.of(1, cells())))
        .as(RowSpec::new);
    return row.list().ofSize(rows).withoutEdgeCases();
  }

  /**
   * A workbook POI writes (so one Excel would open): the valid report's header, then its rows
   * with some cells of another type, formulas (evaluated or not), errors, blank rows between them,
   * a cell past the last column; then a formatted but empty row. It is never refused.
   */
  @Property(tries = 80)
  void generatedWorkbooksAreReadRowByRow(@ForAll("sheets") List<RowSpec> rows, @ForAll boolean headerWithLabels) {
    byte[] bytes = workbook(rows, headerWithLabels);
    ValidSamples s = ValidSamples.get();
    CsvFile csv;
    try {
      csv = XlsxReport.read(s.reportPath.replace(".csv", ".xlsx"), bytes, ReportCheck.COLUMNS);
    } catch (UserError e) {
      throw new AssertionError("a workbook POI wrote was refused: " + e.getMessage(), e);
    }
    Outcomes.Counts c = Outcomes.checkReport(csv, s);
    check(c.accepted() + c.quarantined() <= rows.size(), c + " for " + rows.size() + " rows"); // blank rows are skipped
    label(c);
  }

  static byte[] workbook(List<RowSpec> rows, boolean headerWithLabels) {
    ValidSamples s = ValidSamples.get();
    List<CsvRecords.Record> records = CsvRecords.parse(s.reportText);
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("季报");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
      Row header = sheet.createRow(0);
      for (int c = 0; c < ReportCheck.COLUMNS.size(); c++) {
        header.createCell(c).setCellValue((headerWithLabels ? "列" + c + " " : "") + ReportCheck.COLUMNS.get(c));
      }
      int r = 1;
      for (int i = 0; i < rows.size(); i++) {
        RowSpec spec = rows.get(i);
        r += spec.skip();
        Row row = sheet.createRow(r);
        List<String> valid = records.get(1 + i).fields();
        for (int c = 0; c < spec.cells().size(); c++) {
          fill(row, c, spec.cells().get(c), valid.get(c), date, evaluator);
        }
        if (spec.beyond() != null) {
          fill(row, ReportCheck.COLUMNS.size() + 1, spec.beyond(), "x", date, evaluator);
        }
        r++;
      }
      sheet.createRow(r + 2).createCell(3).setCellStyle(date); // formatted but empty
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fill(Row row, int column, CellSpec spec, String valid, CellStyle date, FormulaEvaluator evaluator) {
    if (spec.kind() == Kind.NONE) {
      return;
    }
    Cell cell = row.createCell(column);
    switch (spec.kind()) {
      case KEEP -> {
        if (valid.matches("\\d{4}-\\d{2}-\\d{2}")) {
          cell.setCellValue(LocalDate.parse(valid));
          cell.setCellStyle(date);
        } else if (valid.matches("-?\\d+(\\.\\d+)?")) {
          cell.setCellValue(Double.parseDouble(valid));
        } else if (!valid.isEmpty()) {
          cell.setCellValue(valid);
        }
      }
      case TEXT -> cell.setCellValue(spec.text());
      case NUMBER -> cell.setCellValue(spec.number());
      case DATE_NUMBER -> {
        cell.setCellValue(spec.number());
        cell.setCellStyle(date);
      }
      case BOOLEAN -> cell.setCellValue(spec.evaluate());
      case FORMULA -> {
        cell.setCellFormula(spec.formula());
        if (spec.number() > 0) {
          cell.setCellStyle(date);
        }
        if (spec.evaluate()) {
          try {
            evaluator.evaluateFormulaCell(cell);
          } catch (RuntimeException e) {
            // a function POI cannot evaluate: the cell keeps no cached value, as some writers leave it
          }
        }
      }
      case ERROR -> cell.setCellErrorValue(FormulaError.DIV0.getCode());
      case BLANK -> cell.setCellStyle(date);
      default -> throw new IllegalStateException(spec.kind().toString());
    }
  }
}
