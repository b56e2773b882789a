package cn.tianjin.makerspace.ingestion;

import java.nio.charset.StandardCharsets;

/**
 * Finds the value of the top-level {@code "event_id"} key of one JSON Lines line by scanning its
 * bytes. Returns the value (trimmed; null when absent, null or empty) or {@link #UNSURE} when
 * the line holds anything the scan does not read with certainty: a backslash, a nested object
 * or array, the key more than once. The caller then asks a JSON parser.
 */
final class EventIdScan {
  static final String UNSURE = new String("unsure"); // compared by identity

  private static final byte[] KEY = "\"event_id\"".getBytes(StandardCharsets.US_ASCII);

  private EventIdScan() {}

  static String scan(byte[] b, int start, int end) {
    int first = -1;
    int braces = 0;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == '\\' || c == '[') {
        return UNSURE;
      }
      if (c == '{' && ++braces > 1) {
        return UNSURE;
      }
      if (c == '"' && matches(b, i, end)) {
        if (first >= 0) {
          return UNSURE;
        }
        first = i;
      }
    }
    if (first < 0) {
      return null; // no such key (the parser will reject the line, or find no id either)
    }
    int i = skipSpace(b, first + KEY.length, end);
    if (i >= end || b[i] != ':') {
      return UNSURE; // "event_id" was a value, not a key
    }
    i = skipSpace(b, i + 1, end);
    if (i >= end) {
      return UNSURE;
    }
    int from;
    int to;
    if (b[i] == '"') {
      from = i + 1;
      to = from;
      while (to < end && b[to] != '"') {
        to++;
      }
      if (to >= end) {
        return UNSURE;
      }
    } else {
      from = i;
      to = i;
      while (to < end && b[to] != ',' && b[to] != '}' && b[to] != ' ' && b[to] != '\t' && b[to] != '\r') {
        to++;
      }
      String token = new String(b, from, to - from, StandardCharsets.UTF_8);
      if (token.equals("null")) {
        return null;
      }
    }
    String v = new String(b, from, to - from, StandardCharsets.UTF_8).trim();
    return v.isEmpty() ? null : v;
  }

  private static boolean matches(byte[] b, int at, int end) {
    if (at + KEY.length > end) {
      return false;
    }
    for (int k = 0; k < KEY.length; k++) {
      if (b[at + k] != KEY[k]) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    return i;
  }
}
