package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.dashboard.ConsoleSchema;
import cn.tianjin.makerspace.dashboard.ConsoleService;
import cn.tianjin.makerspace.dashboard.ConsoleStore;
import cn.tianjin.makerspace.dashboard.QueryLibrary;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code /api/console/*}: the analysts' SQL console (see {@link ConsoleService}). The query runs
 * in a query process, so a cancel (another request) ends it while this request waits.
 */
final class ConsoleController {
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  record QueryBody(String sql, Integer maxRows, String queryId) {}

  record IdBody(String queryId, String id) {}

  record SaveBody(String name, String sql) {}

  private ConsoleController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    ConsoleStore store = new ConsoleStore(deps.home());
    routes(r, new ConsoleService(deps.snapshot(), deps.console(), store, ConsoleService.Limits.DEFAULT),
        new ConsoleSchema(deps.snapshot()), new QueryLibrary(deps.snapshot(), store));
  }

  static void routes(RoutesConfig r, ConsoleService console, ConsoleSchema schema, QueryLibrary library) {
    r.post("/api/console/query", ctx -> {
      QueryBody b = Params.body(ctx, QueryBody.class);
      ctx.json(console.run(Access.user(ctx), b.sql(), b.maxRows(), b.queryId()));
    }, ANALYST);
    r.post("/api/console/cancel", ctx -> ctx.json(Map.of("cancelled",
        found(console.cancel(Access.user(ctx), Params.body(ctx, IdBody.class).queryId()), "no running query of yours with this id"))), ANALYST);
    r.post("/api/console/export", ctx -> export(ctx, console), ANALYST);
    r.get("/api/console/schema", ctx -> ctx.json(Map.of("tables", schema.tables(), "limits", Limits.of(console))), ANALYST);
    r.get("/api/console/history", ctx -> ctx.json(library.history(Access.user(ctx))), ANALYST);
    r.get("/api/console/saved", ctx -> ctx.json(library.saved()), ANALYST);
    r.post("/api/console/saved", ctx -> {
      SaveBody b = Params.body(ctx, SaveBody.class);
      ctx.json(library.save(Access.user(ctx), b.name(), b.sql()));
    }, ANALYST);
    r.post("/api/console/saved/delete", ctx -> ctx.json(Map.of("deleted",
        found(library.deleteSaved(Access.user(ctx), Params.body(ctx, IdBody.class).id()), "no saved query with this id"))), ANALYST);
  }

  /** Headers go out only once the query ran: a refused or failed one is a JSON error like any other. */
  private static void export(Context ctx, ConsoleService console) {
    String file = "console-" + FILE_TIME.format(LocalDateTime.now(ProgrammeClock.ZONE)) + ".csv";
    console.export(Access.user(ctx), Params.body(ctx, QueryBody.class).sql(), () -> ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"").outputStream());
  }

  /** What the console page shows of its limits: the deadline, the rows and bytes an answer may hold, the memory and processes. */
  record Limits(long timeoutSeconds, int maxRowsShown, int maxRowsExported, int maxValueBytes, long maxResultBytes,
      long memoryBytes, int queriesAtOnce) {
    static Limits of(ConsoleService console) {
      ConsoleService.Limits l = console.limits();
      return new Limits(l.timeout().toSeconds(), l.maxRowsShown(), l.maxRowsExported(), l.maxValueBytes(), l.maxResultBytes(),
          console.budget().bytes(), console.budget().processes());
    }
  }

  private static boolean found(boolean ok, String message) {
    if (!ok) {
      throw new NotFoundResponse(message);
    }
    return true;
  }
}
