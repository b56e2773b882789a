package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 总览 — the leaders' overview of one quarter: headline KPIs against the quarter before, their
 * trend over every quarter, the districts side by side, the channel mix and the demand by service
 * category. {@code district} narrows everything to one district (null: all).
 */
public final class OverviewService {
  private final LiveSnapshot live;

  public OverviewService(LiveSnapshot live) {
    this.live = live;
  }

  public Map<String, Object> overview(String quarter, String district) {
    return live.cached("OverviewService.overview", () -> computeOverview(quarter, district), quarter, district);
  }

  private Map<String, Object> computeOverview(String quarter, String district) {
    SnapshotDatabase db = live.get();
    List<Map<String, Object>> trend = db.select(sql("kpis"), district).records();
    int at = position(trend, quarter);
    Map<String, Object> previous = at > 0 ? trend.get(at - 1) : null; // the trend has every quarter, in order
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quarter", quarter);
    m.put("previousQuarter", previous == null ? null : previous.get("quarter"));
    m.put("district", district);
    m.put("current", at >= 0 ? trend.get(at) : null);
    m.put("previous", previous);
    m.put("trend", trend);
    m.put("districts", districts(quarter, district).rows().rows());
    m.put("channels", db.select(sql("channels"), quarter, district).records());
    m.put("categories", db.select(sql("categories"), quarter, district).records());
    return m;
  }

  /** The districts' figures of the quarter (kpi_district_quarter) as a list: the 总览 table, sortable and exported. */
  public ListPage.Listing districts(String quarter, String district) {
    return live.cached("OverviewService.districts", () -> {
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("quarter", quarter);
      scope.put("district", district);
      return new ListPage.Listing("districts", "各区县指标", scope, ListPage.Rows.of(live.get().select(sql("districts"), quarter, district)));
    }, quarter, district);
  }

  /** The index of {@code quarter}'s row in {@code trend}, or -1. */
  private static int position(List<Map<String, Object>> trend, String quarter) {
    for (int i = 0; i < trend.size(); i++) {
      if (quarter.equals(trend.get(i).get("quarter"))) {
        return i;
      }
    }
    return -1;
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/overview/" + name + ".sql");
  }
}
