package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
  public Alerts alerts(LocalDate day, String district) {
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

  private Alerts compute(LocalDate day, String district) {
    Map<String, Object> calendar = calendarDay(day);
    SnapshotDatabase db = live.get();
    String asOf = db.asOf().toString();
    String d = day.toString();
    QueryResult reports = db.select(sql("reports"), d, district, asOf, REPORT_WINDOW);
    // each kind's rows by district (in the SQL's order)
    Map<Alerts.Kind, Map<Object, List<Map<String, Object>>>> rows = new EnumMap<>(Alerts.Kind.class);
    for (Alerts.Kind kind : Alerts.Kind.values()) {
      rows.put(kind, kindRows(db, kind, d, district, reports).rows().stream().collect(Collectors.groupingBy(r -> r.get("district_code"))));
    }
    List<Alerts.District> districts = new ArrayList<>();
    Alerts.Counts totals = Alerts.Counts.NONE;
    for (Map<String, Object> row : db.select(sql("districts"), district).records()) {
      String code = (String) row.get("district_code");
      Map<Alerts.Kind, List<Map<String, Object>>> mine = new EnumMap<>(Alerts.Kind.class);
      rows.forEach((kind, byDistrict) -> mine.put(kind, byDistrict.getOrDefault(code, List.of())));
      Alerts.Counts counts = new Alerts.Counts(mine.get(Alerts.Kind.REQUESTS_DUE_SOON).size(), mine.get(Alerts.Kind.REQUESTS_OVERDUE).size(),
          mine.get(Alerts.Kind.REPORTS_DUE_SOON).size(), mine.get(Alerts.Kind.REPORTS_MISSING).size());
      totals = totals.plus(counts);
      districts.add(new Alerts.District(code, (String) row.get("name_zh"), (String) row.get("name_en"), counts,
          mine.get(Alerts.Kind.REQUESTS_DUE_SOON), mine.get(Alerts.Kind.REQUESTS_OVERDUE), mine.get(Alerts.Kind.REPORTS_DUE_SOON),
          mine.get(Alerts.Kind.REPORTS_MISSING)));
    }
    return new Alerts(d, Boolean.TRUE.equals(calendar.get("is_working_day")), asOf, district, REQUEST_WINDOW, REPORT_WINDOW, totals, districts);
  }

  /**
   * One kind of alert ({@link Alerts.Kind}) on day {@code day} in scope, as a list: the rows the page
   * shows under each district, for the list mechanism ({@link ListPage}: sorting, export).
   */
  public ListPage.Listing list(LocalDate day, String district, String kindId) {
    Alerts.Kind kind = Alerts.Kind.of(kindId);
    if (kind == null) {
      throw new UserError("name the kind of alert: ?kind= one of " + String.join(", ", Arrays.stream(Alerts.Kind.values()).map(Alerts.Kind::id).toList())
          + (kindId == null ? "" : ", not '" + kindId + "'"));
    }
    return live.cached("AlertService.list", () -> {
      calendarDay(day);
      SnapshotDatabase db = live.get();
      String asOf = db.asOf().toString();
      String d = day.toString();
      QueryResult reports = db.select(sql("reports"), d, district, asOf, REPORT_WINDOW);
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("kind", kind.id());
      scope.put("on", d);
      scope.put("district", district);
      scope.put("asOf", asOf);
      return new ListPage.Listing("alerts", "通知提醒", scope, kindRows(db, kind, d, district, reports));
    }, day.toString(), district, kind);
  }

  /** The rows of one kind of alert: the requests due soon or overdue on the day, or the reports (of {@code reports}) due soon or missing. */
  private static ListPage.Rows kindRows(SnapshotDatabase db, Alerts.Kind kind, String day, String district, QueryResult reports) {
    return switch (kind) {
      case REQUESTS_DUE_SOON -> ListPage.Rows.of(db.select(sql("requests_due"), day, district, REQUEST_WINDOW));
      case REQUESTS_OVERDUE -> ListPage.Rows.of(db.select(sql("requests_overdue"), day, district));
      case REPORTS_DUE_SOON, REPORTS_MISSING -> new ListPage.Rows(reports.columns(), reports.records().stream()
          .filter(r -> (kind == Alerts.Kind.REPORTS_DUE_SOON ? "DUE_SOON" : "MISSING").equals(r.get("kind"))).toList());
    };
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/alerts/" + name + ".sql");
  }
}
