package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.Outcomes.assertFits;
import static cn.tianjin.makerspace.ingestion.Outcomes.assertQuarantined;
import static cn.tianjin.makerspace.ingestion.Outcomes.assertRefusal;
import static cn.tianjin.makerspace.ingestion.Outcomes.check;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.ingestion.Mutations.Encoding;
import cn.tianjin.makerspace.ingestion.Mutations.Mutation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.spark.sql.Row;

/**
 * Random and mutated bytes through the CSV readers and row checks of reference files and
 * quarterly reports — {@link TextDecoder}, {@link CsvRecords}, {@link CsvFile}, {@link ReportCheck},
 * {@link ReferenceData} — the plain-Java steps the ingest takes per file and row. Each outcome is
 * an accepted row that fits its table, a quarantine row with a reason (and the field named), or
 * the refusal of a file that is not text, naming it; never another exception.
 */
class CsvReadersPropertyTest {
  private static Path landing;

  @BeforeContainer
  static void landingZone() throws IOException {
    landing = Files.createTempDirectory("reference-props");
  }

  @AfterContainer
  static void removeLandingZone() {
    ValidSamples.deleteTree(landing);
  }

  // ---- quarterly reports -------------------------------------------------------------------

  /** A report file read as QuarterlyReports reads a .csv report: decoded, split, every row checked. */
  static Outcomes.Counts readCsvReport(byte[] bytes) {
    ValidSamples s = ValidSamples.get();
    String fullPath = "/landing/" + s.reportPath;
    TextDecoder.Decoded text;
    try {
      text = TextDecoder.decode(bytes, fullPath);
    } catch (UserError e) {
      assertRefusal(e, "not a CSV text file: " + fullPath + " (");
      return Outcomes.Counts.refusedFile();
    }
    check(text.encoding() != null, "an encoding is named");
    return Outcomes.checkReport(new CsvFile(s.reportPath, text.text(), ReportCheck.COLUMNS), s);
  }

  private static void label(Outcomes.Counts c) {
    Statistics.label("file").collect(c.refused() ? "refused" : "read");
    if (!c.refused()) {
      Statistics.label("rows").collect(c.accepted() > 0 && c.quarantined() > 0 ? "accepted and quarantined"
          : c.accepted() > 0 ? "accepted only" : c.quarantined() > 0 ? "quarantined only" : "none");
    }
  }

  @Property(tries = 200)
  void randomBytesAsAReport(@ForAll @Size(max = 2_000) byte[] bytes) {
    label(readCsvReport(bytes));
  }

  @Property(tries = 300)
  void mutatedReports(@ForAll("mutations") Mutation m) {
    Outcomes.Counts c = readCsvReport(m.bytes(ValidSamples.get().reportText));
    label(c);
    Statistics.label("encoding").collect(m.encoding());
  }

