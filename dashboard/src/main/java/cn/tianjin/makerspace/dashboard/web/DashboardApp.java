package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.MetricCatalogue;
import cn.tianjin.makerspace.dashboard.Pipeline;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard web app: one factory that the server and the tests call. Every route declares
 * its roles (see {@link Access}); pages are HTML files under {@code /public}, data comes from the
 * JSON API under {@code /api}.
 */
public final class DashboardApp {
  /** Largest request body accepted (a query, a log-in); larger ones get 413. */
  static final long MAX_BODY_BYTES = 256 * 1024;
  /** Largest request line and headers accepted (Jetty's default, stated): a longer URL gets 414, larger headers 431. */
  static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

  /**
   * What the app serves: the live snapshot (pages), the console's query processes, the users, the
   * server's home (its state in {@code home/dashboard}, see {@link DashboardServer}), and the
   * pipeline runner (null when the server has no landing zone).
   */
  public record Deps(LiveSnapshot snapshot, ConsoleProcesses console, UserStore users, Path home, Pipeline pipeline) {
    /** Without a pipeline runner. */
    public Deps(LiveSnapshot snapshot, ConsoleProcesses console, UserStore users, Path home) {
      this(snapshot, console, users, home, null);
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
      config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
      config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
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
      ApiErrors.register(routes);
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
      RequestController.routes(routes, deps);
    });
  }
}
