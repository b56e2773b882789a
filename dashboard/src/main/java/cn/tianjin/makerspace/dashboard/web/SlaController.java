package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.SlaService;
import io.javalin.config.RoutesConfig;

/**
 * The 反馈时限 page's data: {@code /api/sla?quarter=2025Q3[&district=CODE]} (totals, histogram,
 * by category, by channel) and {@code /api/sla/overdue?quarter=…[&district=…][&sort=&dir=][&offset=&limit=]}
 * (the overdue list, 50 rows a page by default, at most 500; {@code /api/sla/overdue/export?…&format=csv|xlsx}
 * the whole list as a file: {@link Lists}).
 */
final class SlaController {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private SlaController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    SlaService sla = new SlaService(deps.snapshot());
    r.get("/api/sla", ctx -> AnswerJson.send(ctx, sla.sla(Params.quarter(ctx, meta), Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/sla/overdue", DEFAULT_LIMIT, MAX_LIMIT, ctx -> sla.overdue(Params.quarter(ctx, meta), Params.district(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
  }
}
