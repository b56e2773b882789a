package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import io.javalin.config.RoutesConfig;

/** {@code /api/meta}: "data as of" and the snapshot's districts, quarters and years. */
final class MetaController {
  private MetaController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    r.get("/api/meta", ctx -> ctx.json(meta.meta(Access.user(ctx))), LEADER, ANALYST, DISTRICT, ADMIN);
  }
}
