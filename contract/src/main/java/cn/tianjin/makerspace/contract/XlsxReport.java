package cn.tianjin.makerspace.contract;

import cn.tianjin.makerspace.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A quarterly report delivered as an Excel workbook (.xlsx), the format district clerks use: its
 * first sheet is read the way a CSV report is — a header row, then one row per on-site session —
 * so the same checks ({@link CsvFile}, {@link ReportCheck}) apply to both. A "line" is the
 * sheet's row number as Excel shows it.
 *
 * <p>A header cell may carry a Chinese label before the contract's column name
 * ({@code 驻点日期 session_date}, {@code 驻点日期（session_date）}): the name is what counts, as in
 * the project's template. Dates are read as dates (Excel's date cells become {@code YYYY-MM-DD}),
 * whole numbers without a decimal point, text stripped, booleans as {@code true}/{@code false},
 * formulas by their cached result, error cells as empty; blank rows are skipped.
 *
 * <p>The sheet is read as a stream (SAX over its XML, the shared strings read-only), and reading
 * stops after the number of rows the caller accepts: a workbook of 100,000 rows costs the upload
 * page the rows it may show, not the whole sheet in memory.
 */
public final class XlsxReport {
  /** The column name at the end of a header cell, after an optional label. */
  private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*[)）]?\\s*$");
  private static final Pattern DATE_1904 = Pattern.compile("date1904\\s*=\\s*\"(1|true)\"");

  private XlsxReport() {}

  /** The workbook as a checked file; a file that is not a readable workbook is refused with its path. */
  public static CsvFile read(String path, byte[] bytes, List<String> requiredColumns) {
    return new CsvFile(path, records(path, bytes), requiredColumns);
  }

  /** As {@link #read(String, byte[], List)}, reading at most {@code maxRecords} records (the header included). */
  public static CsvFile read(String path, byte[] bytes, List<String> requiredColumns, int maxRecords) {
    return new CsvFile(path, records(path, bytes, maxRecords), requiredColumns);
  }

  /** Every record of the first sheet: the header row, then the data rows. */
  public static List<CsvRecords.Record> records(String path, byte[] bytes) {
    return records(path, bytes, Integer.MAX_VALUE);
  }

  /**
   * The first {@code maxRecords} records of the first sheet (the header row first); a caller that
   * gets {@code maxRecords} of them knows the sheet may hold more.
   */
  public static List<CsvRecords.Record> records(String path, byte[] bytes, int maxRecords) {
    // From a file, POI reads the workbook's parts as a zip file, one part at a time as it is
    // streamed; from a stream it would first inflate every part into memory (a 20,000-row sheet:
    // well over 100 MB).
    Path file;
    try {
      file = Files.createTempFile("upload-", ".xlsx");
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write a temporary copy of " + path + ": " + e.getMessage(), e);
    }
    try {
      return records(path, file, maxRecords);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the temporary folder's own clean-up takes it
      }
    }
  }

  private static List<CsvRecords.Record> records(String path, Path file, int maxRecords) {
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw new UserError(path + " is not a readable Excel workbook (.xlsx): " + e.getMessage(), e);
    }
    try {
      XSSFReader reader = new XSSFReader(pkg);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        return List.of();
      }
      boolean date1904;
      try (InputStream workbook = reader.getWorkbookData()) {
        date1904 = DATE_1904.matcher(new String(workbook.readAllBytes(), StandardCharsets.UTF_8)).find();
      }
      SheetRows rows = new SheetRows(new ReadOnlySharedStringsTable(pkg), reader.getStylesTable(), date1904, maxRecords);
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(rows);
        parser.parse(new InputSource(sheet));
      } catch (EnoughRows enough) {
        // the caller asked for no more
      }
      return rows.records;
    } catch (IOException | OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException | RuntimeException e) {
      throw new UserError(path + " is not a readable Excel workbook (.xlsx): " + e.getMessage(), e);
    } finally {
      pkg.revert(); // closes the file without writing (a package opened to read is not saved)
    }
  }

  /** Thrown to stop the parser once enough rows are read. */
  private static final class EnoughRows extends SAXException {
    EnoughRows() {
      super("enough rows");
    }
  }

  /** The rows of one sheet's XML ({@code <row r><c r t s><v/> | <is><t/></is></c></row>}) as records. */
  private static final class SheetRows extends DefaultHandler {
    final List<CsvRecords.Record> records = new ArrayList<>();
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final int maxRecords;
    private final StringBuilder value = new StringBuilder();
    private List<String> fields;
    private int rowNumber;
    private int column;
    private String type;
    private String style;
    private boolean inValue;
    private int width = -1;

    SheetRows(ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904, int maxRecords) {
      this.strings = strings;
      this.styles = styles;
      this.date1904 = date1904;
      this.maxRecords = maxRecords;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (localName) {
        case "row" -> {
          String r = attributes.getValue("r");
          rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
          fields = new ArrayList<>();
        }
        case "c" -> {
          String ref = attributes.getValue("r");
          column = ref == null ? fields.size() : columnIndex(ref);
          type = attributes.getValue("t");
          style = attributes.getValue("s");
          value.setLength(0);
        }
        case "v", "t" -> inValue = true;
        default -> { }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inValue) {
        value.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (localName) {
        case "v", "t" -> inValue = false;
        case "c" -> {
          while (fields.size() < column) {
            fields.add("");
          }
          fields.add(text());
        }
        case "row" -> endRow();
        default -> { }
      }
    }

    private void endRow() throws EnoughRows {
      while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
        fields.remove(fields.size() - 1); // cells formatted but empty at the end of a row
      }
      if (fields.isEmpty()) {
        return; // a blank row
      }
      if (width < 0) {
        fields = fields.stream().map(XlsxReport::columnName).toList();
        width = fields.size();
      } else {
        while (fields.size() < width) {
          fields.add(""); // empty cells at the end of a data row are empty fields
        }
      }
      records.add(new CsvRecords.Record(rowNumber, fields, csvLine(fields), true));
      if (records.size() >= maxRecords) {
        throw new EnoughRows();
      }
    }

    /** The current cell as the text a CSV export of it would hold. */
    private String text() {
      String v = value.toString();
      if (type == null || type.equals("n")) {
        return v.isEmpty() ? "" : number(Double.parseDouble(v));
      }
      return switch (type) {
        case "s" -> strings.getItemAt(Integer.parseInt(v.strip())).getString().strip();
        case "inlineStr", "str" -> v.strip();
        case "b" -> Boolean.toString(v.strip().equals("1"));
        default -> ""; // "e": an error cell
      };
    }

    private String number(double d) {
      if (style != null && styles != null) {
        XSSFCellStyle cs = styles.getStyleAt(Integer.parseInt(style));
        if (cs != null && DateUtil.isADateFormat(cs.getDataFormat(), cs.getDataFormatString()) && DateUtil.isValidExcelDate(d)) {
          LocalDateTime t = DateUtil.getLocalDateTime(d, date1904);
          LocalDate day = t.toLocalDate();
          return t.equals(day.atStartOfDay()) ? day.toString() : t.toString();
        }
      }
      BigDecimal n = BigDecimal.valueOf(d).stripTrailingZeros();
      return n.scale() <= 0 ? n.toBigInteger().toString() : n.toPlainString();
    }

    /** The 0-based column of a cell reference like {@code AB12}. */
    private static int columnIndex(String ref) {
      int c = 0;
      for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
        c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
      }
      return c - 1;
    }
  }

  static String columnName(String header) {
    Matcher m = NAME.matcher(header.strip());
    return m.find() ? m.group(1) : header;
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
