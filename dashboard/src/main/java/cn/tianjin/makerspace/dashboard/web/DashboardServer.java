package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.AlertDigest;
import cn.tianjin.makerspace.dashboard.AlertService;
import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.Pipeline;
import cn.tianjin.makerspace.dashboard.PrivateFiles;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Starts the dashboard on a warehouse: the first start creates the admin and prints its password once. */
public final class DashboardServer {
  private DashboardServer() {}

  public static DashboardApp.Deps deps(Path warehouse) {
    return deps(warehouse, ConsoleProcesses.Budget.DEFAULT);
  }

  /** The dependencies of a server on {@code warehouse} whose console has {@code console} to spend. */
  public static DashboardApp.Deps deps(Path warehouse, ConsoleProcesses.Budget console) {
    SnapshotStore store = new SnapshotStore(warehouse);
    return new DashboardApp.Deps(
        new LiveSnapshot(store, SnapshotDatabase.Limits.NONE, SnapshotDatabase.Tables.IN_MEMORY),
        new ConsoleProcesses(warehouse, console),
        new UserStore(warehouse),
        warehouse);
  }

  public static Javalin start(Path warehouse, String host, int port, PrintStream out) {
    return start(warehouse, host, port, null, out);
  }

  /** As above, with a pipeline runner (null: none) whose runs the admin page shows and starts. */
  public static Javalin start(Path warehouse, String host, int port, Pipeline pipeline, PrintStream out) {
    return start(warehouse, host, port, pipeline, ConsoleProcesses.Budget.DEFAULT, out);
  }

  /** As above, the SQL console with its own memory budget. */
  public static Javalin start(Path warehouse, String host, int port, Pipeline pipeline, ConsoleProcesses.Budget console,
      PrintStream out) {
    DashboardApp.Deps base = deps(warehouse, console);
    DashboardApp.Deps deps = new DashboardApp.Deps(base.snapshot(), base.console(), base.users(), warehouse, pipeline);
    deps.snapshot().get(); // fail now, not on the first request, if nothing was published
    PrivateFiles.secure(warehouse); // state an earlier version (or a person) left readable by all
    deps.users().createFirstAdmin().ifPresent(password -> {
      out.println("Created the first user: admin, password " + password);
      out.println("(shown only this once; add users with ./warehouse users add NAME --role ROLE --warehouse " + warehouse + ")");
    });
    Optional<AlertDigest.Config> alerts = AlertDigest.load(warehouse); // a malformed alerts.json stops the start here
    Javalin app = DashboardApp.create(deps).start(host, port);
    deps.console().warm();
    alerts.ifPresent(config -> {
      new AlertDigest(new AlertService(deps.snapshot()), config).startDaily();
      out.println("Alert digest (通知提醒): e-mailed on working days at " + config.sendAt() + " " + ProgrammeClock.ZONE.getId() + " via " + config.smtp().host());
    });
    out.println("Dashboard: http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + app.port() + "/");
    out.flush();
    return app;
  }
}
