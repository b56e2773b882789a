package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 季报跟踪 — the quarterly report (季报, Art. 8: 每季度末报送) of every district and quarter:
 * on time, late, missing or not yet due; each one's submission history; and a reconciliation of
 * the on-site requests a district reported against those the request logs show. {@code district}
 * narrows everything to one district (null: all).
 */
public final class ReportService {
  private final LiveSnapshot live;

  public ReportService(LiveSnapshot live) {
    this.live = live;
  }

  /** The 季报跟踪 grid: one cell per district and quarter, oldest quarter first (the columns of reports/status.sql). */
  public record Grid(LocalDate asOf, String district, List<Map<String, Object>> cells) {}

  /**
   * One district's report for one quarter: its status and due date (reports/status.sql; null when
   * the quarter has none), every submission (reports/history.sql) and the rejected rows (reports/rejects.sql).
   */
  public record History(@JsonProperty("district_code") String districtCode, String quarter, LocalDate asOf,
      Map<String, Object> status, List<Map<String, Object>> submissions, List<Map<String, Object>> rejects) {}

  public Grid grid(String district) {
    return live.cached("ReportService.grid", () -> {
      SnapshotDatabase db = live.get();
      LocalDate asOf = db.asOf();
      return new Grid(asOf, district, db.select(sql("status"), district, null, asOf).records());
    }, district);
  }

  public History history(String district, String quarter) {
    return live.cached("ReportService.history", () -> computeHistory(district, quarter), district, quarter);
  }

  private History computeHistory(String district, String quarter) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = db.asOf();
    Map<String, Object> status = db.select(sql("status"), district, quarter, asOf).records().stream().findFirst().orElse(null);
    Object due = status == null ? null : status.get("due_date"); // text like 2026-04-15, cast in the SQL
    return new History(district, quarter, asOf, status, db.select(sql("history"), district, quarter, asOf, due).records(),
        db.select(sql("rejects"), district, quarter).records());
  }

  /** Reported against logged on-site requests, one row per district in scope, for one quarter. */
  public ListPage.Listing reconciliation(String quarter, String district) {
    return live.cached("ReportService.reconciliation", () -> {
      SnapshotDatabase db = live.get();
      LocalDate asOf = db.asOf();
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("quarter", quarter);
      scope.put("asOf", asOf.toString());
      scope.put("district", district);
      return new ListPage.Listing("report-reconciliation", "现场受理需求核对", scope,
          ListPage.Rows.of(db.select(sql("reconciliation"), quarter, asOf, district)));
    }, quarter, district);
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/reports/" + name + ".sql");
  }
}
