package cn.tianjin.makerspace.dashboard;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * Who may use a route. Every route names its roles; a route that names none is refused (see
 * {@link web.Access}). {@link #ANYONE} marks the few public routes (log-in, static assets).
 */
public enum Role implements RouteRole {
  /** Commission leaders: every dashboard, every district. */
  LEADER,
  /** Analysts: every dashboard and the SQL console. */
  ANALYST,
  /** A district official: every dashboard, answered for their own district only. */
  DISTRICT,
  /** Administrators: users and operations. */
  ADMIN,
  /** Not a user's role: the route is public. */
  ANYONE;

  public static Role parse(String s) {
    try {
      Role r = Role.valueOf(s.trim().toUpperCase(Locale.ROOT));
      if (r == ANYONE) {
        throw new IllegalArgumentException();
      }
      return r;
    } catch (IllegalArgumentException e) {
      throw new BilingualError(new Message("unknown role '%s' (leader, analyst, district or admin)", "没有角色“%s”（可选 leader、analyst、district、admin）").formatted(s));
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
