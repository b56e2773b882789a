package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
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

  /** The district page's data; {@code district} and {@code quarter} are checked by the caller. */
  public Map<String, Object> district(String district, String quarter) {
    return live.cached("DistrictService.district", () -> computeDistrict(district, quarter), district, quarter);
  }

  private Map<String, Object> computeDistrict(String district, String quarter) {
    SnapshotDatabase db = live.get();
    LocalDate asOf = asOf(db);
    QueryResult cells = db.select(sql("district/heatmap"), district, quarter);
    Map<String, Object> onsite = new LinkedHashMap<>();
    onsite.put("required_weeks", sum(cells, "required_pairs"));
    onsite.put("compliant_weeks", sum(cells, "compliant_pairs"));
    onsite.put("weeks", db.select(sql("district/weeks"), quarter).records());
    onsite.put("cells", cells.table()); // weeks × stations: columns once, a row per cell

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("district", district);
    m.put("quarter", quarter);
    m.put("asOf", asOf.toString());
    m.put("summary", first(db.select(sql("district/summary"), district, quarter).records()));
    m.put("spaces", spaces(district, quarter).rows().rows());
    m.put("onsite", onsite);
    m.put("groups", groups(district, quarter).rows().rows());
    m.put("overdue", overdue(district, quarter).rows().rows());
    m.put("trend", db.select(sql("district/trend"), district).records());
    m.put("report", first(db.select(sql("reports/status"), district, quarter, asOf).records()));
    return m;
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
      scope.put("asOf", asOf(db).toString());
      return new ListPage.Listing(name, titleZh, scope, ListPage.Rows.of(db.select(sql(sqlName), district, quarter)));
    }, district, quarter);
  }

  /** The as-of date of the snapshot's marts (the transform's cut-off). */
  static LocalDate asOf(SnapshotDatabase db) {
    String asOf = db.snapshot().properties().get("as_of");
    if (asOf == null) {
      throw new IllegalStateException("snapshot " + db.snapshot().id() + " has no as_of property: run the transform");
    }
    return LocalDate.parse(asOf);
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
