package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.DistrictService;
import cn.tianjin.makerspace.dashboard.MetaService;
import io.javalin.config.RoutesConfig;

/**
 * {@code /api/district?district=CODE&quarter=2025Q3}: the 区县 page's data (a district user: their
 * own); {@code /api/district/overdue|spaces|groups?district=&quarter=} (and {@code /export}): its
 * overdue requests, maker spaces and service groups as lists ({@link Lists}).
 */
final class DistrictController {
  private DistrictController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    DistrictService district = new DistrictService(deps.snapshot());
    r.get("/api/district", ctx -> AnswerJson.send(ctx, district.district(Params.requiredDistrict(ctx, meta), Params.quarter(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/district/overdue", 50, 500, ctx -> district.overdue(Params.requiredDistrict(ctx, meta), Params.quarter(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/district/spaces", 50, 500, ctx -> district.spaces(Params.requiredDistrict(ctx, meta), Params.quarter(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/district/groups", 50, 500, ctx -> district.groups(Params.requiredDistrict(ctx, meta), Params.quarter(ctx, meta)),
        LEADER, ANALYST, DISTRICT);
  }
}
