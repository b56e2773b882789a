package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request, for the drill-through from any list: the requests mart's row (deadline, working
 * days to feedback, the commissioner the feedback is attributed to, SLA status, working days
 * overdue — the rules of Art. 7 as the mart computed them) and its events in time order.
 */
public final class RequestService {
  /** A request: the mart's row with names, and its events in time order. */
  public record Detail(String districtCode, Map<String, Object> request, List<Map<String, Object>> events) {}

  private final LiveSnapshot live;

  public RequestService(LiveSnapshot live) {
    this.live = live;
  }

  /** The request, or empty when the mart has no request of that id. */
  public Optional<Detail> request(String id) {
    return live.cached("RequestService.request", () -> {
      SnapshotDatabase db = live.get();
      List<Map<String, Object>> rows = db.select(sql("request"), id).records();
      if (rows.isEmpty()) {
        return Optional.<Detail>empty();
      }
      Map<String, Object> r = rows.get(0);
      return Optional.of(new Detail((String) r.get("district_code"), r, db.select(sql("events"), id).records()));
    }, id);
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/request/" + name + ".sql");
  }
}
