package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metric catalogue: every figure the dashboard shows, with its labels, unit, format,
 * definition over the marts, basis, article of 津科创〔2015〕51号 and hover text, read once from
 * {@code metrics.yaml} on the class path and validated on load. The pages get it from
 * {@code GET /api/metrics}; docs/kpi-definitions.md holds a table generated from it.
 */
public record MetricCatalogue(List<UnitSuffix> units, List<BasisLabel> bases, List<Metric> metrics) {
  /** The catalogue's resource on the class path. */
  public static final String RESOURCE = "metrics.yaml";

  /** How a figure's values are measured; each has its value suffix in the catalogue's {@code units}. */
  public enum Unit {
    COUNT, PERCENT, WORKING_DAYS, CALENDAR_DAYS, HOURS, WEEKS, SCORE, RATING_1_5, RANK, DATE, STATUS;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What one value of a figure is about; each has its zh/en wording in the catalogue's {@code bases}. */
  public enum Basis {
    /** Requests received in the quarter, their status as of the snapshot's as-of date. */
    QUARTER_OF_RECEIPT,
    /** A district's quarter (weeks in the quarter of their Thursday), up to the as-of date. */
    QUARTER,
    /** An ISO week, Monday to Sunday. */
    ISO_WEEK,
    /** A commissioner's year, requests attributed by the year of their feedback. */
    YEAR_OF_FEEDBACK,
    /** A calendar year, up to the as-of date. */
    YEAR,
    /** One request, as of the as-of date. */
    REQUEST_AS_OF,
    /** The start of a chosen day, whatever quarter the request or report belongs to. */
    ON_DAY,
    /** One quarterly-report submission. */
    SUBMISSION,
    /** One ingestion run and source. */
    INGEST_RUN,
    /** The current snapshot as a whole. */
    SNAPSHOT;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The articles of the notice that figures measure. */
  @JsonFormat(shape = JsonFormat.Shape.OBJECT)
  public enum Article {
    ART_4("第四条", "Art. 4"), ART_5("第五条", "Art. 5"), ART_6("第六条", "Art. 6"), ART_7("第七条", "Art. 7"),
    ART_8("第八条", "Art. 8"), ART_10("第十条", "Art. 10"), ART_12("第十二条", "Art. 12");

    private final String zh;
    private final String en;

    Article(String zh, String en) {
      this.zh = zh;
      this.en = en;
    }

    public String getZh() {
      return zh;
    }

    public String getEn() {
      return en;
    }

    static Optional<Article> ofZh(String zh) {
      return Arrays.stream(values()).filter(a -> a.zh.equals(zh)).findFirst();
    }
  }

  /** A unit's suffix after a value, in Chinese and English (empty for none). */
  public record UnitSuffix(Unit id, String suffixZh, String suffixEn) {}

  /** A basis's wording, in Chinese and English. */
  public record BasisLabel(Basis id, String labelZh, String labelEn) {}

  /**
   * One figure. {@code definition} is a DuckDB expression over the table {@code source}
   * ({@code select <definition> from <source>}); {@code :day} stands for a chosen date,
   * {@code :as_of} for the snapshot's as-of date.
   */
  public record Metric(String id, String labelZh, String labelEn, Unit unit, int decimals, String source, String definition,
      Basis basis, Article article, String descriptionZh, String descriptionEn) {}

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final List<String> METRIC_FIELDS = List.of("id", "label_zh", "label_en", "unit", "decimals", "source",
      "definition", "basis", "article", "description_zh", "description_en");
  private static MetricCatalogue loaded;

  /** The catalogue of the class path, loaded and validated once. */
  public static synchronized MetricCatalogue get() {
    if (loaded == null) {
      try (InputStream in = MetricCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " not found on the class path");
        }
        loaded = parse(RESOURCE, in);
      } catch (IOException e) {
        throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
      }
    }
    return loaded;
  }

