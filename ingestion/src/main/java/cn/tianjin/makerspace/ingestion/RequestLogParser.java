package cn.tianjin.makerspace.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.spark.sql.Row;

/**
 * Turns the request-log files read by Spark's {@code binaryFile} source (one row per file: path,
 * content) into one checked row per non-blank line, with its 1-based line number. Runs on the
 * executors, one file at a time.
 */
final class RequestLogParser implements MapPartitionsFunction<Row, Row> {
  private final String landingRootPath;
  private final EventCheck check;

  /**
   * @param landingRootPath the landing folder's absolute path, to turn file URIs back into the
   *     relative {@code source_file}
   */
  RequestLogParser(String landingRootPath, EventCheck check) {
    this.landingRootPath = landingRootPath.endsWith("/") ? landingRootPath : landingRootPath + "/";
    this.check = check;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    ObjectMapper json = new ObjectMapper();
    return new Iterator<>() {
      private Iterator<Row> current = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && files.hasNext()) {
          current = parse(json, files.next()).iterator();
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

  private List<Row> parse(ObjectMapper json, Row file) {
    String sourceFile = relative(file.getString(file.fieldIndex("path")));
    byte[] content = file.getAs("content");
    List<Row> out = new ArrayList<>();
    long lineNumber = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(sourceFile, content), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue; // the contract: blank lines are skipped and not counted
        }
        out.add(check.check(json, line, sourceFile, lineNumber));
      }
    } catch (IOException e) {
      // A truncated or corrupt .gz: what was read stands, the rest is one quarantine row.
      out.add(
          check.unreadable(
              sourceFile, lineNumber + 1, "cannot read past line " + lineNumber + ": " + e));
    }
    return out;
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
