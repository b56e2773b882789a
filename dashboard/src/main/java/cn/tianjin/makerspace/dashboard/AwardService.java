package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 表彰候选名单 — the yearly award shortlist of Art. 8 (年末对优秀服务专员予以表彰): the ranked
 * candidates with their score components, the best-scoring near misses with the cap that kept them
 * off and by how much, and the rules used (award_rules). {@code district} narrows everything to
 * one district (null: all); ranks stay city-wide.
 */
public final class AwardService {
  /** How many near misses the page shows. */
  public static final int NEAR_MISSES = 10;

  private final LiveSnapshot live;

  public AwardService(LiveSnapshot live) {
    this.live = live;
  }

  /** A year's shortlist in scope, with what a commendation file states about it. */
  public record Shortlist(int year, String district, String districtNameZh, boolean provisional, LocalDate asOf,
      RecordedAwardRules rules, List<Map<String, Object>> rows) {}

  /**
   * The 表彰候选名单 page's answer: the shortlist and the near misses (each row the columns of its
   * SQL file, {@code dashboard-sql/awards/}; a near miss also has its reason in both languages),
   * the year's summary, and the rules with their source. {@code asOf} is null when the rules
   * recorded none.
   */
  public record Awards(int year, String district, boolean provisional, LocalDate asOf, String rulesSource,
      List<RecordedAwardRules.Rule> rules, Map<String, Object> summary, List<Map<String, Object>> shortlist,
      List<Map<String, Object>> nearMisses) {}

  public Awards awards(int year, String district) {
    return live.cached("AwardService.awards", () -> computeAwards(year, district), year, district);
  }

  private Awards computeAwards(int year, String district) {
    SnapshotDatabase db = live.get();
    Shortlist s = shortlist(db, year, district);
    return new Awards(year, district, s.provisional(), s.asOf(), s.rules().source(), s.rules().list(),
        db.select(sql("summary"), year, district).records().get(0), s.rows(), nearMisses(db, s.rules(), year, district));
  }

  public Shortlist shortlist(int year, String district) {
    return live.cached("AwardService.shortlist", () -> computeShortlist(year, district), year, district);
  }

  private Shortlist computeShortlist(int year, String district) {
    return shortlist(live.get(), year, district);
  }

  private static Shortlist shortlist(SnapshotDatabase db, int year, String district) {
    RecordedAwardRules rules = RecordedAwardRules.of(db);
    String districtName = district == null ? null
        : (String) db.select("select name_zh from districts where district_code = $1", district).rows().stream()
            .findFirst().map(r -> r.get(0)).orElse(district);
    return new Shortlist(year, district, districtName, rules.provisional(year), rules.asOf(), rules,
        db.select(sql("shortlist"), year, district).records());
  }

  /** The near misses of a year in scope as a list (sorting, export: {@link ListPage}). */
  public ListPage.Listing nearMisses(int year, String district) {
    return live.cached("AwardService.nearMisses", () -> {
      SnapshotDatabase db = live.get();
      List<Map<String, Object>> rows = nearMisses(db, RecordedAwardRules.of(db), year, district);
      List<String> columns = rows.isEmpty() ? db.select(sql("near_misses"), year, district, NEAR_MISSES).columns()
          : List.copyOf(rows.get(0).keySet());
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("year", year);
      scope.put("district", district);
      return new ListPage.Listing("award-near-misses", "未入围的高分服务专员", scope, new ListPage.Rows(columns, rows));
    }, year, district);
  }

  /** Why a commissioner is or is not shortlisted in a year ({@link AwardExplanation}); empty when the marts have no row. */
  public java.util.Optional<AwardExplanation.Explanation> explain(int year, String commissionerId) {
    return live.cached("AwardService.explain", () -> AwardExplanation.of(live.get(), year, commissionerId), year, commissionerId);
  }

  private static List<Map<String, Object>> nearMisses(SnapshotDatabase db, RecordedAwardRules rules, int year, String district) {
    QueryResult r = db.select(sql("near_misses"), year, district, NEAR_MISSES);
    List<Map<String, Object>> rows = r.records();
    for (Map<String, Object> row : rows) {
      String reason = (String) row.get("not_shortlisted_reason");
      String id = (String) row.get("commissioner_id");
      BigDecimal points = (BigDecimal) row.get("points_behind");
      row.put("reason_zh", rules.nearMissZh(reason, id, row.get("district_position"), row.get("places_behind"), points));
      row.put("reason_en", rules.nearMissEn(reason, id, row.get("district_position"), row.get("places_behind"), points));
    }
    return rows;
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/awards/" + name + ".sql");
  }
}
