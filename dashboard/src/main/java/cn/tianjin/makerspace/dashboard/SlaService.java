package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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

  /** Totals, histogram, by category and by channel (everything but the overdue list). */
  public Map<String, Object> sla(String quarter, String district) {
    return live.cached("SlaService.sla", () -> computeSla(quarter, district), quarter, district);
  }

  private Map<String, Object> computeSla(String quarter, String district) {
    SnapshotDatabase db = live.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quarter", quarter);
    m.put("district", district);
    m.put("asOf", asOf(db).toString());
    m.put("limitWorkingDays", FEEDBACK_LIMIT_WORKING_DAYS);
    m.put("totals", db.select(sql("totals"), quarter, district).records().get(0));
    m.put("histogram", db.select(sql("histogram"), quarter, district).records());
    m.put("categories", db.select(sql("categories"), quarter, district).records());
    m.put("channels", db.select(sql("channels"), quarter, district).records());
    return m;
  }

  /** The quarter's OPEN_OVERDUE requests (the whole list), most overdue (in working days) first. */
  public ListPage.Listing overdue(String quarter, String district) {
    return live.cached("SlaService.overdue", () -> computeOverdue(quarter, district), quarter, district);
  }

  private ListPage.Listing computeOverdue(String quarter, String district) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = asOf(db);
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("quarter", quarter);
    scope.put("district", district);
    scope.put("asOf", asOf.toString());
    return new ListPage.Listing("sla-overdue", "逾期未反馈需求清单", scope,
        ListPage.Rows.of(db.select(sql("overdue"), quarter, district, asOf)));
  }

  /** The as-of date the snapshot's marts were computed for (the transform records it). */
  static LocalDate asOf(SnapshotDatabase db) {
    String s = db.snapshot().properties().get("as_of");
    if (s == null) {
      throw new BilingualError(new Message("the live snapshot has no as-of date: run the transform first", "当前快照没有数据截至日期：请先运行指标计算（transform）"));
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("the live snapshot's as-of date is not a date: " + s, e);
    }
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/sla/" + name + ".sql");
  }
}
