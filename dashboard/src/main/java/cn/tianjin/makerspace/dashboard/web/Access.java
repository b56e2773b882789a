package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
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
      throw new ForbiddenResponse("this route declares no roles, so nobody may use it");
    }
    if (roles.contains(Role.ANYONE)) {
      return;
    }
    var session = sessions.find(ctx);
    if (session.isEmpty()) {
      if (ctx.path().startsWith("/api/")) {
        throw new UnauthorizedResponse("log in first");
      }
      String target = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
      ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      ctx.skipRemainingHandlers();
      return;
    }
    User user = session.get().user();
    if (!roles.contains(user.role())) {
      throw new ForbiddenResponse("the role " + user.role().id() + " may not use " + ctx.path());
    }
    boolean safe = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    if (!safe && !session.get().csrfToken().equals(ctx.header(Sessions.CSRF_HEADER))) {
      throw new ForbiddenResponse("missing or wrong " + Sessions.CSRF_HEADER + " header");
    }
    ctx.attribute(USER, user);
  }

  /** The logged-in user of a request that passed {@link #check}. */
  static User user(Context ctx) {
    User u = ctx.attribute(USER);
    if (u == null) {
      throw new UnauthorizedResponse("log in first");
    }
    return u;
  }
}
