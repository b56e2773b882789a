package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.MetricCatalogue.Metric;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {
  /** The pages' scripts, from the dashboard module's folder. */
  private static final Path SCRIPTS = Path.of("src", "main", "resources", "public", "assets");
  /** A helper call naming one metric: App.metricLabel('id'), formatMetric('id', v), metricValue('id', v), metricFigure('id', v), … */
  private static final Pattern ONE = Pattern.compile("\\b(?:metricLabel|metricTitle|formatMetric|metricHead|metricValue|metricFigure|metricUnit|metricWithUnit)\\(\\s*'([^']*)'");
  /** A list of metric ids: App.metricIds('a', 'b', …). */
  private static final Pattern LIST = Pattern.compile("\\bmetricIds\\(([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private static final String GOOD_UNITS = """
      units:
        - {id: count, suffix_zh: "", suffix_en: ""}
        - {id: percent, suffix_zh: "%", suffix_en: "%"}
        - {id: working_days, suffix_zh: " 个工作日", suffix_en: " working days"}
        - {id: calendar_days, suffix_zh: " 天", suffix_en: " days"}
        - {id: hours, suffix_zh: " 小时", suffix_en: " h"}
        - {id: weeks, suffix_zh: " 周", suffix_en: " weeks"}
        - {id: score, suffix_zh: " 分", suffix_en: " points"}
        - {id: rating_1_5, suffix_zh: "", suffix_en: ""}
        - {id: rank, suffix_zh: "", suffix_en: ""}
        - {id: date, suffix_zh: "", suffix_en: ""}
        - {id: status, suffix_zh: "", suffix_en: ""}
      bases:
      """ + Stream.of(MetricCatalogue.Basis.values()).map(b -> "  - {id: " + b.id() + ", label_zh: 甲, label_en: a}\n").collect(Collectors.joining());

  private static String metric(String id, String unit, String extra) {
    return "  - {id: " + id + ", label_zh: 甲, label_en: A, unit: " + unit + ", decimals: 0, source: requests, definition: count(*),"
        + " basis: quarter, article: 第七条, description_zh: 甲, description_en: a" + extra + "}\n";
  }

  private static MetricCatalogue parse(String yaml) {
    return MetricCatalogue.parse("bad.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String error(String yaml) {
    return assertThrows(IllegalStateException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void theCatalogueLoadsWithEveryUnitAndBasis() {
    MetricCatalogue c = MetricCatalogue.get();
    assertTrue(c.metrics().size() >= 50, "metrics: " + c.metrics().size());
    assertEquals(MetricCatalogue.Unit.values().length, c.units().size());
    assertEquals(MetricCatalogue.Basis.values().length, c.bases().size());
    assertEquals(List.of("%", "%"), c.units().stream().filter(u -> u.id() == MetricCatalogue.Unit.PERCENT)
        .flatMap(u -> Stream.of(u.suffixZh(), u.suffixEn())).toList());
    // the three "overdue" figures are three metrics with three names
    Metric perQuarter = c.metric("open_overdue").orElseThrow();
    Metric onDay = c.metric("overdue_on_day").orElseThrow();
    assertEquals(MetricCatalogue.Basis.QUARTER_OF_RECEIPT, perQuarter.basis());
    assertEquals(MetricCatalogue.Basis.ON_DAY, onDay.basis());
    assertFalse(perQuarter.labelZh().equals(onDay.labelZh()));
    // one label per figure: no two metrics share a label
    assertEquals(c.metrics().size(), c.metrics().stream().map(Metric::labelZh).distinct().count(), "Chinese labels are unique");
    assertEquals(c.metrics().size(), c.metrics().stream().map(Metric::labelEn).distinct().count(), "English labels are unique");
  }

  @Test
  void aGoodMinimalFileParses() {
    MetricCatalogue c = parse(GOOD_UNITS + "metrics:\n" + metric("a", "count", ""));
    assertEquals(1, c.metrics().size());
    assertEquals(MetricCatalogue.Article.ART_7, c.metrics().get(0).article());
  }

  @Test
  void aBadFileNamesTheFileAndTheEntry() {
    assertEquals("bad.yaml: metric 'b' (entry 2): unknown unit 'pct' (one of count, percent, working_days, calendar_days, hours, weeks, score, rating_1_5, rank, date, status)",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "") + metric("b", "pct", "")));
    assertEquals("bad.yaml: metric 'a' (entry 2): id 'a' is used twice",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "") + metric("a", "count", "")));
    assertEquals("bad.yaml: metric 'a' (entry 1): unknown field 'colour'",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", ", colour: red")));
    assertEquals("bad.yaml: metric 'a' (entry 1): missing field 'description_en'",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "").replace(", description_en: a", "")));
    assertEquals("bad.yaml: metric 'a' (entry 1): field 'label_zh' must be non-empty text",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "").replace("label_zh: 甲", "label_zh: ' '")));
    assertTrue(error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "").replace("basis: quarter", "basis: fortnight"))
        .startsWith("bad.yaml: metric 'a' (entry 1): unknown basis 'fortnight'"));
    assertTrue(error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "").replace("第七条", "第九十条"))
        .startsWith("bad.yaml: metric 'a' (entry 1): article '第九十条' is not one of 第四条"));
    assertEquals("bad.yaml: metric 'a' (entry 1): decimals must be a whole number from 0 to 4, not 'two'",
        error(GOOD_UNITS + "metrics:\n" + metric("a", "count", "").replace("decimals: 0", "decimals: two")));
    assertEquals("bad.yaml: units lacks 'status'",
        error(GOOD_UNITS.replace("  - {id: status, suffix_zh: \"\", suffix_en: \"\"}\n", "") + "metrics:\n" + metric("a", "count", "")));
    assertEquals("bad.yaml: section 'metrics' is missing or not a list", error(GOOD_UNITS));
    assertTrue(error("units: [").startsWith("bad.yaml: not valid YAML"));
  }

  @Test
  void theDocsHoldTheGeneratedTable() throws IOException {
    MetricCatalogue c = MetricCatalogue.get();
    if (Boolean.getBoolean("metrics.writeDocs")) {
      MetricDocs.write(c);
    }
    String doc = Files.readString(MetricDocs.FILE, StandardCharsets.UTF_8);
    assertEquals(MetricDocs.table(c), MetricDocs.current(doc),
        "docs/kpi-definitions.md is out of date: run MetricCatalogueTest with -Dmetrics.writeDocs=true (docs/dashboard.md, Metric catalogue)");
  }

  /** Every metric id the pages' scripts name, with the files naming it. */
  private static Map<String, Set<String>> idsInScripts() throws IOException {
    Map<String, Set<String>> ids = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(SCRIPTS)) {
      files = s.filter(p -> p.toString().endsWith(".js")).sorted().toList();
    }
    for (Path f : files) {
      String js = Files.readString(f, StandardCharsets.UTF_8);
      List<String> found = new ArrayList<>();
      Matcher m = ONE.matcher(js);
      while (m.find()) {
        found.add(m.group(1));
      }
      Matcher l = LIST.matcher(js);
      while (l.find()) {
        Matcher q = QUOTED.matcher(l.group(1));
        while (q.find()) {
          found.add(q.group(1));
        }
      }
      found.forEach(id -> ids.computeIfAbsent(id, k -> new TreeSet<>()).add(f.getFileName().toString()));
    }
    return ids;
  }

  @Test
  void everyIdThePagesNameIsInTheCatalogueAndEveryEntryIsShown() throws IOException {
    MetricCatalogue c = MetricCatalogue.get();
    Map<String, Set<String>> used = idsInScripts();
    Set<String> catalogued = c.metrics().stream().map(Metric::id).collect(Collectors.toCollection(TreeSet::new));
    Map<String, Set<String>> unknown = new TreeMap<>(used);
    unknown.keySet().removeAll(catalogued);
    assertEquals(Map.of(), unknown, "metric ids named by the pages but not in " + MetricCatalogue.RESOURCE);
    Set<String> unused = new TreeSet<>(catalogued);
    unused.removeAll(used.keySet());
    assertEquals(Set.of(), unused, "metrics no page shows (remove them or show them)");
  }

  @Test
  void everyDefinitionRunsOnTheFixture() {
    SnapshotDatabase db = FixtureWarehouse.db();
    List<String> failures = new ArrayList<>();
    for (Metric m : MetricCatalogue.get().metrics()) {
      String expr = m.definition().replace(":as_of", "DATE '" + FixtureWarehouse.AS_OF + "'").replace(":day", "DATE '2025-10-14'");
      try {
        db.select("select (" + expr + ") as v from " + m.source() + " limit 3");
      } catch (RuntimeException e) {
        failures.add(m.id() + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), failures, "definitions that DuckDB refuses on the fixture");
  }
}
