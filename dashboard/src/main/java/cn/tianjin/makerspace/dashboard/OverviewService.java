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

  /**
   * The 总览 page's answer. {@code current} and {@code previous} are the quarter's and the quarter
   * before's rows of {@code trend} (null when there is none); each row holds the columns of its
   * SQL file ({@code dashboard-sql/overview/}).
   */
  public record Overview(String quarter, String previousQuarter, String district, Map<String, Object> current,
      Map<String, Object> previous, List<Map<String, Object>> trend, List<Map<String, Object>> districts,
      List<Map<String, Object>> channels, List<Map<String, Object>> categories) {}

  public Overview overview(String quarter, String district) {
    return live.cached("OverviewService.overview", () -> computeOverview(quarter, district), quarter, district);
  }

  private Overview computeOverview(String quarter, String district) {
    SnapshotDatabase db = live.get();
    List<Map<String, Object>> trend = db.select(sql("kpis"), district).records();
    int at = position(trend, quarter);
    Map<String, Object> previous = at > 0 ? trend.get(at - 1) : null; // the trend has every quarter, in order
    return new Overview(quarter, previous == null ? null : (String) previous.get("quarter"), district,
        at >= 0 ? trend.get(at) : null, previous, trend, districts(quarter, district).rows().rows(),
        db.select(sql("channels"), quarter, district).records(), db.select(sql("categories"), quarter, district).records());
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
