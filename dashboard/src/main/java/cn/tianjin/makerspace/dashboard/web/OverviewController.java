package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.OverviewService;
import io.javalin.config.RoutesConfig;

/**
 * {@code /api/overview?quarter=2025Q3[&district=CODE]}: the 总览 page's data;
 * {@code /api/overview/districts} (and {@code /export}): its districts table as a list ({@link Lists}).
 */
final class OverviewController {
  private OverviewController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    OverviewService overview = new OverviewService(deps.snapshot());
    r.get("/api/overview", ctx -> AnswerJson.send(ctx, overview.overview(Params.quarter(ctx, meta), Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/overview/districts", 50, 500, ctx -> overview.districts(Params.quarter(ctx, meta), Params.district(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
  }
}
