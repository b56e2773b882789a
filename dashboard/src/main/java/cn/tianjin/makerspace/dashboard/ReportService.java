package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
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

  /** The districts × quarters grid: one row per district and quarter, oldest quarter first. */
  public Map<String, Object> grid(String district) {
    return live.cached("ReportService.grid", () -> computeGrid(district), district);
  }

  private Map<String, Object> computeGrid(String district) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = DistrictService.asOf(db);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asOf", asOf.toString());
    m.put("district", district);
    m.put("cells", db.select(sql("status"), district, null, asOf).records());
    return m;
  }

  /** One district's report for one quarter: its status and due date, every submission, the rejects. */
  public Map<String, Object> history(String district, String quarter) {
    return live.cached("ReportService.history", () -> computeHistory(district, quarter), district, quarter);
  }

  private Map<String, Object> computeHistory(String district, String quarter) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = DistrictService.asOf(db);
    Map<String, Object> status = db.select(sql("status"), district, quarter, asOf).records().stream().findFirst().orElse(null);
    Object due = status == null ? null : status.get("due_date"); // text like 2026-04-15, cast in the SQL
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("district_code", district);
    m.put("quarter", quarter);
    m.put("asOf", asOf.toString());
    m.put("status", status);
    m.put("submissions", db.select(sql("history"), district, quarter, asOf, due).records());
    m.put("rejects", db.select(sql("rejects"), district, quarter).records());
    return m;
  }

  /** Reported against logged on-site requests, one row per district in scope, for one quarter. */
  public ListPage.Listing reconciliation(String quarter, String district) {
    return live.cached("ReportService.reconciliation", () -> {
      SnapshotDatabase db = live.get();
      LocalDate asOf = DistrictService.asOf(db);
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
