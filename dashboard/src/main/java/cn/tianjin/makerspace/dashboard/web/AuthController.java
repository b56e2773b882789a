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

/** Log-in, log-out and "who am I" (with the CSRF token the pages send back). */
final class AuthController {
  private AuthController() {}

  /** The log-in form's body. */
  record Credentials(String name, String password) {
    /** Both given, else a 400. */
    Credentials complete() {
      if (name == null || password == null) {
        throw new HttpError(HttpStatus.BAD_REQUEST, ApiErrors.NAME_AND_PASSWORD);
      }
      return this;
    }
  }

  static void routes(RoutesConfig r, UserStore users, Sessions sessions, LoginThrottle throttle) {
    r.post("/api/login", ctx -> login(ctx, users, sessions, throttle), ANYONE);
    r.post("/api/logout", ctx -> {
      sessions.end(ctx);
      ctx.status(HttpStatus.NO_CONTENT);
    }, LEADER, ANALYST, DISTRICT, ADMIN);
    r.get("/api/me", ctx -> ctx.json(Me.of(Access.user(ctx), sessions.find(ctx).orElseThrow().csrfToken())), LEADER, ANALYST, DISTRICT, ADMIN);
  }

  /**
   * Checks the password under the {@link LoginThrottle} (401 when wrong; over the limit the
   * throttle's refusal is a 429, see {@link ApiErrors}) and starts a session.
   */
  private static void login(Context ctx, UserStore users, Sessions sessions, LoginThrottle throttle) {
    Credentials c = Params.body(ctx, Credentials.class).complete();
    User user = throttle.attempt(ctx.ip(), c.name(), () -> users.authenticate(c.name(), c.password().toCharArray()))
        .orElseThrow(() -> new HttpError(HttpStatus.UNAUTHORIZED, ApiErrors.WRONG_LOG_IN));
    ctx.json(Me.of(user, sessions.start(ctx, user).csrfToken()));
  }

  /** The signed-in user as the pages know them, with the session's CSRF token. */
  record Me(String name, String role, String district, String csrfToken) {
    static Me of(User u, String csrf) {
      return new Me(u.name(), u.role().id(), u.districtCode(), csrf);
    }
  }
}