  /** The metric with this id, if any. */
  public Optional<Metric> metric(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * Reads and validates a catalogue; {@code file} names it in errors, which also name the entry
   * (e.g. {@code metrics.yaml: metric 'coverage_rate' (entry 3): unknown unit 'pct' …}).
   */
  public static MetricCatalogue parse(String file, InputStream in) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException(file + ": expected the sections units, bases and metrics");
    }
    List<UnitSuffix> units = new ArrayList<>();
    Map<Unit, UnitSuffix> unitById = new EnumMap<>(Unit.class);
    for (JsonNode n : section(file, root, "units")) {
      Entry e = new Entry(file, "unit", n, units.size() + 1, List.of("id", "suffix_zh", "suffix_en"));
      Unit unit = e.enumValue("id", Unit.class);
      UnitSuffix u = new UnitSuffix(unit, e.text("suffix_zh", true), e.text("suffix_en", true));
      if (unitById.put(unit, u) != null) {
        throw e.error("unit '" + unit.id() + "' is defined twice");
      }
      units.add(u);
    }
    requireAll(file, "units", Unit.values(), unitById.keySet());
    List<BasisLabel> bases = new ArrayList<>();
    Map<Basis, BasisLabel> basisById = new EnumMap<>(Basis.class);
    for (JsonNode n : section(file, root, "bases")) {
      Entry e = new Entry(file, "basis", n, bases.size() + 1, List.of("id", "label_zh", "label_en"));
      Basis basis = e.enumValue("id", Basis.class);
      BasisLabel b = new BasisLabel(basis, e.text("label_zh", false), e.text("label_en", false));
      if (basisById.put(basis, b) != null) {
        throw e.error("basis '" + basis.id() + "' is defined twice");
      }
      bases.add(b);
    }
    requireAll(file, "bases", Basis.values(), basisById.keySet());
    List<Metric> metrics = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode n : section(file, root, "metrics")) {
      Entry e = new Entry(file, "metric", n, metrics.size() + 1, METRIC_FIELDS);
      String id = e.text("id", false);
      if (!ID.matcher(id).matches()) {
        throw e.error("id '" + id + "' is not snake_case");
      }
      if (!ids.add(id)) {
        throw e.error("id '" + id + "' is used twice");
      }
      String source = e.text("source", false);
      if (!ID.matcher(source).matches()) {
        throw e.error("source '" + source + "' is not a table name");
      }
      JsonNode decimals = n.get("decimals");
      if (!decimals.isInt() || decimals.intValue() < 0 || decimals.intValue() > 4) {
        throw e.error("decimals must be a whole number from 0 to 4, not '" + decimals.asText() + "'");
      }
      String article = e.text("article", false);
      metrics.add(new Metric(id, e.text("label_zh", false), e.text("label_en", false), e.enumValue("unit", Unit.class),
          decimals.intValue(), source, e.text("definition", false), e.enumValue("basis", Basis.class),
          Article.ofZh(article).orElseThrow(() -> e.error("article '" + article + "' is not one of "
              + Arrays.stream(Article.values()).map(Article::getZh).collect(Collectors.joining(", ")))),
          e.text("description_zh", false), e.text("description_en", false)));
    }
    if (metrics.isEmpty()) {
      throw new IllegalStateException(file + ": no metrics");
    }
    return new MetricCatalogue(List.copyOf(units), List.copyOf(bases), List.copyOf(metrics));
  }

  private static JsonNode section(String file, JsonNode root, String name) {
    JsonNode s = root.get(name);
    if (s == null || !s.isArray()) {
      throw new IllegalStateException(file + ": section '" + name + "' is missing or not a list");
    }
    return s;
  }

  private static <E extends Enum<E>> void requireAll(String file, String section, E[] all, Set<E> defined) {
    for (E value : all) {
      if (!defined.contains(value)) {
        throw new IllegalStateException(file + ": " + section + " lacks '" + value.name().toLowerCase(Locale.ROOT) + "'");
      }
    }
  }

  /** One entry of a section while it is read: its errors name the file, the kind and the entry. */
  private record Entry(String file, String kind, JsonNode node, int index, List<String> fields) {
    Entry {
      if (!node.isObject()) {
        throw new IllegalStateException(file + ": " + kind + " entry " + index + " is not a mapping");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!fields.contains(f)) {
          throw new IllegalStateException(where(file, kind, node, index) + ": unknown field '" + f + "'");
        }
      }
      for (String f : fields) {
        if (!node.hasNonNull(f)) {
          throw new IllegalStateException(where(file, kind, node, index) + ": missing field '" + f + "'");
        }
      }
    }

    private static String where(String file, String kind, JsonNode node, int index) {
      JsonNode id = node.get("id");
      return file + ": " + kind + (id != null && id.isTextual() ? " '" + id.asText() + "'" : "") + " (entry " + index + ")";
    }

    IllegalStateException error(String message) {
      return new IllegalStateException(where(file, kind, node, index) + ": " + message);
    }

    String text(String field, boolean mayBeEmpty) {
      JsonNode v = node.get(field);
      if (!v.isTextual() || (!mayBeEmpty && v.asText().isBlank())) {
        throw error("field '" + field + "' must be " + (mayBeEmpty ? "text" : "non-empty text"));
      }
      return v.asText();
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
      String v = text(field, false);
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw error("unknown " + field + " '" + v + "' (one of " + Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
      }
    }
  }
}
