package cn.tianjin.makerspace.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The award rules a snapshot's shortlist was computed with ({@code award_rules}: values, their
 * source, the as-of date) and the words that explain them, in Chinese and English. One place for
 * both {@code ./warehouse explain-award} and the 表彰候选名单 page, so the two say the same thing.
 * The page's names, units and hover texts of the rule values are the metric catalogue's
 * ({@code award_<rule>} in metrics.yaml), not this class's.
 */
public record RecordedAwardRules(Map<String, Double> values, String source, LocalDate asOf) {
  /** The rules of the snapshot; a user error when it has no award figures. */
  public static RecordedAwardRules of(SnapshotDatabase db) {
    Map<String, Double> values = new LinkedHashMap<>();
    String source = null;
    LocalDate asOf = null;
    for (List<Object> r : db.select("SELECT rule, value, source, as_of FROM award_rules").rows()) {
      values.put((String) r.get(0), ((Number) r.get(1)).doubleValue());
      source = (String) r.get(2);
      asOf = r.get(3) == null ? null : LocalDate.parse(r.get(3).toString());
    }
    if (values.isEmpty()) {
      throw new BilingualError(new Message("this snapshot has no award figures: run './warehouse transform' first", "此快照没有表彰数据：请先运行 ./warehouse transform"));
    }
    return new RecordedAwardRules(values, source, asOf);
  }

  public double get(String rule) {
    Double v = values.get(rule);
    if (v == null) {
      throw new IllegalStateException("award_rules has no rule " + rule);
    }
    return v;
  }

  /** A year's shortlist is provisional while the as-of date is on or before 31 December of that year. */
  public boolean provisional(int year) {
    return asOf != null && asOf.getYear() <= year;
  }

  /** {@code min_requests_handled=20, min_on_time_rate=0.9, …} (the command line's line of rules). */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(number(v)));
    return sb.toString();
  }

  /** The rules in one Chinese sentence, for the title of the commendation file. */
  public String describeZh() {
    return String.format(Locale.ROOT,
        "入围条件（津科创〔2015〕51号第五条、第八条）：符合第五条任职条件；年度办理需求不少于%s件；10个工作日内反馈率不低于%s；"
            + "驻点服务不少于%s小时；有满意度评价。得分（满分100）= 反馈及时%s分 + 驻点服务%s分（%s小时满分）+ 满意度%s分 + 服务量%s分。"
            + "每区县至多%s人，全市至多%s人。",
        number(get("min_requests_handled")), percent(get("min_on_time_rate")), number(get("min_onsite_hours")),
        number(get("sla_points")), number(get("onsite_points")), number(get("onsite_full_hours")),
        number(get("satisfaction_points")), number(get("volume_points")),
        number(get("max_per_district")), number(get("max_total")));
  }

  /** One rule and its value, as the page lists them (it names them by the catalogue's {@code award_<rule>}). */
  public record Rule(String rule, double value) {}

  /** The rules in the order award_rules holds them. */
  public List<Rule> list() {
    return values.entrySet().stream().map(e -> new Rule(e.getKey(), e.getValue())).toList();
  }

  /**
   * Why an eligible commissioner is not on the shortlist, in English, as explain-award prints it
   * after "not shortlisted: ". {@code reason} is award_candidates.not_shortlisted_reason.
   */
  public String capReasonEn(String reason, String commissionerId, Object districtPosition) {
    return "DISTRICT_CAP".equals(reason)
        ? String.format(Locale.ROOT, "at most %.0f per district, and %s ranks #%s there", get("max_per_district"), commissionerId, districtPosition)
        : String.format(Locale.ROOT, "at most %.0f in all", get("max_total"));
  }

  /** The same in Chinese. */
  public String capReasonZh(String reason, String commissionerId, Object districtPosition) {
    return "DISTRICT_CAP".equals(reason)
        ? String.format(Locale.ROOT, "每区县至多%.0f人入围，%s在本区县排第%s名", get("max_per_district"), commissionerId, districtPosition)
        : String.format(Locale.ROOT, "全市至多%.0f人入围", get("max_total"));
  }

  /**
   * A near miss's reason with the margin: {@code placesBehind} places and {@code pointsBehind}
   * points behind the last one the rule let through (the district's last place under the cap, or
   * the shortlist's last rank).
   */
  public String nearMissEn(String reason, String commissionerId, Object districtPosition, Object placesBehind, BigDecimal pointsBehind) {
    String bar = "DISTRICT_CAP".equals(reason)
        ? String.format(Locale.ROOT, "the district's #%.0f", get("max_per_district"))
        : String.format(Locale.ROOT, "rank %.0f", get("max_total"));
    String after = "DISTRICT_CAP".equals(reason) ? "" : String.format(Locale.ROOT, ", and %s is #%s after the district cap",
        commissionerId, rankAfterCap(placesBehind, get("max_total")));
    return capReasonEn(reason, commissionerId, districtPosition) + after + "; "
        + points(pointsBehind) + " points behind " + bar;
  }

  /** The same in Chinese. */
  public String nearMissZh(String reason, String commissionerId, Object districtPosition, Object placesBehind, BigDecimal pointsBehind) {
    String bar = "DISTRICT_CAP".equals(reason)
        ? String.format(Locale.ROOT, "本区县第%.0f名", get("max_per_district"))
        : String.format(Locale.ROOT, "第%.0f名", get("max_total"));
    String after = "DISTRICT_CAP".equals(reason) ? "" : String.format(Locale.ROOT, "，%s在区县名额限制后排第%s名",
        commissionerId, rankAfterCap(placesBehind, get("max_total")));
    return capReasonZh(reason, commissionerId, districtPosition) + after + "；比" + bar + "低" + points(pointsBehind) + "分";
  }

  private static String rankAfterCap(Object placesBehind, double maxTotal) {
    return placesBehind == null ? "?" : String.valueOf(((Number) placesBehind).longValue() + (long) maxTotal);
  }

  private static String points(BigDecimal p) {
    return p == null ? "?" : p.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String percent(double v) {
    return number(Math.round(v * 10000) / 100.0) + "%";
  }
}
