package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SqlResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Facts about the live snapshot that every page shows or checks against: "data as of" (when it
 * was published, the as-of date, rows quarantined), the districts, quarters and years it holds.
 */
public final class MetaService {
  private final LiveSnapshot live;

  public MetaService(LiveSnapshot live) {
    this.live = live;
  }

  /** "Data as of", the user, and the districts (only their own for a district user), quarters and years. */
  public Map<String, Object> meta(User user) {
    SnapshotDatabase db = live.get();
    Snapshot s = db.snapshot();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshotId", s.id());
    m.put("publishedAt", s.createdAt().toString());
    m.put("asOf", s.properties().get("as_of"));
    m.put("quarantinedRows", user.scope() == null
        ? s.segments("quarantine").stream().mapToLong(Snapshot.Segment::rows).sum()
        : live.cached("MetaService.quarantined", () -> db.select(SqlResources.load("dashboard-sql/meta/quarantined.sql"), user.scope()).rows().get(0).get(0), user.scope()));
    m.put("user", Map.of("name", user.name(), "role", user.role().id(), "district", user.districtCode() == null ? "" : user.districtCode()));
    m.put("districts", live.cached("MetaService.districts", () -> db.select(SqlResources.load("dashboard-sql/meta/districts.sql"), user.scope()).records(), user.scope()));
    m.put("quarters", quarters());
    List<Map<String, Object>> states = quarterStates();
    m.put("quarterStates", states);
    m.put("defaultQuarter", states.stream().filter(q -> Boolean.TRUE.equals(q.get("due"))).map(q -> q.get("quarter")).findFirst()
        .orElse(states.isEmpty() ? null : states.get(0).get("quarter")));
    m.put("years", years());
    return m;
  }

  public Set<String> districtCodes() {
    return live.cached("MetaService.districtCodes", () -> {
      Set<String> codes = new TreeSet<>();
      live.get().select("select district_code from districts").rows().forEach(r -> codes.add((String) r.get(0)));
      return codes;
    });
  }

  /** Quarters of kpi_district_quarter, newest first. */
  public List<String> quarters() {
    return live.cached("MetaService.quarters", () -> live.get().select("select distinct quarter from kpi_district_quarter order by quarter desc")
        .rows().stream().map(r -> (String) r.get(0)).toList());
  }

  /**
   * The quarters, newest first, with their state as of the snapshot's as-of date
   * (dashboard-sql/meta/quarters.sql): {@code due} (the report's due date has passed: the pages
   * open on the newest such quarter) and {@code in_progress} (not yet ended: partial figures).
   */
  public List<Map<String, Object>> quarterStates() {
    return live.cached("MetaService.quarterStates", () -> {
      SnapshotDatabase db = live.get();
      return db.select(SqlResources.load("dashboard-sql/meta/quarters.sql"), db.snapshot().properties().get("as_of")).records();
    });
  }

  /** Years of kpi_commissioner_year, newest first. */
  public List<Integer> years() {
    return live.cached("MetaService.years", () -> live.get().select("select distinct year from kpi_commissioner_year order by year desc")
        .rows().stream().map(r -> ((Number) r.get(0)).intValue()).toList());
  }
}
