package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.contract.EventCheck;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Reads the request-log files that Spark's {@code binaryFile} source delivers (one row per file:
 * path, content), one non-blank line at a time with its 1-based line number, and checks each.
 *
 * <p>The one full pass over the data yields the accepted events, ready to write. The few lines
 * that need a second look travel beside it in an accumulator: rejected lines (with their reason)
 * and accepted events whose event_id is a duplicate candidate (seen more than once, or already in
 * the warehouse). The driver de-duplicates the accumulated rows by (file, line), so a retried
 * task cannot count a line twice.
 */
final class RequestLogParser implements MapPartitionsFunction<Row, Row> {
  private final String landingRootPath;
  private final EventCheck check;
  private final Broadcast<long[]> candidates; // sorted fingerprints (EventIdHashes)
  private final CollectionAccumulator<Row> exceptions;
  private final boolean idsOnly;

  private RequestLogParser(String landingRootPath, EventCheck check, Broadcast<long[]> candidates,
      CollectionAccumulator<Row> exceptions, boolean idsOnly) {
    this.landingRootPath = landingRootPath.endsWith("/") ? landingRootPath : landingRootPath + "/";
    this.check = check;
    this.candidates = candidates;
    this.exceptions = exceptions;
    this.idsOnly = idsOnly;
  }

  /**
   * The pre-pass: per partition, one row holding the packed fingerprints of the event ids of all
   * its lines, checked or not (see EventIdHashes).
   */
  static RequestLogParser eventIds(String landingRootPath, EventCheck check) {
    return new RequestLogParser(landingRootPath, check, null, null, true);
  }

  /** The main pass: accepted, non-candidate events; the rest go to {@code exceptions}. */
  static RequestLogParser events(String landingRootPath, EventCheck check, Broadcast<long[]> candidates,
      CollectionAccumulator<Row> exceptions) {
    return new RequestLogParser(landingRootPath, check, candidates, exceptions, false);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    JsonFactory json = new JsonFactory();
    if (idsOnly) {
      long[] values = new long[1 << 16];
      int n = 0;
      while (files.hasNext()) {
        Row file = files.next();
        for (String id : eventIds(json, relative(file.getString(file.fieldIndex("path"))), file.getAs("content"))) {
          if (n == values.length) {
            values = java.util.Arrays.copyOf(values, n * 2);
          }
          values[n++] = EventIdHashes.hash(id);
        }
      }
      return List.of(EventIdHashes.pack(values, n)).iterator();
    }
    long[] candidateHashes = candidates.value();
    return new Iterator<>() {
      private Iterator<Row> current = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && files.hasNext()) {
          current = parse(json, files.next(), candidateHashes).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  /** One file of the main pass (package-private: the property tests read files through it). */
  List<Row> parse(JsonFactory json, Row file, long[] candidateHashes) {
    String sourceFile = relative(file.getString(file.fieldIndex("path")));
    byte[] content = file.getAs("content");
    List<Row> out = new ArrayList<>();
    long lineNumber = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(sourceFile, content), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue; // the contract: blank lines are skipped and not counted
        }
        Row checked = check.check(json, line, sourceFile, lineNumber);
        if (checked.length() == EventCheck.KIND) { // accepted: the 12 event columns
          if (java.util.Arrays.binarySearch(candidateHashes, EventIdHashes.hash(checked.getString(0))) >= 0) {
            exceptions.add(EventCheck.withKind(checked, EventCheck.Kind.CANDIDATE));
          } else {
            out.add(checked);
          }
        } else {
          exceptions.add(checked);
        }
      }
    } catch (IOException e) {
      // A truncated or corrupt .gz: what was read stands, the rest is one quarantine row.
      exceptions.add(check.unreadable(sourceFile, lineNumber + 1, "cannot read past line " + lineNumber + ": " + e));
    }
    return out;
  }

  /**
   * The pre-pass: the event_id of every line, found by scanning bytes for the key (no JSON
   * parse, no decoding of the whole line). A line the scan cannot read with certainty (an
   * escape, a nested object or array, the key twice) is parsed with Jackson instead.
   */
  private static List<String> eventIds(JsonFactory json, String sourceFile, byte[] content) {
    byte[] data;
    try (InputStream in = open(sourceFile, content)) {
      data = in.readAllBytes();
    } catch (IOException e) {
      // read what can be read: the main pass reports the file as unreadable from that line
      data = readPrefix(sourceFile, content);
    }
    List<String> out = new ArrayList<>();
    // the main pass drops a UTF-8 byte-order mark before the first line: so does this one
    int start = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF ? 3 : 0;
    while (start < data.length) {
      int end = start;
      // lines end as BufferedReader.readLine (the main pass) ends them: at LF, CRLF or a lone CR
      while (end < data.length && data[end] != '\n' && data[end] != '\r') {
        end++;
      }
      String id = EventIdScan.scan(data, start, end);
      if (id == EventIdScan.UNSURE) {
        id = EventCheck.eventIdOf(json, new String(data, start, end - start, StandardCharsets.UTF_8));
      }
      if (id != null) {
        out.add(id);
      }
      start = end + (end + 1 < data.length && data[end] == '\r' && data[end + 1] == '\n' ? 2 : 1);
    }
    return out;
  }

  private static byte[] readPrefix(String sourceFile, byte[] content) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (InputStream in = open(sourceFile, content)) {
      byte[] b = new byte[1 << 16];
      int n;
      while ((n = in.read(b)) > 0) {
        buf.write(b, 0, n);
      }
    } catch (IOException ignored) {
      // keep what was read
    }
    return buf.toByteArray();
  }

  private static InputStream open(String sourceFile, byte[] content) throws IOException {
    InputStream in = new ByteArrayInputStream(content);
    return sourceFile.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private String relative(String uri) {
    String path = URI.create(uri).getPath();
    return path.startsWith(landingRootPath) ? path.substring(landingRootPath.length()) : path;
  }
}
