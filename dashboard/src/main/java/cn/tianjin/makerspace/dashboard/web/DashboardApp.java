package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import cn.tianjin.makerspace.dashboard.PipelineRunner;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard web app: one factory that the server and the tests call. Every route declares
 * its roles (see {@link Access}); pages are HTML files under {@code /public}, data comes from the
 * JSON API under {@code /api}.
 */
public final class DashboardApp {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);
  /** Largest request body accepted (a query, a log-in); larger ones get 413. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  /**
   * What the app serves: the live snapshot twice (pages, console), the users, the state folder,
   * and the pipeline runner (null when the server has no landing zone).
   */
  public record Deps(LiveSnapshot snapshot, LiveSnapshot console, UserStore users, Path warehouse, PipelineRunner pipeline) {
    /** Without a pipeline runner. */
    public Deps(LiveSnapshot snapshot, LiveSnapshot console, UserStore users, Path warehouse) {
      this(snapshot, console, users, warehouse, null);
    }

    MetaService meta() {
      return new MetaService(snapshot);
    }

    MetricCatalogue metrics() {
      return MetricCatalogue.get();
    }
  }

  private DashboardApp() {}

  public static Javalin create(Deps deps) {
    Sessions sessions = new Sessions();
    Access access = new Access(sessions);
    return Javalin.create(config -> {
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new AnswerJson(deps.snapshot()));
      config.staticFiles.add(files -> {
        files.hostedPath = "/assets";
        files.directory = "/public/assets";
        files.location = Location.CLASSPATH;
        files.roles = Set.of(Role.ANYONE);
      });
      config.staticFiles.add(files -> {
        files.hostedPath = "/webjars";
        files.directory = "META-INF/resources/webjars";
        files.location = Location.CLASSPATH;
        files.roles = Set.of(Role.ANYONE);
        files.headers = Map.of("Cache-Control", "max-age=31536000");
      });
      RoutesConfig routes = config.routes;
      routes.beforeMatched(access::check);
      routes.exception(UserError.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error (logged on the server)"));
      });
      AuthController.routes(routes, deps.users(), sessions, new LoginThrottle());
      Pages.routes(routes);
      MetaController.routes(routes, deps);
      MetricsController.routes(routes, deps);
      OverviewController.routes(routes, deps);
      AlertsController.routes(routes, deps);
      PipelineController.routes(routes, deps);
      UploadController.routes(routes, deps);
      SlaController.routes(routes, deps);
      QualityController.routes(routes, deps);
      AwardsController.routes(routes, deps);
      AdminController.routes(routes, deps, sessions);
      DistrictController.routes(routes, deps);
      ReportController.routes(routes, deps);
      ConsoleController.routes(routes, deps);
    });
  }
}
