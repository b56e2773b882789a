package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.Outcomes.assertFits;
import static cn.tianjin.makerspace.ingestion.Outcomes.check;

import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.ingestion.Mutations.Mutation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Random and mutated request-log files and lines through the plain-Java steps the ingest runs on
 * the executors: {@link RequestLogParser}'s main pass (lines, {@link EventCheck}) and its pre-pass
 * (the event ids that find duplicates, {@link EventIdScan}), called on one file without a Spark
 * session. Each line ends as an accepted event that fits {@code request_events} or a quarantine
 * row with a reason; a file that cannot be read on (a corrupt .gz) as an UNREADABLE_FILE row; the
 * pre-pass sees the id of every accepted event (else a duplicate of it would be kept).
 */
class EventLinesPropertyTest {
  private static final String ROOT = "/landing";
  private static final StructType FILE = new StructType()
      .add("path", DataTypes.StringType).add("content", DataTypes.BinaryType);
  private static final JsonFactory JSON = new JsonFactory();

  /** What the main pass and the pre-pass made of one file. */
  record Read(List<Row> accepted, List<Row> exceptions) {}

  /**
   * Reads one file as the ingest does — the pre-pass, then the main pass with the repeated ids as
   * candidates — and asserts every outcome.
   */
  static Read readLog(String name, byte[] content) {
    ValidSamples s = ValidSamples.get();
    Row file = new GenericRowWithSchema(new Object[] {"file:" + ROOT + "/" + name, content}, FILE);
    List<Row> packed = new ArrayList<>();
    RequestLogParser.eventIds(ROOT, s.eventCheck).call(List.of(file).iterator()).forEachRemaining(packed::add);
    long[] ids = EventIdHashes.unpackAll(packed);
    Arrays.sort(ids);
    CollectionAccumulator<Row> exceptions = new CollectionAccumulator<>();
    List<Row> accepted = RequestLogParser.events(ROOT, s.eventCheck, null, exceptions)
        .parse(JSON, file, EventIdHashes.repeated(ids));
    Set<Long> lines = new HashSet<>();
    long unreadableAt = Long.MAX_VALUE;
    List<Row> all = new ArrayList<>(accepted);
    for (Row r : exceptions.value()) {
      String kind = r.getString(EventCheck.KIND);
      check(kind.equals("Q") || kind.equals("C"), "kind " + kind);
      if (kind.equals("C")) {
        all.add(r);
        continue;
      }
      check(r.getString(10).equals(name), "the quarantine row names the file: " + r);
      ReasonCode reason = ReasonCode.valueOf(r.getString(13));
      check(r.getString(14) != null && !r.getString(14).isBlank(), "a detail: " + r);
      check(r.getLong(11) >= 1 && lines.add(r.getLong(11)), "a line number, once: " + r);
      if (reason == ReasonCode.UNREADABLE_FILE) {
        check(unreadableAt == Long.MAX_VALUE, "one UNREADABLE_FILE row a file");
        unreadableAt = r.getLong(11);
      } else {
        check(r.getString(15) != null, "the raw line is kept: " + r);
        s.eventCheck.districtOf(JSON, r.getString(15)); // what the driver asks of a rejected line
      }
    }
    for (Row r : all) {
      Row event = r.length() == EventCheck.KIND ? r : org.apache.spark.sql.RowFactory.create(
          Arrays.copyOf(values(r), EventCheck.KIND));
      assertAcceptedEvent(event, s);
      check(event.getString(10).equals(name), "the event names the file");
      check(lines.add(event.getLong(11)), "a line number, once: " + event);
      check(Arrays.binarySearch(ids, EventIdHashes.hash(event.getString(0))) >= 0,
          "the pre-pass misses the event_id '" + event.getString(0) + "' of line " + event.getLong(11)
              + ": a duplicate of it would not be found");
    }
    for (long l : lines) {
      check(l <= unreadableAt, "no line is read past the point where the file became unreadable");
    }
    if (unreadableAt == Long.MAX_VALUE && !name.endsWith(".gz")) {
      long nonBlank = nonBlankLines(new String(content, StandardCharsets.UTF_8));
      check(lines.size() == nonBlank, lines.size() + " outcomes for " + nonBlank + " non-blank lines");
    }
    return new Read(all, exceptions.value());
  }

