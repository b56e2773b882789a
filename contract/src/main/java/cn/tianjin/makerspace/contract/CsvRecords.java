package cn.tianjin.makerspace.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits decoded CSV text (RFC 4180: comma separator, double-quote quoting, "" for a quote)
 * into records that remember the line they start on and their raw text. A quoted field may hold
 * a line break; the record then spans several lines. Blank lines are skipped.
 */
public final class CsvRecords {
  /**
   * One CSV record.
   *
   * @param line 1-based line number in the file where the record starts (the header is line 1)
   * @param fields the unquoted field values
   * @param raw the record's text as it stood in the file
   * @param wellFormed false when a quote is left open at the end of the file
   */
  public record Record(int line, List<String> fields, String raw, boolean wellFormed) {}

  private CsvRecords() {}

  public static List<Record> parse(String text) {
    List<Record> records = new ArrayList<>();
    int n = text.length();
    int pos = 0;
    int line = 1;
    while (pos < n) {
      int startLine = line;
      int start = pos;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean inQuotes = false;
      boolean wellFormed = true;
      boolean quotedField = false;
      while (pos < n) {
        char c = text.charAt(pos);
        if (inQuotes) {
          if (c == '"') {
            if (pos + 1 < n && text.charAt(pos + 1) == '"') {
              field.append('"');
              pos += 2;
              continue;
            }
            inQuotes = false;
          } else {
            // a line break inside quotes counts as one outside does: CRLF, LF or a lone CR
            if (c == '\n' || c == '\r' && (pos + 1 >= n || text.charAt(pos + 1) != '\n')) {
              line++;
            }
            field.append(c);
          }
          pos++;
        } else if (c == '"' && field.length() == 0 && !quotedField) {
          inQuotes = true;
          quotedField = true;
          pos++;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          quotedField = false;
          pos++;
        } else if (c == '\n' || c == '\r') {
          break;
        } else {
          field.append(c);
          pos++;
        }
      }
      if (inQuotes) {
        wellFormed = false;
      }
      fields.add(field.toString());
      String raw = text.substring(start, pos);
      // consume the line ending (\r\n, \n or \r)
      if (pos < n && text.charAt(pos) == '\r') {
        pos++;
      }
      if (pos < n && text.charAt(pos) == '\n') {
        pos++;
      }
      line++;
      if (!raw.isBlank()) {
        records.add(new Record(startLine, List.copyOf(fields), raw, wellFormed));
      }
    }
    return records;
  }
}
