package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.SlaService;
import io.javalin.config.RoutesConfig;

/**
 * The 反馈时限 page's data: {@code /api/sla?quarter=2025Q3[&district=CODE]} (totals, histogram,
 * by category, by channel) and {@code /api/sla/overdue?quarter=…[&district=…][&offset=&limit=]}
 * (the overdue list, 50 rows a page by default, at most 500).
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
    r.get("/api/sla/overdue", ctx -> {
      String quarter = Params.quarter(ctx, meta);
      String district = Params.district(ctx, meta);
      Params.Page page = Params.page(ctx, DEFAULT_LIMIT, MAX_LIMIT);
      AnswerJson.send(ctx, sla.overdue(quarter, district, page.offset(), page.limit()));
    }, LEADER, ANALYST, DISTRICT);
  }
}
