package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.ListExport;
import cn.tianjin.makerspace.dashboard.ListPage;
import cn.tianjin.makerspace.dashboard.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The routes of a list, one mechanism for every list: {@code GET path?…&sort=COL&dir=asc|desc
 * &offset=&limit=} answers one page with the total ({@link ListPage.Listing#page}), and
 * {@code GET path/export?…&format=csv|xlsx} the whole list, sorted the same way, as a file
 * ({@link ListExport}). Both run the same service call with the same parameters, so a district
 * user's export is confined as their page is (the service call reads {@link Params#district}).
 */
final class Lists {
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Lists() {}

  static void routes(RoutesConfig r, String path, int defaultLimit, int maxLimit, Function<Context, ListPage.Listing> list, Role... roles) {
    r.get(path, ctx -> {
      ListPage.Sort sort = sort(ctx);
      Params.Page page = Params.page(ctx, defaultLimit, maxLimit);
      AnswerJson.send(ctx, list.apply(ctx).page(sort, page.offset(), page.limit()));
    }, roles);
    r.get(path + "/export", ctx -> export(ctx, format(ctx), sort(ctx), list.apply(ctx)), roles);
  }

  /** {@code ?sort=column&dir=asc|desc} (dir default asc); absent: the list's own order. */
  static ListPage.Sort sort(Context ctx) {
    String s = ctx.queryParam("sort");
    String d = ctx.queryParam("dir");
    if (s == null || s.isBlank()) {
      return ListPage.Sort.NONE;
    }
    if (!COLUMN.matcher(s).matches()) {
      throw new BadRequestResponse("malformed sort column '" + s + "': a column name like received_date");
    }
    if (d != null && !d.isBlank() && !d.equals("asc") && !d.equals("desc")) {
      throw new BadRequestResponse("dir is asc or desc, not '" + d + "'");
    }
    return new ListPage.Sort(s, "desc".equals(d));
  }

  /** {@code ?format=csv|xlsx}. */
  static String format(Context ctx) {
    String f = ctx.queryParam("format");
    if (!"csv".equals(f) && !"xlsx".equals(f)) {
      throw new BadRequestResponse("format is csv or xlsx, not '" + (f == null ? "" : f) + "'");
    }
    return f;
  }

  /** Sends a file: {@code bytes} as an attachment named {@code fileName}. */
  static void sendFile(Context ctx, String format, String fileName, byte[] bytes) {
    ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("Cache-Control", "no-store")
        .contentType("csv".equals(format) ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .result(bytes);
  }

  private static void export(Context ctx, String format, ListPage.Sort sort, ListPage.Listing list) {
    ListPage.Rows rows = ListPage.sorted(list.rows(), sort);
    sendFile(ctx, format, list.fileName(format), "csv".equals(format) ? ListExport.csv(rows) : ListExport.xlsx(list.title(), rows));
  }
}
