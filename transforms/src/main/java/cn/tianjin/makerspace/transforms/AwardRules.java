package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The award shortlist's rules, from one properties file: the project's
 * {@code award-rules.properties} (the contract's defaults) or the commission's own copy.
 *
 * @param values rule name to number, in the file's documented order
 * @param source where they came from
 */
public record AwardRules(Map<String, Double> values, String source) {
  /** The rules, in order; each must be present and a number. */
  static final List<String> NAMES =
      List.of(
          "min_requests_handled", "min_on_time_rate", "min_onsite_hours", "sla_points",
          "onsite_points", "onsite_full_hours", "satisfaction_points", "volume_points",
          "max_per_district", "max_total");

  private static final List<String> WHOLE_NUMBERS = List.of("min_requests_handled", "max_per_district", "max_total");

  public static AwardRules defaults() {
    try (InputStream in = AwardRules.class.getResourceAsStream("/award-rules.properties")) {
      if (in == null) {
        throw new IllegalStateException("project resource missing: /award-rules.properties");
      }
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return of(p, "project default (award-rules.properties)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AwardRules load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UserError("cannot read award rules " + file + ": " + e.getMessage());
    }
    return of(p, file.toAbsolutePath().toString());
  }

  private static AwardRules of(Properties p, String source) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String name : NAMES) {
      String v = p.getProperty(name);
      if (v == null || v.isBlank()) {
        throw new UserError("award rules " + source + ": '" + name + "' is missing");
      }
      try {
        double d = Double.parseDouble(v.trim());
        if (d < 0 || (WHOLE_NUMBERS.contains(name) && d != Math.rint(d))) {
          throw new NumberFormatException();
        }
        values.put(name, d);
      } catch (NumberFormatException e) {
        throw new UserError("award rules " + source + ": '" + name + "' must be a non-negative number"
            + (WHOLE_NUMBERS.contains(name) ? " (whole)" : "") + ", not '" + v.trim() + "'");
      }
    }
    for (Object key : p.keySet()) {
      if (!NAMES.contains(key.toString())) {
        throw new UserError("award rules " + source + ": unknown rule '" + key + "' (known: " + NAMES + ")");
      }
    }
    return new AwardRules(java.util.Collections.unmodifiableMap(values), source);
  }

  /** The values as SQL parameters (whole-number rules as integers). */
  Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, WHOLE_NUMBERS.contains(k) ? (Object) v.intValue() : (Object) v));
    return m;
  }
}
