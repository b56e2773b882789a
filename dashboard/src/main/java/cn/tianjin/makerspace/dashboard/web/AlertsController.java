package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.dashboard.AlertService;
import cn.tianjin.makerspace.dashboard.Message;
import cn.tianjin.makerspace.dashboard.MetaService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * {@code /api/alerts[?district=CODE][&on=YYYY-MM-DD]}: the 通知提醒 page's data — requests due
 * within 2 working days or overdue (Art. 7), quarterly reports due within 5 working days or
 * missing (Art. 8), per district, on day {@code on} (default: today in Asia/Shanghai). A district
 * user gets their own district only. {@code /api/alerts/list?kind=requestsDueSoon|requestsOverdue|
 * reportsDueSoon|reportsMissing[&district=][&on=]} (and {@code /export}): one kind as a list ({@link Lists}).
 */
final class AlertsController {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private AlertsController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    AlertService alerts = new AlertService(deps.snapshot());
    r.get("/api/alerts", ctx -> AnswerJson.send(ctx, alerts.alerts(day(ctx), Params.district(ctx, meta))), LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/alerts/list", 50, 500, ctx -> alerts.list(day(ctx), Params.district(ctx, meta), ctx.queryParam("kind")), LEADER, ANALYST, DISTRICT);
  }

  /** {@code ?on=2025-10-14}; absent: today in Asia/Shanghai. */
  static LocalDate day(Context ctx) {
    String on = ctx.queryParam("on");
    if (on == null || on.isBlank()) {
      return ProgrammeClock.today();
    }
    if (!DATE.matcher(on).matches()) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("malformed day '%s': write it like 2025-10-14", "日期“%s”格式不对：请写成 2025-10-14 的形式").formatted(on));
    }
    try {
      return LocalDate.parse(on);
    } catch (DateTimeException e) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("no such day '%s': write a real date like 2025-10-14", "没有“%s”这一天：请写一个真实的日期，例如 2025-10-14").formatted(on));
    }
  }
}
