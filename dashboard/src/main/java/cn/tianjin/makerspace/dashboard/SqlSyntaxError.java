package cn.tianjin.makerspace.dashboard;

import java.nio.charset.StandardCharsets;

/**
 * A query DuckDB's parser refused, with where: the line and column (from 1, in characters) and
 * the span in the text as the page counts it ({@code start}, {@code end}: UTF-16 offsets, what a
 * textarea's selection takes). DuckDB reports the position in UTF-8 bytes
 * ({@code json_serialize_sql}'s {@code position} and {@code location} "[offset,length]").
 */
public final class SqlSyntaxError extends BilingualError {
  /** Where the error is. */
  public record Position(int line, int column, int start, int end) {}

  private final Position position;
  private final String detail;

  private SqlSyntaxError(Message text, Position position, String detail) {
    super(text);
    this.position = position;
    this.detail = detail;
  }

  public Position position() {
    return position;
  }

  /** DuckDB's own message, e.g. {@code syntax error at or near "SELEC"}. */
  public String detail() {
    return detail;
  }

  /**
   * The error at UTF-8 byte {@code byteOffset} (length {@code byteLength}; negative offset: unknown) of
   * {@code sql}: Chinese explanation first, DuckDB's English message after.
   */
  public static SqlSyntaxError of(String sql, String duckdbMessage, int byteOffset, int byteLength) {
    if (byteOffset < 0) {
      return new SqlSyntaxError(new Message("syntax error: " + duckdbMessage, "SQL 语法错误。DuckDB 的说明：" + duckdbMessage), null,
          duckdbMessage);
    }
    Position p = position(sql, byteOffset, Math.max(byteLength, 0));
    String near = sql.substring(p.start(), p.end()).strip();
    String at = near.isEmpty() || near.length() > 40 ? "" : "，“" + near + "”附近";
    String atEn = near.isEmpty() || near.length() > 40 ? "" : " (near \"" + near + "\")";
    return new SqlSyntaxError(new Message(
        "syntax error at line " + p.line() + ", column " + p.column() + atEn + ": " + duckdbMessage,
        "SQL 语法错误：第 " + p.line() + " 行第 " + p.column() + " 列" + at + "。DuckDB 的说明：" + duckdbMessage),
        p, duckdbMessage);
  }

  /** The line, column and UTF-16 span of a UTF-8 byte span of {@code sql}. */
  static Position position(String sql, int byteOffset, int byteLength) {
    int start = charIndex(sql, byteOffset);
    int end = Math.max(start, charIndex(sql, byteOffset + byteLength));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < start; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = sql.codePointCount(lineStart, start) + 1;
    return new Position(line, column, start, end);
  }

  /** The UTF-16 index at UTF-8 byte {@code bytes} of {@code s} (its length beyond the end). */
  private static int charIndex(String s, int bytes) {
    int b = 0;
    int i = 0;
    while (i < s.length() && b < bytes) {
      int cp = s.codePointAt(i);
      b += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      i += Character.charCount(cp);
    }
    return i;
  }
}
