package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.ANYONE;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Log-in, log-out and "who am I" (with the CSRF token the pages send back). */
final class AuthController {
  private AuthController() {}

  /** The log-in form's body. */
  record Credentials(String name, String password) {}

  static void routes(RoutesConfig r, UserStore users, Sessions sessions, LoginThrottle throttle) {
    r.post("/api/login", ctx -> login(ctx, users, sessions, throttle), ANYONE);
    r.post("/api/logout", ctx -> {
      sessions.end(ctx);
      ctx.status(HttpStatus.NO_CONTENT);
    }, LEADER, ANALYST, DISTRICT, ADMIN);
    r.get("/api/me", ctx -> ctx.json(me(Access.user(ctx), sessions.find(ctx).orElseThrow().csrfToken())), LEADER, ANALYST, DISTRICT, ADMIN);
  }

  private static void login(Context ctx, UserStore users, Sessions sessions, LoginThrottle throttle) {
    Credentials c = ctx.bodyValidator(Credentials.class)
        .check(x -> x.name() != null && x.password() != null, "name and password are required")
        .get();
    long wait = throttle.retryAfterSeconds(ctx.ip(), c.name());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait)).status(HttpStatus.TOO_MANY_REQUESTS)
          .json(Map.of("error", "too many failed log-ins; try again in " + wait + " s"));
      return;
    }
    User user = users.authenticate(c.name(), c.password().toCharArray()).orElse(null);
    if (user == null) {
      throttle.failed(ctx.ip(), c.name());
      throw new UnauthorizedResponse("wrong user name or password");
    }
    throttle.succeeded(c.name());
    ctx.json(me(user, sessions.start(ctx, user).csrfToken()));
  }

  private static Map<String, Object> me(User u, String csrf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", u.name());
    m.put("role", u.role().id());
    m.put("district", u.districtCode());
    m.put("csrfToken", csrf);
    return m;
  }
}
