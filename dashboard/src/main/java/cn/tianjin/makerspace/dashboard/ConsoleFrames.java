package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire between the server and a console query process ({@link ConsoleWorker}): frames of a
 * type byte, a length and that many bytes, over the process's standard input and output. The
 * server sends a {@link Request}; the process answers with {@link Type#HEADER}, then
 * {@link Type#ROWS} (show) or {@link Type#CSV} (export) frames, then {@link Type#END} — or
 * {@link Type#ERROR} at any point.
 */
final class ConsoleFrames {
  /** Largest frame either side accepts: a batch of rows is cut well below it. */
  static final int MAX_FRAME_BYTES = 16 << 20;
  /** A batch of rows or CSV is sent once it holds this many bytes. */
  static final int BATCH_BYTES = 256 << 10;
  /** Numbers as written: a DECIMAL keeps its digits on the way through. */
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  enum Type {
    /** Process → server, once after start: the database is open ({@link Ready}). */
    READY('S'),
    /** Server → process: run a query ({@link Request}). */
    REQUEST('Q'),
    /** The answer's columns and their DuckDB types ({@link Header}). */
    HEADER('H'),
    /** A JSON array of rows, each an array of JSON values ({@link ConsoleService#cell}). */
    ROWS('R'),
    /** A piece of the export's CSV, UTF-8. */
    CSV('C'),
    /** The answer is complete ({@link End}). */
    END('E'),
    /** The query failed ({@link Failure}); nothing more follows for it. */
    ERROR('X');

    final byte code;

    Type(char code) {
      this.code = (byte) code;
    }

    static Type of(byte code) {
      for (Type t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IllegalStateException("unknown console frame type " + code);
    }
  }

  /** What a query process is asked: show (rows as JSON, under the answer limit) or export (CSV, under the row limit). */
  record Request(boolean export, String sql, int maxRows, int maxValueBytes, long maxResultBytes) {}

  record Ready(String snapshotId) {}

  record Header(java.util.List<String> columns, java.util.List<String> types) {}

  record End(long rows, boolean truncated) {}

  /** {@code sql}: DuckDB refused or failed the query (its first line); otherwise one of the console's own limits. */
  record Failure(boolean sql, String message) {}

  record Frame(Type type, byte[] body) {
    <T> T as(Class<T> c) {
      try {
        return JSON.readValue(body, c);
      } catch (IOException e) {
        throw new UncheckedIOException("a console " + type + " frame is not valid: " + e.getMessage(), e);
      }
    }
  }

  private ConsoleFrames() {}

  static void write(DataOutputStream out, Type type, Object value) throws IOException {
    write(out, type, JSON.writeValueAsBytes(value));
  }

  static void write(DataOutputStream out, Type type, byte[] body) throws IOException {
    out.writeByte(type.code);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  /** The next frame; null when the other side closed the stream between frames. */
  static Frame read(DataInputStream in) throws IOException {
    int code = in.read();
    if (code < 0) {
      return null;
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException("a console frame of " + length + " bytes (the most is " + MAX_FRAME_BYTES + ")");
    }
    byte[] body = new byte[length];
    try {
      in.readFully(body);
    } catch (EOFException e) {
      throw new EOFException("the console frame ended early");
    }
    return new Frame(Type.of((byte) code), body);
  }
}
