package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.AwardExport;
import cn.tianjin.makerspace.dashboard.AwardService;
import cn.tianjin.makerspace.dashboard.MetaService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * {@code /api/awards?year=2025[&district=CODE]}: the 表彰候选名单 page's data (Art. 8);
 * {@code /api/awards/export?year=2025&format=csv|xlsx[&district=CODE]}: the shortlist as a file.
 * A district user gets their own district's candidates only.
 */
final class AwardsController {
  private AwardsController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    AwardService awards = new AwardService(deps.snapshot());
    r.get("/api/awards", ctx -> AnswerJson.send(ctx, awards.awards(Params.year(ctx, meta), Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    r.get("/api/awards/export", ctx -> export(ctx, deps, format(ctx), awards.shortlist(Params.year(ctx, meta), Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
  }

  private static String format(Context ctx) {
    String f = ctx.queryParam("format");
    if (!"csv".equals(f) && !"xlsx".equals(f)) {
      throw new BadRequestResponse("format is csv or xlsx, not '" + (f == null ? "" : f) + "'");
    }
    return f;
  }

  private static void export(Context ctx, DashboardApp.Deps deps, String format, AwardService.Shortlist s) {
    boolean csv = format.equals("csv");
    ctx.header("Content-Disposition", "attachment; filename=\"" + AwardExport.fileName(s, format) + "\"")
        .header("Cache-Control", "no-store")
        .contentType(csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .result(deps.snapshot().<byte[]>cached("AwardExport", () -> csv ? AwardExport.csv(s) : AwardExport.xlsx(s), format, s));
  }
}
