package cn.tianjin.makerspace.contract;

import cn.tianjin.makerspace.common.UserError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a landing CSV file: UTF-8 with a BOM, UTF-8 without one, or GB18030 (what Excel on a
 * Chinese Windows writes; a superset of GBK), detected per file. A file that is neither (binary
 * content, an .xlsx renamed to .csv) is refused with its path.
 */
public final class TextDecoder {
  public static final Charset GB18030 = Charset.forName("GB18030");

  /** The decoded text and the encoding it was found in. */
  public record Decoded(String text, String encoding) {}

  private TextDecoder() {}

  public static Decoded decode(byte[] bytes, String path) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      String text = strict(StandardCharsets.UTF_8, bytes, 3);
      if (text == null) {
        throw notText(path, "it starts with a UTF-8 byte-order mark but is not valid UTF-8");
      }
      return checked(new Decoded(text, "UTF-8 (BOM)"), path);
    }
    String utf8 = strict(StandardCharsets.UTF_8, bytes, 0);
    if (utf8 != null) {
      return checked(new Decoded(utf8, "UTF-8"), path);
    }
    String gb = strict(GB18030, bytes, 0);
    if (gb != null) {
      return checked(new Decoded(gb, "GB18030"), path);
    }
    throw notText(path, "it is neither UTF-8 nor GB18030 text");
  }

  private static Decoded checked(Decoded d, String path) {
    String t = d.text();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        throw notText(path, "it holds binary content (control character at offset " + i + ")");
      }
    }
    return d;
  }

  private static UserError notText(String path, String why) {
    return new UserError("not a CSV text file: " + path + " (" + why + ")");
  }

  private static String strict(Charset cs, byte[] bytes, int offset) {
    try {
      CharBuffer out =
          cs.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
      return out.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
