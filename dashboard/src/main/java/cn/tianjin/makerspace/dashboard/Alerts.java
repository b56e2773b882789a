package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * 通知提醒 on a day, as {@link AlertService} answers it (the page's JSON and the e-mail digest's
 * source): the day, whether it is a working day, the snapshot's as-of date, the windows, the
 * totals and one entry per district in scope. The alert rows are the SQL files' rows
 * ({@code dashboard-sql/alerts/*.sql}), whose columns those files state.
 */
public record Alerts(String day, boolean workingDay, String asOf, String district, int requestWindowWorkingDays,
    int reportWindowWorkingDays, Counts totals, List<District> districts) {

  /** The four kinds of alert, in the order they are shown; written as the page's ids ({@code requestsDueSoon}). */
  public enum Kind {
    REQUESTS_DUE_SOON("requestsDueSoon"),
    REQUESTS_OVERDUE("requestsOverdue"),
    REPORTS_DUE_SOON("reportsDueSoon"),
    REPORTS_MISSING("reportsMissing");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }

    /** The kind of an id ({@code requestsDueSoon}), or null. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      return null;
    }
  }

  /** How many alerts of each kind. */
  public record Counts(int requestsDueSoon, int requestsOverdue, int reportsDueSoon, int reportsMissing) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    Counts plus(Counts o) {
      return new Counts(requestsDueSoon + o.requestsDueSoon, requestsOverdue + o.requestsOverdue, reportsDueSoon + o.reportsDueSoon,
          reportsMissing + o.reportsMissing);
    }
  }

  /** One district's alerts: its names, its counts and the rows of each kind. */
  public record District(String district_code, String name_zh, String name_en, Counts counts,
      List<Map<String, Object>> requestsDueSoon, List<Map<String, Object>> requestsOverdue,
      List<Map<String, Object>> reportsDueSoon, List<Map<String, Object>> reportsMissing) {

    /** The rows of one kind. */
    public List<Map<String, Object>> rows(Kind kind) {
      return switch (kind) {
        case REQUESTS_DUE_SOON -> requestsDueSoon;
        case REQUESTS_OVERDUE -> requestsOverdue;
        case REPORTS_DUE_SOON -> reportsDueSoon;
        case REPORTS_MISSING -> reportsMissing;
      };
    }
  }
}
