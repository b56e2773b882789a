package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a commissioner is or is not on a year's award shortlist — shared by {@code ./warehouse
 * explain-award} and the 表彰候选名单 page's drill-through: award_eligibility's row (each rule, its
 * value, its minimum, met or not), and for an eligible commissioner award_candidates' row (the
 * score's components, the positions, shortlisted or the cap that left them out, in words from
 * {@link RecordedAwardRules}). Everything is read from the marts; nothing is recomputed here.
 */
public final class AwardExplanation {
  /** The "at least" rules of award_eligibility: {@code <column>}, {@code min_<column>}, {@code <column>_met}. */
  public static final List<String> AT_LEAST = List.of("requests_handled", "on_time_rate", "onsite_hours");

  /**
   * One commissioner's explanation: {@code eligibility} is award_eligibility's row with the
   * names; {@code candidate} award_candidates' row with {@code eligible_count}, or null when not
   * eligible; {@code capZh}/{@code capEn} why an eligible commissioner is not shortlisted (else null).
   */
  public record Explanation(int year, String commissionerId, String districtCode, boolean provisional,
      Map<String, Object> eligibility, Map<String, Object> candidate, String capZh, String capEn) {}

  private AwardExplanation() {}

  /** The explanation, or empty when award_eligibility has no row of the commissioner in the year. */
  public static Optional<Explanation> of(SnapshotDatabase db, int year, String commissionerId) {
    List<Map<String, Object>> found = db.select(sql("eligibility"), commissionerId, year).records();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> e = found.get(0);
    RecordedAwardRules rules = RecordedAwardRules.of(db);
    Map<String, Object> c = null;
    String capZh = null;
    String capEn = null;
    if (Boolean.TRUE.equals(e.get("eligible"))) {
      c = db.select(sql("candidate"), commissionerId, year).records().get(0);
      if (!Boolean.TRUE.equals(c.get("shortlisted"))) {
        String reason = (String) c.get("not_shortlisted_reason");
        capZh = rules.capReasonZh(reason, commissionerId, c.get("district_position"));
        capEn = rules.capReasonEn(reason, commissionerId, c.get("district_position"));
      }
    }
    return Optional.of(new Explanation(year, commissionerId, (String) e.get("district_code"), rules.provisional(year), e, c, capZh, capEn));
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/awards/" + name + ".sql");
  }
}
