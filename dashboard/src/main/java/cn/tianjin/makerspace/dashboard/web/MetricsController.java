package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import io.javalin.config.RoutesConfig;

/** {@code /api/metrics}: the metric catalogue (labels, units, definitions, hover texts of every figure). */
final class MetricsController {
  private MetricsController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetricCatalogue catalogue = deps.metrics();
    r.get("/api/metrics", ctx -> ctx.json(catalogue), LEADER, ANALYST, DISTRICT, ADMIN);
  }
}
