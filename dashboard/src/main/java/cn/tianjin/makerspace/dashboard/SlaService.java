package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 反馈时限 — the 10-working-day feedback rule of Art. 7 for the requests received in one quarter:
 * the status totals, the distribution of working days to feedback (overall, by service category,
 * by channel) and the list of requests still unanswered past their deadline, most overdue first.
 * {@code district} narrows everything to one district (null: all).
 */
public final class SlaService {
  /** Art. 7: feedback within 10 working days. */
  public static final int FEEDBACK_LIMIT_WORKING_DAYS = 10;

  private final LiveSnapshot live;

  public SlaService(LiveSnapshot live) {
    this.live = live;
  }

  /**
   * The 反馈时限 page's answer (everything but the overdue list): the status totals, the
   * working-days-to-feedback histogram, and the same by service category and by channel; each row
   * holds the columns of its SQL file ({@code dashboard-sql/sla/}).
   */
  public record Sla(String quarter, String district, LocalDate asOf, int limitWorkingDays, Map<String, Object> totals,
      List<Map<String, Object>> histogram, List<Map<String, Object>> categories, List<Map<String, Object>> channels) {}

  public Sla sla(String quarter, String district) {
    return live.cached("SlaService.sla", () -> computeSla(quarter, district), quarter, district);
  }

  private Sla computeSla(String quarter, String district) {
    SnapshotDatabase db = live.get();
    return new Sla(quarter, district, db.asOf(), FEEDBACK_LIMIT_WORKING_DAYS, db.select(sql("totals"), quarter, district).records().get(0),
        db.select(sql("histogram"), quarter, district).records(), db.select(sql("categories"), quarter, district).records(),
        db.select(sql("channels"), quarter, district).records());
  }

  /** The quarter's OPEN_OVERDUE requests (the whole list), most overdue (in working days) first. */
  public ListPage.Listing overdue(String quarter, String district) {
    return live.cached("SlaService.overdue", () -> computeOverdue(quarter, district), quarter, district);
  }

  private ListPage.Listing computeOverdue(String quarter, String district) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = db.asOf();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("quarter", quarter);
    scope.put("district", district);
    scope.put("asOf", asOf.toString());
    return new ListPage.Listing("sla-overdue", "逾期未反馈需求清单", scope,
        ListPage.Rows.of(db.select(sql("overdue"), quarter, district, asOf)));
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/sla/" + name + ".sql");
  }
}
