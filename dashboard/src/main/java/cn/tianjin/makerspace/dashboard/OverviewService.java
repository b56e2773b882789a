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
    var first = Quarters.firstDay(quarter);
    var last = Quarters.lastDay(quarter);
    List<Map<String, Object>> trend = db.select(sql("kpis"), district).records();
    String previous = Quarters.previous(quarter);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quarter", quarter);
    m.put("previousQuarter", previous);
    m.put("district", district);
    m.put("current", find(trend, quarter));
    m.put("previous", find(trend, previous));
    m.put("trend", trend);
    m.put("districts", db.select(sql("districts"), quarter, district).records());
    m.put("channels", db.select(sql("channels"), first, last, district).records());
    m.put("categories", db.select(sql("categories"), first, last, district).records());
    return m;
  }

  private static Map<String, Object> find(List<Map<String, Object>> trend, String quarter) {
    return trend.stream().filter(r -> quarter.equals(r.get("quarter"))).findFirst().orElse(null);
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/overview/" + name + ".sql");
  }
}
