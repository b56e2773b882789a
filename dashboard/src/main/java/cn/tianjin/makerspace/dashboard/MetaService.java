package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SqlResources;
import java.time.Instant;
import java.time.LocalDate;
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

  /**
   * What every page shows and checks against: "data as of" (the snapshot, when it was published,
   * its as-of date, the rows quarantined in the user's scope), the user, and the districts (a
   * district user: their own), quarters and years. {@code asOf} is null before the first transform.
   */
  public record Meta(String snapshotId, Instant publishedAt, LocalDate asOf, long quarantinedRows, Me user,
      List<Map<String, Object>> districts, List<String> quarters, List<Map<String, Object>> quarterStates,
      String defaultQuarter, List<Integer> years) {}

  /** The user as the pages show them: name, role id, district code ("" for a city-wide role). */
  public record Me(String name, String role, String district) {}

  public Meta meta(User user) {
    SnapshotDatabase db = live.get();
    Snapshot s = db.snapshot();
    long quarantined = user.scope() == null
        ? s.segments("quarantine").stream().mapToLong(Snapshot.Segment::rows).sum()
        : live.cached("MetaService.quarantined", () -> ((Number) db.select(SqlResources.load("dashboard-sql/meta/quarantined.sql"), user.scope())
            .rows().get(0).get(0)).longValue(), user.scope());
    List<Map<String, Object>> states = quarterStates();
    String defaultQuarter = states.stream().filter(q -> Boolean.TRUE.equals(q.get("due"))).map(q -> (String) q.get("quarter")).findFirst()
        .orElse(states.isEmpty() ? null : (String) states.get(0).get("quarter"));
    return new Meta(s.id(), s.createdAt(), s.asOf().orElse(null), quarantined,
        new Me(user.name(), user.role().id(), user.districtCode() == null ? "" : user.districtCode()),
        live.cached("MetaService.districts", () -> db.select(SqlResources.load("dashboard-sql/meta/districts.sql"), user.scope()).records(), user.scope()),
        quarters(), states, defaultQuarter, years());
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
      return db.select(SqlResources.load("dashboard-sql/meta/quarters.sql"), db.snapshot().properties().get(Snapshot.AS_OF)).records();
    });
  }

  /** Years of kpi_commissioner_year, newest first. */
  public List<Integer> years() {
    return live.cached("MetaService.years", () -> live.get().select("select distinct year from kpi_commissioner_year order by year desc")
        .rows().stream().map(r -> ((Number) r.get(0)).intValue()).toList());
  }
}
