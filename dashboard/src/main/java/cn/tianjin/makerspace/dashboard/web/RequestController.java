package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.RequestService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.regex.Pattern;

/**
 * {@code /api/requests/{id}}: one request (the drill-through of every list's request ids). A
 * district user gets a 404 for another district's request, as for one that does not exist: the
 * answer does not tell them it exists.
 */
final class RequestController {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private RequestController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    RequestService requests = new RequestService(deps.snapshot());
    r.get("/api/requests/{id}", ctx -> AnswerJson.send(ctx, visible(ctx, requests.request(id(ctx)).orElse(null))), LEADER, ANALYST, DISTRICT);
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw new BadRequestResponse("malformed request id '" + id + "': letters, digits, - _ . (e.g. R2025-0001)");
    }
    return id;
  }

  private static RequestService.Detail visible(Context ctx, RequestService.Detail d) {
    User user = Access.user(ctx);
    if (d == null || (user.role() == Role.DISTRICT && !user.districtCode().equals(d.districtCode()))) {
      throw new NotFoundResponse("no request " + ctx.pathParam("id") + (user.role() == Role.DISTRICT ? " in district " + user.districtCode() : ""));
    }
    return d;
  }
}
