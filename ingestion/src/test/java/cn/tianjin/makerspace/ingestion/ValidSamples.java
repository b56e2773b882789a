package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.ingestion.generator.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Valid landing content for the property tests to mutate, taken once from a small
 * {@link LandingGenerator} landing zone (scale 0.02, fixed seed): the reference files, the
 * head of one quarterly report whose rows are accepted, and the head of one day of request
 * logs, with the reference data they are checked against. Plain Java, no Spark session.
 */
final class ValidSamples {
  /** How many data rows of the report and lines of the request log the samples keep. */
  static final int ROWS = 8;

  private static ValidSamples instance;

  final Path landingRoot;
  /** The reference files' text, by file name (districts.csv ...), in dependency order. */
  final Map<String, String> referenceText = new LinkedHashMap<>();
  final ReferenceData reference;
  final ReportCheck reportCheck;
  final EventCheck eventCheck;
  /** The report: its landing path, district and quarter, header and first data rows. */
  final String reportPath;
  final String reportDistrict;
  final String reportQuarter;
  final String reportText;
  /** The first lines of one day's request log, as text (one JSON object a line). */
  final String eventLines;
  final List<String> spaceIds = new ArrayList<>();
  final List<String> categoryCodes = new ArrayList<>();
  final List<String> commissionerIds = new ArrayList<>();

  static synchronized ValidSamples get() {
    if (instance == null) {
      instance = new ValidSamples();
    }
    return instance;
  }

  private ValidSamples() {
    try {
      landingRoot = Files.createTempDirectory("valid-samples");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(landingRoot)));
      new LandingGenerator(0.02, 20_260_101).generate(landingRoot);
      LandingZone landing = new LandingZone(landingRoot);
      List<LandingZone.LandingFile> files = landing.scan();
      for (String name : LandingZone.REFERENCE_FILES) {
        Path p = landingRoot.resolve("reference").resolve(name);
        if (Files.exists(p)) {
          referenceText.put(name, TextDecoder.decode(Files.readAllBytes(p), p.toString()).text());
        }
      }
      reference = ReferenceData.load(landing, files);
      reportCheck = reference.reportCheck();
      eventCheck = reference.eventCheck();
      reference.rows().get(CuratedTables.MAKER_SPACES).forEach(r -> spaceIds.add(r.getString(0)));
      reference.rows().get(CuratedTables.SERVICE_CATEGORIES).forEach(r -> categoryCodes.add(r.getString(0)));
      reference.rows().get(CuratedTables.COMMISSIONERS).forEach(r -> commissionerIds.add(r.getString(0)));

      // the first report (in path order) whose first ROWS data rows are all accepted
      String path = null;
      String text = null;
      for (LandingZone.LandingFile f : files) {
        if (f.source() != LandingZone.Source.QUARTERLY_REPORTS || !f.path().endsWith(".csv")) {
          continue;
        }
        String decoded = TextDecoder.decode(landing.read(f), f.path()).text();
        List<CsvRecords.Record> records = CsvRecords.parse(decoded);
        if (records.size() <= ROWS) {
          continue;
        }
        CsvFile csv = new CsvFile(f.path(), decoded, ReportCheck.COLUMNS);
        boolean allAccepted = true;
        StringBuilder head = new StringBuilder(records.get(0).raw()).append('\n');
        for (CsvRecords.Record r : records.subList(1, ROWS + 1)) {
          try {
            csv.check(r, x -> reportCheck.check(x, f.reportDistrict(), f.quarter(), f.path()));
            head.append(r.raw()).append('\n');
          } catch (Rejected e) {
            allAccepted = false;
            break;
          }
        }
        if (allAccepted) {
          path = f.path();
          text = head.toString();
          break;
        }
      }
      if (path == null) {
        throw new IllegalStateException("the generated landing zone has no report with " + ROWS + " accepted rows");
      }
      reportPath = path;
      reportDistrict = path.split("/")[2].substring(0, 6);
      reportQuarter = path.split("/")[1];
      reportText = text;

      Path day;
      try (Stream<Path> s = Files.list(landingRoot.resolve("request_logs"))) {
        day = s.sorted().skip(10).findFirst().orElseThrow();
      }
      Path log;
      try (Stream<Path> s = Files.list(day)) {
        log = s.sorted(Comparator.naturalOrder()).findFirst().orElseThrow();
      }
      String all = new String(gunzipIfNeeded(log), StandardCharsets.UTF_8);
      eventLines = String.join("\n", all.lines().limit(ROWS * 3L).toList()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The columns each reference file must have (what ReferenceData requires of it). */
  static List<String> referenceColumns(String name) {
    String header = get().referenceText.get(name).lines().findFirst().orElse("");
    return List.of(header.replace("\uFEFF", "").split(","));
  }

  private static byte[] gunzipIfNeeded(Path p) throws IOException {
    try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder: best effort
    }
  }
}
