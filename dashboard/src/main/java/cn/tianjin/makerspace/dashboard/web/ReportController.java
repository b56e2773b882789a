package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.ReportService;
import io.javalin.config.RoutesConfig;

/**
 * The 季报跟踪 page's data: {@code /api/reports[?district=CODE]} (the districts × quarters grid),
 * {@code /api/reports/history?district=CODE&quarter=2025Q3} (one report's submissions) and
 * {@code /api/reports/reconciliation?quarter=2025Q3[&district=CODE]} (reported against logged
 * on-site requests; a list with {@code /export}: {@link Lists}). A district user gets their own district only.
 */
final class ReportController {
  private ReportController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    ReportService reports = new ReportService(deps.snapshot());
    r.get("/api/reports", ctx -> AnswerJson.send(ctx, reports.grid(Params.district(ctx, meta))), LEADER, ANALYST, DISTRICT);
    r.get("/api/reports/history", ctx -> AnswerJson.send(ctx, reports.history(Params.requiredDistrict(ctx, meta), Params.quarter(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/reports/reconciliation", 50, 500, ctx -> reports.reconciliation(Params.quarter(ctx, meta), Params.district(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
  }
}
