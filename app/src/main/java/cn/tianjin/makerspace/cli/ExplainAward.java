package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.AwardExplanation;
import cn.tianjin.makerspace.dashboard.QueryResult;
import cn.tianjin.makerspace.dashboard.RecordedAwardRules;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./warehouse explain-award}: a year's shortlist with every score component, and for one
 * commissioner which eligibility rule failed and by how much, or where the caps left them.
 * Reads award_eligibility (each rule, its value and whether it is met), award_candidates and
 * award_shortlist of the live snapshot; one commissioner's explanation is {@link AwardExplanation},
 * which the dashboard's 表彰 page shows too, and the words for the caps come from
 * {@link RecordedAwardRules}.
 */
final class ExplainAward {
  private final SnapshotDatabase db;
  private final PrintStream out;

  ExplainAward(SnapshotDatabase db, PrintStream out) {
    this.db = db;
    this.out = out;
  }

  void shortlist(int year) {
    RecordedAwardRules rules = RecordedAwardRules.of(db);
    QueryResult years = db.select("SELECT count(*) FROM kpi_commissioner_year WHERE year = ?", year);
    if (((Number) years.rows().get(0).get(0)).longValue() == 0) {
      throw new UserError("no commissioner figures for " + year + " in this snapshot (years: " + yearsList() + ")");
    }
    QueryResult list = db.select(
        "SELECT rank, commissioner_id, name, district_code, score, score_sla, score_onsite, score_satisfaction, score_volume,"
            + " requests_handled, round(on_time_rate, 3) AS on_time_rate, onsite_hours, round(avg_satisfaction, 2) AS avg_satisfaction"
            + " FROM award_shortlist WHERE year = ? ORDER BY rank", year);
    boolean provisional = rules.provisional(year);
    out.printf("Award shortlist %d (表彰候选名单)%s%n", year, provisional ? " — PROVISIONAL: the year is not over as of " + rules.asOf() : "");
    out.println("rules: " + rules.describe() + " (" + rules.source() + ")");
    long eligible = ((Number) db.select("SELECT count(*) FROM award_candidates WHERE year = ?", year).rows().get(0).get(0)).longValue();
    out.printf("%d eligible, %d shortlisted%n%n", eligible, list.rows().size());
    list.printTable(out);
  }

  void commissioner(int year, String id) {
    AwardExplanation.Explanation x = AwardExplanation.of(db, year, id).orElseThrow(() -> {
      boolean known = !db.select("SELECT 1 FROM commissioners WHERE commissioner_id = ?", id).rows().isEmpty();
      return new UserError(known ? "no figures for " + id + " in " + year + " (years: " + yearsList() + ")" : "unknown commissioner: " + id);
    });
    Map<String, Object> e = x.eligibility();
    out.printf("%s %s (%s %s), %d%n", id, e.get("name"), e.get("district_code"), e.get("district_name_zh"), year);
    boolean qualified = (Boolean) e.get("qualified");
    out.printf("  qualified (Art. 5):     %s%n", qualified ? "yes" : "NO — " + e.get("qualification_issues"));
    atLeast("requests handled", e, "requests_handled", "%.0f");
    atLeast("on-time rate", e, "on_time_rate", "%.3f");
    atLeast("on-site hours", e, "onsite_hours", "%.1f");
    Double satisfaction = number(e.get("avg_satisfaction"));
    out.printf("  average satisfaction:   %s%n", satisfaction == null ? "NONE — no rated request (rule: must have one)" : String.format(Locale.ROOT, "%.2f (rule: present) met", satisfaction));
    Map<String, Object> c = x.candidate();
    if (c == null) {
      int failed = ((Number) e.get("rules_failed")).intValue();
      out.printf("=> not eligible: %d rule%s failed%n", failed, failed == 1 ? "" : "s");
      return;
    }
    out.printf("=> eligible: score %s = sla %s + on-site %s + satisfaction %s + volume %s; %s of %s eligible, %s in district%n",
        c.get("score"), c.get("score_sla"), c.get("score_onsite"), c.get("score_satisfaction"), c.get("score_volume"),
        ordinal(c.get("eligible_position")), c.get("eligible_count"), ordinal(c.get("district_position")));
    if (Boolean.TRUE.equals(c.get("shortlisted"))) {
      out.printf("=> shortlisted: rank %s%s%n", c.get("rank"), Boolean.TRUE.equals(c.get("provisional")) ? " (provisional)" : "");
    } else {
      out.println("=> not shortlisted: " + x.capEn());
    }
  }

  /** One "at least" rule of award_eligibility: {@code <column>}, {@code min_<column>}, {@code <column>_met}. */
  private void atLeast(String label, Map<String, Object> eligibility, String column, String format) {
    Double value = number(eligibility.get(column));
    double rule = number(eligibility.get("min_" + column));
    boolean met = (Boolean) eligibility.get(column + "_met");
    String v = value == null ? "none" : String.format(Locale.ROOT, format, value);
    String r = String.format(Locale.ROOT, format, rule);
    out.printf("  %-22s  %s (rule ≥ %s) %s%n", label + ":", v, r,
        met ? "met" : "FAILED" + (value == null ? "" : ", short by " + String.format(Locale.ROOT, format, rule - value)));
  }

  private String yearsList() {
    return String.valueOf(db.select("SELECT string_agg(DISTINCT year::VARCHAR, ', ' ORDER BY year::VARCHAR) FROM kpi_commissioner_year").rows().get(0).get(0));
  }

  private static Double number(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  private static String ordinal(Object n) {
    return "#" + n;
  }
}
