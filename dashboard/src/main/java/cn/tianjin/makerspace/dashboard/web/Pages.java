package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.ANYONE;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The HTML pages, each with the roles that may open it (the data behind it is checked again by the API). */
final class Pages {
  private Pages() {}

  static void routes(RoutesConfig r) {
    page(r, "/login", "login.html", ANYONE);
    page(r, "/", "overview.html", LEADER, ANALYST, DISTRICT);
    page(r, "/district", "district.html", LEADER, ANALYST, DISTRICT);
    page(r, "/reports", "reports.html", LEADER, ANALYST, DISTRICT);
    page(r, "/sla", "sla.html", LEADER, ANALYST, DISTRICT);
    page(r, "/awards", "awards.html", LEADER, ANALYST, DISTRICT);
    page(r, "/alerts", "alerts.html", LEADER, ANALYST, DISTRICT);
    page(r, "/request", "request.html", LEADER, ANALYST, DISTRICT);
    page(r, "/upload", "upload.html", DISTRICT, ADMIN);
    page(r, "/quality", "quality.html", LEADER, ANALYST, DISTRICT, ADMIN);
    page(r, "/console", "console.html", ANALYST);
    page(r, "/admin", "admin.html", ADMIN);
  }

  /**
   * Answers the 404 page (public/404.html, in the product's style, no log-in needed) with the
   * status already set; false when it cannot be read (the caller answers plain text).
   */
  static boolean notFoundPage(Context ctx) {
    try (InputStream in = Pages.class.getResourceAsStream("/public/404.html")) {
      if (in == null) {
        return false;
      }
      ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void page(RoutesConfig r, String path, String file, RouteRole... roles) {
    r.get(path, ctx -> html(ctx, file), roles);
  }

  private static void html(Context ctx, String file) {
    try (InputStream in = Pages.class.getResourceAsStream("/public/" + file)) {
      if (in == null) {
        throw new NotFoundResponse("no page " + file);
      }
      ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
