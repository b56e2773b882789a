package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.Passwords;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log-in sessions, held in memory (a restart logs everyone out). The session cookie is HttpOnly
 * and SameSite=Strict; each session carries its own CSRF token, which every state-changing
 * request must echo in the {@code X-CSRF-Token} header. A session ends after 8 idle hours.
 */
public final class Sessions {
  public static final String COOKIE = "wh_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Duration IDLE = Duration.ofHours(8);

  /** A logged-in user's session. */
  public record Session(User user, String csrfToken, long[] lastSeenMillis) {}

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();

  public Session start(Context ctx, User user) {
    String token = Passwords.token();
    Session s = new Session(user, Passwords.token(), new long[] {System.currentTimeMillis()});
    byToken.put(token, s);
    Cookie cookie = new Cookie(COOKIE, token, "/", -1, ctx.scheme().equals("https"), true, null, SameSite.STRICT);
    ctx.cookie(cookie);
    return s;
  }

  public Optional<Session> find(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token == null) {
      return Optional.empty();
    }
    Session s = byToken.get(token);
    if (s == null) {
      return Optional.empty();
    }
    long now = System.currentTimeMillis();
    if (now - s.lastSeenMillis()[0] > IDLE.toMillis()) {
      byToken.remove(token);
      return Optional.empty();
    }
    s.lastSeenMillis()[0] = now;
    return Optional.of(s);
  }

  public void end(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token != null) {
      byToken.remove(token);
    }
    ctx.removeCookie(COOKIE, "/");
  }

  /** Ends every session of a user (after the user was changed or removed). */
  public void endAll(String userName) {
    byToken.values().removeIf(s -> s.user().name().equals(userName));
  }
}
