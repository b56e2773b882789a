package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 区县 — one district in one quarter: its spaces and their coverage, a weeks × spaces heat map of
 * on-site hours against the one-working-day (8 hours) a week of Art. 6, its service groups and
 * members (undersized groups flagged), its overdue requests, its quarterly report's status and its
 * trend over every quarter (kpi_district_quarter's rows).
 * The on-site, coverage, group and overdue figures follow kpi_district_quarter's rules, so the
 * page's counts are the mart's.
 */
public final class DistrictService {
  private final LiveSnapshot live;

  public DistrictService(LiveSnapshot live) {
    this.live = live;
  }

  /**
   * The 区县 page's answer; each row holds the columns of its SQL file ({@code dashboard-sql/district/},
   * the report's {@code reports/status.sql}); {@code summary} and {@code report} are null when the
   * quarter has none.
   */
  public record District(String district, String quarter, LocalDate asOf, Map<String, Object> summary,
      List<Map<String, Object>> spaces, OnSite onsite, List<Map<String, Object>> groups, List<Map<String, Object>> overdue,
      List<Map<String, Object>> trend, Map<String, Object> report) {}

  /**
   * The heat map: a cell per week and station (on-site hours against Art. 6's working day a week),
   * the quarter's weeks, and how many station-weeks required a visit and had one.
   */
  public record OnSite(@JsonProperty("required_weeks") long requiredWeeks, @JsonProperty("compliant_weeks") long compliantWeeks,
      List<Map<String, Object>> weeks, QueryResult.Table cells) {}

  /** The district page's answer; {@code district} and {@code quarter} are checked by the caller. */
  public District district(String district, String quarter) {
    return live.cached("DistrictService.district", () -> computeDistrict(district, quarter), district, quarter);
  }

  private District computeDistrict(String district, String quarter) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = db.asOf();
    QueryResult cells = db.select(sql("district/heatmap"), district, quarter);
    OnSite onsite = new OnSite(sum(cells, "required_pairs"), sum(cells, "compliant_pairs"),
        db.select(sql("district/weeks"), quarter).records(), cells.table());
    return new District(district, quarter, asOf, first(db.select(sql("district/summary"), district, quarter).records()),
        spaces(district, quarter).rows().rows(), onsite, groups(district, quarter).rows().rows(),
        overdue(district, quarter).rows().rows(), db.select(sql("district/trend"), district).records(),
        first(db.select(sql("reports/status"), district, quarter, asOf).records()));
  }

  /** The district's OPEN_OVERDUE requests received in the quarter (the whole list), most overdue first. */
  public ListPage.Listing overdue(String district, String quarter) {
    return list("district/overdue", "district-overdue", "区县逾期未反馈需求", district, quarter);
  }

  /** The district's maker spaces open in the quarter: station coverage and on-site weeks (district/spaces.sql). */
  public ListPage.Listing spaces(String district, String quarter) {
    return list("district/spaces", "district-spaces", "区县众创空间与服务站覆盖", district, quarter);
  }

  /** The district's service groups active in the quarter: members and Art. 6's minimum (district/groups.sql). */
  public ListPage.Listing groups(String district, String quarter) {
    return list("district/groups", "district-groups", "区县服务小组与服务专员", district, quarter);
  }

  /** One of the district page's lists: the query {@code sqlName} for the district and quarter, with its scope. */
  private ListPage.Listing list(String sqlName, String name, String titleZh, String district, String quarter) {
    return live.cached("DistrictService." + name, () -> {
      SnapshotDatabase db = live.get();
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("district", district);
      scope.put("quarter", quarter);
      scope.put("asOf", db.asOf().toString());
      return new ListPage.Listing(name, titleZh, scope, ListPage.Rows.of(db.select(sql(sqlName), district, quarter)));
    }, district, quarter);
  }

  private static Map<String, Object> first(List<Map<String, Object>> rows) {
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static long sum(QueryResult result, String column) {
    int i = result.columns().indexOf(column);
    return result.rows().stream().mapToLong(r -> ((Number) r.get(i)).longValue()).sum();
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/" + name + ".sql");
  }
}