  @Property(tries = 300)
  void recombinedReportRows(@ForAll("reportBodies") String body) {
    ValidSamples s = ValidSamples.get();
    String header = s.reportText.lines().findFirst().orElseThrow();
    label(readCsvReport((header + "\n" + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Mutations.mutations();
  }

  /**
   * Rows built on a valid row of the report, some of whose fields are replaced: by a value near
   * the column's rules (a day of the quarter that may not exist, hours and counts at their
   * bounds, another row's group, space or members, notes with commas, quotes and line breaks),
   * an odd value or random text; sometimes a field too many or too few. Most stay close enough
   * to valid to reach every rule of ReportCheck.
   */
  @Provide
  Arbitrary<String> reportBodies() {
    ValidSamples s = ValidSamples.get();
    List<CsvRecords.Record> records = CsvRecords.parse(s.reportText);
    List<List<String>> valid = records.subList(1, records.size()).stream().map(CsvRecords.Record::fields).toList();
    List<Arbitrary<String>> replacements = new ArrayList<>();
    for (int c = 0; c < ReportCheck.COLUMNS.size(); c++) {
      int column = c;
      Arbitrary<String> near = switch (ReportCheck.COLUMNS.get(c)) {
        case "session_date" -> daysOfTheQuarter(s.reportQuarter);
        case "hours" -> Arbitraries.of("0", "0.000001", "0.5", "8", "11.999999", "12", "12.0", "12.000001", "12.5", "13", "24");
        case "requests_received" -> Arbitraries.of("0", "1", "-1", "1.5", "999999999", "1000000000", "01");
        case "member_ids" -> Arbitraries.of(valid).list().ofMinSize(1).ofMaxSize(3)
            .map(rows -> String.join(";", rows.stream().map(f -> f.get(column)).toList()));
        case "notes" -> Arbitraries.of("", "现场受理，已登记", "a,b", "say \"hi\"", "两行\n备注", " ");
        default -> Arbitraries.of(valid).map(f -> f.get(column));
      };
      replacements.add(Arbitraries.frequencyOf(
          Tuple.of(12, Arbitraries.just((String) null)), // keep the base row's value
          Tuple.of(4, near),
          Tuple.of(1, Arbitraries.of(Mutations.VALUES)),
          Tuple.of(1, Arbitraries.strings().withChars(",\";:-/. 0123456789CGS中\n").ofMaxLength(12))));
    }
    Arbitrary<String> row = Combinators.combine(Arbitraries.of(valid), Combinators.combine(replacements).as(l -> l))
        .as((base, replaced) -> {
          List<String> fields = new ArrayList<>();
          for (int c = 0; c < base.size(); c++) {
            fields.add(quote(replaced.get(c) == null ? base.get(c) : replaced.get(c)));
          }
          return String.join(",", fields);
        });
    Arbitrary<String> odd = Arbitraries.frequencyOf(
        Tuple.of(10, row),
        Tuple.of(1, row.map(r -> r + ",extra")),
        Tuple.of(1, row.map(r -> r.substring(0, Math.max(0, r.lastIndexOf(','))))),
        Tuple.of(1, Arbitraries.just("")));
    return odd.list().ofMinSize(1).ofMaxSize(8).map(rows -> String.join("\n", rows) + "\n");
  }

  /** Days of the report's quarter, written either way the contract allows, day 1 to 31 of each month (some do not exist). */
  static Arbitrary<String> daysOfTheQuarter(String quarter) {
    int year = Integer.parseInt(quarter.substring(0, 4));
    int first = (quarter.charAt(5) - '1') * 3 + 1;
    return Combinators.combine(Arbitraries.integers().between(first, first + 2), Arbitraries.integers().between(1, 31), Arbitraries.of(true, false))
        .as((m, d, iso) -> iso ? String.format("%d-%02d-%02d", year, m, d) : year + "/" + m + "/" + d);
  }

  private static String quote(String f) {
    return f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")
        ? "\"" + f.replace("\"", "\"\"") + "\"" : f;
  }

  // ---- reference files ---------------------------------------------------------------------

  /**
   * One reference file replaced by mutated bytes, the others valid: ReferenceData.load reads and
   * checks them all (as the ingest does), or refuses the mutated file naming it.
   */
  @Property(tries = 150)
  void mutatedReferenceFiles(@ForAll("referenceFiles") String name, @ForAll("mutations") Mutation m) throws IOException {
    ValidSamples s = ValidSamples.get();
    for (Map.Entry<String, String> e : s.referenceText.entrySet()) {
      Path p = landing.resolve("reference").resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getKey().equals(name) ? m.bytes(e.getValue()) : e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    Statistics.label("file").collect(name);
    LandingZone zone = new LandingZone(landing);
    ReferenceData ref;
    try {
      ref = ReferenceData.load(zone, zone.scan());
    } catch (UserError e) {
      assertRefusal(e, "not a CSV text file: " + zone.location() + "/reference/" + name + " (");
      Statistics.label("outcome").collect("refused");
      return;
    }
    assertReference(ref);
    Statistics.label("outcome").collect(ref.quarantine().isEmpty() ? "all accepted" : "rows quarantined");
  }

  @Provide
  Arbitrary<String> referenceFiles() {
    return Arbitraries.of(List.copyOf(ValidSamples.get().referenceText.keySet()));
  }

  /** What the reference tables must be after any input: rows that fit, relations that hold, counts that add up. */
  private static void assertReference(ReferenceData ref) {
    for (FileCounts c : ref.counts()) {
      check(c.read == c.accepted + c.quarantined, c.file.path() + ": read " + c.read + " != accepted + quarantined");
    }
    for (QuarantineRow q : ref.quarantine()) {
      check(q.lineNumber() >= 2, "a data row's line is at least 2: " + q);
      String name = q.sourceFile().substring(q.sourceFile().lastIndexOf('/') + 1);
      assertQuarantined(new Rejected(q.reason(), q.detail()), ValidSamples.referenceColumns(
          ValidSamples.get().referenceText.containsKey(name) ? name : "workday_overrides.csv"));
      q.toRow();
    }
    Map<String, List<Row>> rows = ref.rows();
    for (Map.Entry<String, List<Row>> t : rows.entrySet()) {
      check(CuratedTables.ALL.containsKey(t.getKey()), "not a curated table: " + t.getKey());
      for (Row r : t.getValue()) {
        assertFits(r, CuratedTables.ALL.get(t.getKey()), t.getKey());
      }
    }
    Set<String> districts = unique(rows.get(CuratedTables.DISTRICTS), 0, "district_code");
    districts.forEach(d -> check(d.matches("\\d{6}"), "a district code is 6 digits: " + d));
    Set<String> spaces = unique(rows.get(CuratedTables.MAKER_SPACES), 0, "space_id");
    Set<String> commissioners = unique(rows.get(CuratedTables.COMMISSIONERS), 0, "commissioner_id");
    unique(rows.get(CuratedTables.SERVICE_CATEGORIES), 0, "category_code");
    unique(rows.get(CuratedTables.WORKDAY_OVERRIDES), 0, "date");
    for (Row r : rows.get(CuratedTables.MAKER_SPACES)) {
      check(districts.contains(r.getString(2)), "a space in an unknown district: " + r);
      assertRange(r.getAs(4), r.getAs(5), r);
    }
    for (Row r : rows.get(CuratedTables.COMMISSIONERS)) {
      check(districts.contains(r.getString(2)), "a commissioner in an unknown district: " + r);
    }
    Set<String> groups = new HashSet<>();
    for (Row r : rows.get(CuratedTables.GROUP_MEMBERS)) {
      check(districts.contains(r.getString(1)) && commissioners.contains(r.getString(2)), "a membership with an unknown reference: " + r);
      assertRange(r.getAs(3), r.getAs(4), r);
      groups.add(r.getString(0));
    }
    for (Row r : rows.get(CuratedTables.GROUP_ASSIGNMENTS)) {
      check(groups.contains(r.getString(0)) && spaces.contains(r.getString(1)), "an assignment with an unknown reference: " + r);
      assertRange(r.getAs(2), r.getAs(3), r);
    }
    ref.reportCheck();
    ref.eventCheck();
  }

  private static Set<String> unique(List<Row> rows, int column, String name) {
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      check(seen.add(String.valueOf(r.get(column))), name + " repeats: " + r);
    }
    return seen;
  }

  private static void assertRange(LocalDate from, LocalDate to, Row r) {
    check(to == null || !to.isBefore(from), "a range that ends before it starts: " + r);
  }

  // ---- the decoder and the CSV splitter on their own ---------------------------------------

  /**
   * Text in UTF-8, UTF-8 with a BOM or GB18030 decodes to itself — GB18030 unless its bytes are
   * also valid UTF-8, which is tried first (the documented order).
   */
  @Property(tries = 300)
  void decodingGivesBackTheText(@ForAll("texts") String text, @ForAll("decodable") Encoding encoding) {
    byte[] bytes = encoding.encode(text);
    TextDecoder.Decoded d = TextDecoder.decode(bytes, "x.csv");
    if (encoding == Encoding.GB18030 && d.encoding().equals("UTF-8")) {
      check(new String(bytes, StandardCharsets.UTF_8).equals(d.text()), "UTF-8 was tried first");
      return;
    }
    check(d.text().equals(text), "decoded " + d + " from " + encoding);
    check(d.encoding().equals(switch (encoding) {
      case UTF_8 -> "UTF-8";
      case UTF_8_BOM -> "UTF-8 (BOM)";
      default -> "GB18030";
    }) || encoding == Encoding.GB18030 && d.encoding().equals("UTF-8"), "encoding " + d.encoding() + " for " + encoding);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars("\n\r\t ,\"abcXYZ0123456789-/;：，。“”")
        .withCharRange('\u4e00', '\u9fa5') // CJK unified ideographs
        .withCharRange('\u00a0', '\u00ff')
        .ofMaxLength(200);
  }

  @Provide
  Arbitrary<Encoding> decodable() {
    return Arbitraries.of(Encoding.UTF_8, Encoding.UTF_8_BOM, Encoding.GB18030);
  }

  /**
   * Records written as a CSV writer (Excel) writes them — a field quoted when it holds a comma,
   * quote or line break, or at will — split back into the same fields, each starting on the line
   * where it stands (line breaks: CRLF, LF or a lone CR between records; LF, CRLF or a lone CR
   * inside quotes).
   */
  @Property(tries = 300)
  void csvSplittingInvertsWriting(@ForAll("records") List<List<String>> records, @ForAll("breaks") String lineBreak,
      @ForAll("breaks") String innerBreak, @ForAll boolean quoteAll) {
    StringBuilder text = new StringBuilder();
    List<Integer> lines = new ArrayList<>();
    int line = 1;
    for (List<String> fields : records) {
      lines.add(line);
      List<String> written = new ArrayList<>();
      for (String f : fields) {
        String v = f.replace("\n", innerBreak);
        boolean quote = quoteAll || v.isBlank() && fields.size() == 1 || v.contains(",") || v.contains("\"")
            || v.contains("\n") || v.contains("\r");
        written.add(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        line += (int) f.chars().filter(c -> c == '\n').count();
      }
      text.append(String.join(",", written)).append(lineBreak);
      line++;
    }
    List<CsvRecords.Record> parsed = CsvRecords.parse(text.toString());
    check(parsed.size() == records.size(), parsed.size() + " records for " + records.size() + " in " + text);
    for (int i = 0; i < records.size(); i++) {
      List<String> expected = records.get(i).stream().map(f -> f.replace("\n", innerBreak)).toList();
      check(parsed.get(i).fields().equals(expected), "record " + i + ": " + parsed.get(i).fields() + " != " + expected);
      check(parsed.get(i).wellFormed(), "record " + i + " is well formed");
      check(parsed.get(i).line() == lines.get(i), "record " + i + " starts on line " + lines.get(i) + ", not " + parsed.get(i).line());
    }
  }

  @Provide
  Arbitrary<List<List<String>>> records() {
    Arbitrary<String> field = Arbitraries.strings().withChars("ab中 ,\"\n;").ofMaxLength(6);
    return field.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> breaks() {
    return Arbitraries.of("\n", "\r\n", "\r");
  }
}
