package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 通知提醒 — what needs acting on, on a day D, per district (notice 津科创〔2015〕51号):
 *
 * <ul>
 *   <li>{@code requestsDueSoon}: requests open at the start of D whose feedback deadline (Art. 7:
 *       10 working days) is D or at most the {@value #REQUEST_WINDOW}nd working day after D;
 *   <li>{@code requestsOverdue}: requests open at the start of D past their deadline;
 *   <li>{@code reportsDueSoon}: quarterly reports (季报, Art. 8) not yet submitted, due on D or at
 *       most the {@value #REPORT_WINDOW}th working day after D;
 *   <li>{@code reportsMissing}: quarterly reports past their due date with none submitted.
 * </ul>
 *
 * Working days are the snapshot's {@code work_calendar}; the figures are the snapshot's, as of its
 * as-of date (feedback or reports after it are not known). The rules are stated in the SQL files
 * under {@code dashboard-sql/alerts/}.
 */
public final class AlertService {
  /** Requests are "due soon" when their deadline is at most this many working days after D. */
  public static final int REQUEST_WINDOW = 2;
  /** Reports are "due soon" when their due date is at most this many working days after D. */
  public static final int REPORT_WINDOW = 5;

  private final LiveSnapshot live;

  public AlertService(LiveSnapshot live) {
    this.live = live;
  }

  /** Whether D is a working day of the snapshot's calendar (a {@link UserError} outside it). */
  public boolean isWorkingDay(LocalDate day) {
    return Boolean.TRUE.equals(calendarDay(day).get("is_working_day"));
  }

  /**
   * The alerts on {@code day} for {@code district} (null: every district), one entry per district
   * in scope (with zero counts when it has nothing due).
   */
  public Map<String, Object> alerts(LocalDate day, String district) {
    return live.cached("AlertService.alerts", () -> compute(day, district), day.toString(), district);
  }

  private Map<String, Object> calendarDay(LocalDate day) {
    Map<String, Object> row = live.get().select(sql("day"), day.toString()).records().get(0);
    if (row.get("date") == null) {
      throw new BilingualError(new Message("no working-day calendar for %s: the snapshot's calendar covers %s to %s",
          "没有 %s 的工作日历：快照的日历覆盖 %s 至 %s").formatted(day, row.get("first_date"), row.get("last_date")));
    }
    return row;
  }

  private Map<String, Object> compute(LocalDate day, String district) {
    Map<String, Object> calendar = calendarDay(day);
    SnapshotDatabase db = live.get();
    String asOf = db.snapshot().properties().get("as_of");
    String d = day.toString();

    Map<String, Map<String, Object>> byDistrict = new LinkedHashMap<>();
    for (Map<String, Object> row : db.select(sql("districts"), district).records()) {
      Map<String, Object> m = new LinkedHashMap<>(row);
      m.put("requestsDueSoon", new ArrayList<Map<String, Object>>());
      m.put("requestsOverdue", new ArrayList<Map<String, Object>>());
      m.put("reportsDueSoon", new ArrayList<Map<String, Object>>());
      m.put("reportsMissing", new ArrayList<Map<String, Object>>());
      byDistrict.put((String) row.get("district_code"), m);
    }
    QueryResult reports = db.select(sql("reports"), d, district, asOf, REPORT_WINDOW);
    for (String kind : KINDS) {
      addAll(byDistrict, kind, kindRows(db, kind, d, district, reports).rows());
    }

    Map<String, Object> totals = new LinkedHashMap<>();
    for (String kind : KINDS) {
      totals.put(kind, 0);
    }
    for (Map<String, Object> m : byDistrict.values()) {
      Map<String, Object> counts = new LinkedHashMap<>();
      for (String kind : KINDS) {
        int n = ((List<?>) m.get(kind)).size();
        counts.put(kind, n);
        totals.put(kind, (Integer) totals.get(kind) + n);
      }
      m.put("counts", counts);
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("day", d);
    out.put("workingDay", calendar.get("is_working_day"));
    out.put("asOf", asOf);
    out.put("district", district);
    out.put("requestWindowWorkingDays", REQUEST_WINDOW);
    out.put("reportWindowWorkingDays", REPORT_WINDOW);
    out.put("totals", totals);
    out.put("districts", new ArrayList<>(byDistrict.values()));
    return out;
  }

  /** The four kinds of alert, in the order they are shown. */
  /**
   * One kind of alert ({@link #KINDS}) on day {@code day} in scope, as a list: the rows the page
   * shows under each district, for the list mechanism ({@link ListPage}: sorting, export).
   */
  public ListPage.Listing list(LocalDate day, String district, String kind) {
    if (kind == null || !KINDS.contains(kind)) {
      throw new UserError("name the kind of alert: ?kind= one of " + String.join(", ", KINDS) + (kind == null ? "" : ", not '" + kind + "'"));
    }
    return live.cached("AlertService.list", () -> {
      calendarDay(day);
      SnapshotDatabase db = live.get();
      String asOf = db.snapshot().properties().get("as_of");
      String d = day.toString();
      QueryResult reports = db.select(sql("reports"), d, district, asOf, REPORT_WINDOW);
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("kind", kind);
      scope.put("on", d);
      scope.put("district", district);
      scope.put("asOf", asOf);
      return new ListPage.Listing("alerts", "通知提醒", scope, kindRows(db, kind, d, district, reports));
    }, day.toString(), district, kind);
  }

  /** The rows of one kind of alert: the requests due soon or overdue on the day, or the reports (of {@code reports}) due soon or missing. */
  private static ListPage.Rows kindRows(SnapshotDatabase db, String kind, String day, String district, QueryResult reports) {
    return switch (kind) {
      case "requestsDueSoon" -> ListPage.Rows.of(db.select(sql("requests_due"), day, district, REQUEST_WINDOW));
      case "requestsOverdue" -> ListPage.Rows.of(db.select(sql("requests_overdue"), day, district));
      default -> new ListPage.Rows(reports.columns(), reports.records().stream()
          .filter(r -> (kind.equals("reportsDueSoon") ? "DUE_SOON" : "MISSING").equals(r.get("kind"))).toList());
    };
  }

  public static final List<String> KINDS = List.of("requestsDueSoon", "requestsOverdue", "reportsDueSoon", "reportsMissing");

  @SuppressWarnings("unchecked")
  private static void addAll(Map<String, Map<String, Object>> byDistrict, String kind, List<Map<String, Object>> rows) {
    for (Map<String, Object> row : rows) {
      Map<String, Object> m = byDistrict.get((String) row.get("district_code"));
      if (m != null) {
        ((List<Map<String, Object>>) m.get(kind)).add(row);
      }
    }
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/alerts/" + name + ".sql");
  }
}
