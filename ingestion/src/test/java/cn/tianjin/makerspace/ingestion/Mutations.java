package cn.tianjin.makerspace.ingestion;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of valid landing text for the property tests: edits of the text (fields truncated,
 * delimiters and quotes inserted, lines duplicated, split or dropped, odd values, huge fields,
 * empty lines), then an encoding (UTF-8 with or without a BOM, GB18030, UTF-16), then flipped
 * bytes or a cut. Each is a record, so jqwik shows (and shrinks) the failing one.
 */
final class Mutations {
  private Mutations() {}

  /** Where an edit applies, as a fraction of the text's length (0 to 9,999 per 10,000). */
  static int at(int pos, int length) {
    return (int) ((long) pos * length / 10_000);
  }

  /** Text a mutation may insert: delimiters, quotes, line breaks, a BOM, odd digits. */
  static final List<String> TOKENS = List.of(
      ",", "\"", "\"\"", "\n", "\r", "\r\n", "\n\n", "  \n", ";", ";;", "\uFEFF", "\t", " ", ",,", "\"\n\"",
      "\\", "{", "}", "[", "]", ":", "\u00A0", "２", "١", "\u0000", "\u0007", "\u2028", "𠀀");

  /** Values a field may be replaced with: empty, signs, exponents, overflow, impossible dates. */
  static final List<String> VALUES = List.of(
      "", " ", "-1", "0", "12", "12.000001", "0.0000001", "1e3", "1E309", "NaN", "Infinity", "-0", "+5",
      "999999999", "9999999999", "2147483648", "99999999999999999999", "1.5", "8,5", "８", "٨",
      "2025-02-30", "2025-13-01", "0000-00-00", "+999999999-12-31", "-999999999-01-01", "2025/13/1",
      "2025/2/29", "2024/2/29", "2025-7-3", "20250703", "2025-07-03T10:00", "是", "否", "TRUE", "maybe",
      "null", "C1;;C2", ";", "C99999", "S9999", "G9999", "120101", "12010", "\"quoted\"", "a\nb", "\t");