  private static long nonBlankLines(String text) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    return lines.stream().filter(l -> !l.isBlank()).count();
  }

  private static Object[] values(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  /** An accepted event fits request_events and obeys the contract's rules for a line. */
  static void assertAcceptedEvent(Row e, ValidSamples s) {
    assertFits(e, CuratedTables.REQUEST_EVENTS_SCHEMA, "request_events");
    check(EventCheck.TYPES.contains(e.getString(2)), "accepted type " + e.getString(2));
    check(e.isNullAt(4) || EventCheck.CHANNELS.contains(e.getString(4)), "accepted channel " + e.get(4));
    check(e.isNullAt(5) || s.spaceIds.contains(e.getString(5)), "accepted space " + e.get(5));
    check(e.isNullAt(6) || s.categoryCodes.contains(e.getString(6)), "accepted category " + e.get(6));
    check(e.isNullAt(8) || e.getInt(8) >= 1 && e.getInt(8) <= 5, "accepted satisfaction " + e.get(8));
    if (e.getString(2).equals("RECEIVED")) {
      check(!e.isNullAt(4) && !e.isNullAt(5) && !e.isNullAt(6), "a RECEIVED event names channel, space and category: " + e);
    }
    for (int i : new int[] {0, 1, 2}) {
      check(!e.getString(i).isBlank() && e.getString(i).equals(e.getString(i).trim()), "a trimmed, non-blank key: " + e);
    }
  }

  private static void label(Read r) {
    Statistics.label("lines").collect(
        r.accepted().isEmpty() ? (r.exceptions().isEmpty() ? "none" : "quarantined only")
            : r.exceptions().stream().anyMatch(x -> EventCheck.Kind.of(x) == EventCheck.Kind.QUARANTINED) ? "accepted and quarantined" : "accepted only");
  }

  private static byte[] gzip(byte[] b) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(b);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- files ------------------------------------------------------------------------------

  @Property(tries = 200)
  void randomBytesAsALog(@ForAll @Size(max = 2_000) byte[] bytes, @ForAll boolean gz) {
    label(readLog("request_logs/2025-07-07/a.jsonl" + (gz ? ".gz" : ""), bytes));
  }

  /** Valid lines mutated as text, re-encoded, bytes flipped; as .jsonl, or as .jsonl.gz (gzipped, then perhaps cut or flipped). */
  @Property(tries = 300)
  void mutatedLogs(@ForAll("mutations") Mutation m, @ForAll boolean gz, @ForAll("gzEdits") List<Mutations.ByteEdit> gzEdits) {
    byte[] content = m.bytes(ValidSamples.get().eventLines);
    if (gz) {
      content = gzip(content);
      for (Mutations.ByteEdit e : gzEdits) {
        content = e.apply(content);
      }
    }
    label(readLog("request_logs/2025-07-07/a.jsonl" + (gz ? ".gz" : ""), content));
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Mutations.mutations();
  }

  @Provide
  Arbitrary<List<Mutations.ByteEdit>> gzEdits() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(List.<Mutations.ByteEdit>of())),
        Tuple.of(1, Mutations.byteEdits().list().ofMinSize(1).ofMaxSize(2)));
  }

  /** Files of generated JSON lines: wrong types, missing, extra and repeated keys, deep nesting. */
  @Property(tries = 200)
  void generatedJsonLogs(@ForAll("jsonLines") List<String> lines, @ForAll("breaks") String lineBreak, @ForAll boolean bom) {
    String text = (bom ? "\uFEFF" : "") + String.join(lineBreak, lines) + lineBreak;
    label(readLog("request_logs/2025-07-07/a.jsonl", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> breaks() {
    return Arbitraries.of("\n", "\n", "\r\n", "\r");
  }

  // ---- lines ------------------------------------------------------------------------------

  /** One generated line through EventCheck.check, which must never throw. */
  @Property(tries = 500)
  void generatedJsonLines(@ForAll("jsonLine") String line) {
    ValidSamples s = ValidSamples.get();
    Row r = s.eventCheck.check(JSON, line, "request_logs/2025-07-07/a.jsonl", 7);
    if (r.length() == EventCheck.KIND) {
      assertAcceptedEvent(r, s);
      Statistics.label("line").collect("accepted");
    } else {
      check(EventCheck.Kind.of(r) == EventCheck.Kind.QUARANTINED, "kind Q");
      ReasonCode reason = ReasonCode.valueOf(r.getString(13));
      check(r.getString(14) != null && !r.getString(14).isBlank(), "a detail");
      check(line.equals(r.getString(15)), "the raw line is kept");
      check(r.getLong(11) == 7, "the line number is kept");
      check(reason != ReasonCode.NOT_JSON || !isJsonObject(line), "a JSON object is not NOT_JSON: " + r.getString(14));
      Statistics.label("line").collect(reason);
    }
    EventCheck.eventIdOf(JSON, line);
    s.eventCheck.districtOf(JSON, line);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Whether a JSON parser of its own (a tree, not the check's streaming read) finds one JSON object in the line. */
  static boolean isJsonObject(String line) {
    try {
      return MAPPER.readTree(line) instanceof ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<List<String>> jsonLines() {
    return jsonLine().list().ofMinSize(1).ofMaxSize(8);
  }

  /** A JSON value of any type, nested a little. */
  static Arbitrary<String> anyValue() {
    Arbitrary<String> leaf = Arbitraries.oneOf(
        Arbitraries.of("0", "1", "5", "6", "-1", "1.0", "5.0", "1e2", "-0", "0.5", "9223372036854775808",
            "123456789012345678901234567890", "1e400", "-1e-400", "true", "false", "null"),
        strings().map(EventLinesPropertyTest::jsonString));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
        Combinators.combine(strings(), inner).as((k, v) -> jsonString(k) + ":" + v)
            .list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}")), 0, 3);
  }

  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "E1", "R1", "RECEIVED", "S0001", "C00001", "POLICY_CONSULT", "event_id", "\"event_id\":\"X\"",
            "2025-07-03T10:15:00+08:00", "\u0000", "\ud800", "中文", "{", "[", "\\"),
        Arbitraries.strings().withChars("abcE0123456789 \"\\{}[]:,中").ofMaxLength(10),
        Arbitraries.integers().between(10_000, 100_000).map("x"::repeat)); // a huge value, cheaply
  }

  static String jsonString(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /** Deep nesting: arrays or objects up to 5,000 levels (past Jackson's limit of 1,000). */
  static Arbitrary<String> deep() {
    return Combinators.combine(Arbitraries.integers().between(1, 5_000), Arbitraries.of(true, false))
        .as((n, arrays) -> arrays ? "[".repeat(n) + "]".repeat(n) : "{\"a\":".repeat(n) + "1" + "}".repeat(n));
  }

  /** A plausible value for a known key: mostly right, sometimes wrong in the ways a sender gets it wrong. */
  static Arbitrary<String> plausible(String key) {
    ValidSamples s = ValidSamples.get();
    Arbitrary<String> right;
    Arbitrary<String> wrong;
    switch (key) {
      case "event_id" -> {
        right = Arbitraries.integers().between(1, 20).map(i -> "E" + i);
        wrong = Arbitraries.of("", " ", " E1 ", "事件1");
      }
      case "request_id" -> {
        right = Arbitraries.integers().between(1, 5).map(i -> "R" + i);
        wrong = Arbitraries.of("", " R1");
      }
      case "type" -> {
        right = Arbitraries.of("RECEIVED", "ASSIGNED", "FEEDBACK", "CLOSED");
        wrong = Arbitraries.of("received", "ESCALATED", " RECEIVED ", "");
      }
      case "ts" -> {
        right = Arbitraries.of("2025-07-03T10:15:00+08:00", "2025-07-03T10:15:00", "2025-07-03 10:15:00",
            "2025-07-03T10:15:00Z", "2025-07-03T10:15:00.123+08:00", "2025-07-03 10:15", "1991-06-01T00:00:00");
        wrong = Arbitraries.of("2025-07-03 10:15:00.5", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00",
            "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00",
            "2025-02-30T10:00:00", "2025-07-03T24:00:00", "2025-07-03T10:15:00+18:00", "2025-07-03T10:15:00-25:00",
            "2025-07-03", "yesterday", "");
      }
      case "channel" -> {
        right = Arbitraries.of(EventCheck.CHANNELS.stream().sorted().toList());
        wrong = Arbitraries.of("FAX", "web", "");
      }
      case "space_id" -> {
        right = Arbitraries.of(s.spaceIds);
        wrong = Arbitraries.of("S9999", "s0001", "");
      }
      case "category" -> {
        right = Arbitraries.of(s.categoryCodes);
        wrong = Arbitraries.of("CATERING", "");
      }
      case "commissioner_id" -> {
        right = Arbitraries.of(s.commissionerIds);
        wrong = Arbitraries.of("C99999", "");
      }
      case "note" -> {
        right = Arbitraries.of("", "现场受理", "咨询高新技术企业认定");
        wrong = strings();
      }
      case "satisfaction" -> {
        return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.of("1", "2", "3", "4", "5", "null")),
            Tuple.of(1, Arbitraries.of("0", "6", "-1", "\"5\"", "5.0", "1e2", "99999999999999999999", "true", "[5]", "{\"v\":5}")));
      }
      default -> throw new IllegalArgumentException(key);
    }
    return Arbitraries.frequencyOf(Tuple.of(5, right), Tuple.of(1, wrong)).map(EventLinesPropertyTest::jsonString);
  }

  static final List<String> KEYS = List.of(
      "event_id", "request_id", "type", "ts", "channel", "space_id", "category", "commissioner_id", "satisfaction", "note");

  /**
   * One line: each known key with a plausible value, a value of another type, or left out; then
   * extra keys, known keys repeated (before or after), or no object at all (another JSON value,
   * deep nesting, two objects).
   */
  @Provide
  Arbitrary<String> jsonLine() {
    List<Arbitrary<String>> pairs = new ArrayList<>();
    for (String key : KEYS) {
      pairs.add(Arbitraries.frequencyOf(
          Tuple.of(60, plausible(key)),
          Tuple.of(3, anyValue()),
          Tuple.of(1, deep()),
          Tuple.of(4, Arbitraries.just((String) null)))
          .map(v -> v == null ? null : jsonString(key) + ":" + v));
    }
    Arbitrary<String> known = Combinators.combine(pairs).as(l -> l.stream().filter(p -> p != null).toList())
        .map(l -> String.join(",", l));
    Arbitrary<String> extra = Combinators.combine(
            Arbitraries.oneOf(strings(), Arbitraries.of(KEYS)), Arbitraries.oneOf(anyValue(), Arbitraries.of(KEYS).flatMap(EventLinesPropertyTest::plausible)))
        .as((k, v) -> jsonString(k) + ":" + v).list().ofMaxSize(3).map(l -> String.join(",", l));
    Arbitrary<String> object = Combinators.combine(known, extra, Arbitraries.of(true, false), Arbitraries.of("", " ", "\t"))
        .as((k, x, before, ws) -> {
          String body = x.isEmpty() ? k : k.isEmpty() ? x : before ? x + "," + k : k + "," + x;
          return ws + "{" + ws + body + ws + "}" + ws;
        });
    // no edge cases: jqwik's combined edge cases would make most lines the same odd event_id
    return Arbitraries.frequencyOf(
        Tuple.of(20, object),
        Tuple.of(1, anyValue()),
        Tuple.of(1, deep()),
        Tuple.of(1, Combinators.combine(object, object).as((a, b) -> a + b)),
        Tuple.of(1, object.map(o -> o + " trailing"))).withoutEdgeCases();
  }
}
