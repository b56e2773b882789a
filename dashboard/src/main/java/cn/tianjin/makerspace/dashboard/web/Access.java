package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Runs before every matched route and static file. Fail closed: a route that declares no roles is
 * refused. A public route ({@link Role#ANYONE}) passes; any other needs a session whose user has
 * one of the route's roles (API calls without one get 401, pages redirect to the log-in page), and
 * a state-changing request must carry the session's CSRF token.
 */
final class Access {
  private static final String USER = "user";
  private final Sessions sessions;

  Access(Sessions sessions) {
    this.sessions = sessions;
  }

  void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.isEmpty()) {
      throw new HttpError(HttpStatus.FORBIDDEN, ApiErrors.NO_ROLES);
    }
    if (roles.contains(Role.ANYONE)) {
      return;
    }
    var session = sessions.find(ctx);
    if (session.isEmpty()) {
      if (ctx.path().startsWith("/api/")) {
        throw new HttpError(HttpStatus.UNAUTHORIZED, ApiErrors.LOG_IN_FIRST);
      }
      String target = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
      ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      ctx.skipRemainingHandlers();
      return;
    }
    User user = session.get().user();
    if (!roles.contains(user.role())) {
      throw new HttpError(HttpStatus.FORBIDDEN, ApiErrors.ROLE_MAY_NOT.formatted(user.role().id(), ctx.path()));
    }
    boolean safe = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    if (!safe && !session.get().csrfToken().equals(ctx.header(Sessions.CSRF_HEADER))) {
      throw new HttpError(HttpStatus.FORBIDDEN, ApiErrors.CSRF);
    }
    ctx.attribute(USER, user);
  }

  /** The logged-in user of a request that passed {@link #check}. */
  static User user(Context ctx) {
    User u = ctx.attribute(USER);
    if (u == null) {
      throw new HttpError(HttpStatus.UNAUTHORIZED, ApiErrors.LOG_IN_FIRST);
    }
    return u;
  }
}