  /** One edit of the text. */
  record Edit(Kind kind, int pos, int arg, String token) {
    String apply(String s) {
      int i = at(pos, s.length() + 1);
      i = Math.min(i, s.length());
      if (i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i))) {
        i--; // never split a surrogate pair
      }
      switch (kind) {
        case INSERT:
          return s.substring(0, i) + token + s.substring(i);
        case DELETE: {
          int j = Math.min(s.length(), i + arg);
          if (j < s.length() && Character.isLowSurrogate(s.charAt(j))) {
            j++;
          }
          return s.substring(0, i) + s.substring(j);
        }
        case TRUNCATE_FILE:
          return s.substring(0, i);
        case REPLACE_FIELD: {
          int from = i;
          while (from > 0 && ",\n\r".indexOf(s.charAt(from - 1)) < 0) {
            from--;
          }
          int to = i;
          while (to < s.length() && ",\n\r".indexOf(s.charAt(to)) < 0) {
            to++;
          }
          return s.substring(0, from) + token + s.substring(to);
        }
        case HUGE_FIELD:
          return s.substring(0, i) + token.repeat(arg) + s.substring(i);
        case DUPLICATE_LINE:
        case DELETE_LINE: {
          int from = s.lastIndexOf('\n', Math.max(0, i - 1)) + 1;
          if (from > i) {
            from = 0;
          }
          int to = s.indexOf('\n', i);
          to = to < 0 ? s.length() : to + 1;
          String line = s.substring(from, to);
          return kind == Kind.DELETE_LINE
              ? s.substring(0, from) + s.substring(to)
              : s.substring(0, to) + (line.endsWith("\n") ? line : "\n" + line) + s.substring(to);
        }
        default:
          throw new IllegalStateException(kind.toString());
      }
    }
  }

  enum Kind { INSERT, DELETE, TRUNCATE_FILE, REPLACE_FIELD, HUGE_FIELD, DUPLICATE_LINE, DELETE_LINE }

  /** How the mutated text becomes bytes. */
  enum Encoding {
    UTF_8(StandardCharsets.UTF_8, false),
    UTF_8_BOM(StandardCharsets.UTF_8, true),
    GB18030(Charset.forName("GB18030"), false),
    UTF_16LE(StandardCharsets.UTF_16LE, false);

    final Charset charset;
    final boolean bom;

    Encoding(Charset charset, boolean bom) {
      this.charset = charset;
      this.bom = bom;
    }

    byte[] encode(String text) {
      byte[] body = text.getBytes(charset);
      if (!bom) {
        return body;
      }
      byte[] out = new byte[body.length + 3];
      out[0] = (byte) 0xEF;
      out[1] = (byte) 0xBB;
      out[2] = (byte) 0xBF;
      System.arraycopy(body, 0, out, 3, body.length);
      return out;
    }
  }

  /** A change of the encoded bytes: a flipped byte, or the file cut short. */
  record ByteEdit(int pos, int mask, boolean cut) {
    byte[] apply(byte[] b) {
      if (b.length == 0) {
        return b;
      }
      int i = Math.min(at(pos, b.length), b.length - 1);
      if (cut) {
        return Arrays.copyOf(b, i);
      }
      byte[] out = b.clone();
      out[i] ^= (byte) mask;
      return out;
    }
  }

  /** Text edits, an encoding and byte edits, applied in that order to a valid text. */
  record Mutation(List<Edit> edits, Encoding encoding, List<ByteEdit> byteEdits) {
    String text(String valid) {
      String s = valid;
      for (Edit e : edits) {
        s = e.apply(s);
      }
      return s;
    }

    byte[] bytes(String valid) {
      byte[] b = encoding.encode(text(valid));
      for (ByteEdit e : byteEdits) {
        b = e.apply(b);
      }
      return b;
    }
  }

  static Arbitrary<Edit> edits() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, 9_999);
    Arbitrary<Edit> insert = Combinators.combine(pos, Arbitraries.of(TOKENS))
        .as((p, t) -> new Edit(Kind.INSERT, p, 0, t));
    Arbitrary<Edit> delete = Combinators.combine(pos, Arbitraries.integers().between(1, 30))
        .as((p, n) -> new Edit(Kind.DELETE, p, n, ""));
    Arbitrary<Edit> truncate = pos.map(p -> new Edit(Kind.TRUNCATE_FILE, p, 0, ""));
    Arbitrary<Edit> replace = Combinators.combine(pos, Arbitraries.of(VALUES))
        .as((p, v) -> new Edit(Kind.REPLACE_FIELD, p, 0, v));
    Arbitrary<Edit> huge = Combinators.combine(pos, Arbitraries.integers().between(1_000, 200_000), Arbitraries.of("x", "9", "中", "\"", ","))
        .as((p, n, t) -> new Edit(Kind.HUGE_FIELD, p, n, t));
    Arbitrary<Edit> lines = Combinators.combine(pos, Arbitraries.of(Kind.DUPLICATE_LINE, Kind.DELETE_LINE))
        .as((p, k) -> new Edit(k, p, 0, ""));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, insert),
        net.jqwik.api.Tuple.of(3, delete),
        net.jqwik.api.Tuple.of(1, truncate),
        net.jqwik.api.Tuple.of(5, replace),
        net.jqwik.api.Tuple.of(1, huge),
        net.jqwik.api.Tuple.of(3, lines));
  }

  static Arbitrary<ByteEdit> byteEdits() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9_999),
            Arbitraries.integers().between(1, 255),
            Arbitraries.of(false, false, false, true))
        .as(ByteEdit::new);
  }

  /** Mostly a few text edits in UTF-8; sometimes another encoding, flipped bytes or a cut. */
  static Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            edits().list().ofMinSize(0).ofMaxSize(6),
            Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, Encoding.UTF_8),
                net.jqwik.api.Tuple.of(2, Encoding.UTF_8_BOM),
                net.jqwik.api.Tuple.of(2, Encoding.GB18030),
                net.jqwik.api.Tuple.of(1, Encoding.UTF_16LE)),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<ByteEdit>of())),
                net.jqwik.api.Tuple.of(1, byteEdits().list().ofMinSize(1).ofMaxSize(3))))
        .as(Mutation::new);
  }
}
