package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.dashboard.MetricCatalogue.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The metric table of docs/kpi-definitions.md, generated from the catalogue between the markers
 * {@link #BEGIN} and {@link #END}. {@code main} rewrites it in place; {@code MetricCatalogueTest}
 * checks that the file holds exactly what {@link #table} generates (run it with
 * {@code -Dmetrics.writeDocs=true} to rewrite the section).
 */
public final class MetricDocs {
  public static final String BEGIN = "<!-- metrics:begin -->";
  public static final String END = "<!-- metrics:end -->";
  /** The document, from the dashboard module's folder (where tests run). */
  public static final Path FILE = Path.of("..", "docs", "kpi-definitions.md");

  private MetricDocs() {}

  /** The generated section, markers excluded. */
  public static String table(MetricCatalogue c) {
    StringBuilder s = new StringBuilder();
    s.append("\n<!-- generated from dashboard/src/main/resources/metrics.yaml by MetricDocs: do not edit by hand -->\n\n");
    s.append(c.metrics().size()).append(" metrics. Units (suffix after a value, zh / en): ");
    s.append(String.join(", ", c.units().stream().map(u -> "`" + u.id().id() + "`"
        + (u.suffixZh().isBlank() ? "" : " (" + u.suffixZh().strip() + " / " + u.suffixEn().strip() + ")")).toList()));
    s.append(".\n\nBases:\n\n");
    for (MetricCatalogue.BasisLabel b : c.bases()) {
      s.append("- `").append(b.id().id()).append("` — ").append(b.labelEn()).append(" (").append(b.labelZh()).append(")\n");
    }
    s.append("\n| id | 中文 · English | unit | basis | article | definition | description |\n");
    s.append("|---|---|---|---|---|---|---|\n");
    for (Metric m : c.metrics()) {
      s.append("| `").append(m.id()).append("` | ").append(cell(m.labelZh())).append(" · ").append(cell(m.labelEn()))
          .append(" | ").append(m.unit().id()).append(m.unit() == MetricCatalogue.Unit.PERCENT || m.decimals() > 0 ? ", " + m.decimals() + " dp" : "")
          .append(" | ").append(m.basis().id())
          .append(" | ").append(m.article().getZh())
          .append(" | `").append(cell(m.definition())).append("` over `").append(m.source()).append('`')
          .append(" | ").append(cell(m.descriptionEn())).append(" |\n");
    }
    return s.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** The section as the file holds it now, markers excluded. */
  public static String current(String doc) {
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalStateException(FILE + " lacks the markers " + BEGIN + " … " + END);
    }
    return doc.substring(b + BEGIN.length(), e);
  }

  /** Rewrites the section of the file from the catalogue. */
  public static void write(MetricCatalogue c) throws IOException {
    String doc = Files.readString(FILE, StandardCharsets.UTF_8);
    String old = current(doc);
    int b = doc.indexOf(BEGIN) + BEGIN.length();
    Files.writeString(FILE, doc.substring(0, b) + table(c) + doc.substring(b + old.length()), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    write(MetricCatalogue.get());
    System.out.println("rewrote the metric table of " + FILE.toAbsolutePath().normalize());
  }
}
