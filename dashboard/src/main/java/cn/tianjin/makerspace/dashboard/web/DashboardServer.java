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

/**
 * Starts the dashboard on a warehouse: the first start creates the admin and prints its password
 * once. A server works in two places: the warehouse it serves (a local folder, or HDFS read through
 * the store's local mirror) and its home, a local folder whose {@code dashboard/} holds its users,
 * saved queries and run history (the warehouse folder itself when that is local).
 */
public final class DashboardServer {
  private DashboardServer() {}

  /** The dependencies of a server on the local warehouse folder {@code warehouse}, its own home. */
  public static DashboardApp.Deps deps(Path warehouse) {
    return deps(new SnapshotStore(warehouse), warehouse, ConsoleProcesses.Budget.DEFAULT);
  }

  /** The dependencies of a server on {@code store} whose home is {@code home} and whose console has {@code console} to spend. */
  public static DashboardApp.Deps deps(SnapshotStore store, Path home, ConsoleProcesses.Budget console) {
    return new DashboardApp.Deps(
        new LiveSnapshot(store, SnapshotDatabase.Limits.NONE, SnapshotDatabase.Tables.IN_MEMORY),
        new ConsoleProcesses(store, console),
        new UserStore(home),
        home);
  }

  /** Starts a server on the local warehouse folder {@code warehouse}, without a pipeline runner. */
  public static Javalin start(Path warehouse, String host, int port, PrintStream out) {
    return start(new SnapshotStore(warehouse), warehouse, host, port, null, ConsoleProcesses.Budget.DEFAULT, out);
  }

  /** Starts a server on {@code store} with its home, a pipeline runner (null: none) and the SQL console's memory budget. */
  public static Javalin start(SnapshotStore store, Path home, String host, int port, Pipeline pipeline, ConsoleProcesses.Budget console,
      PrintStream out) {
    DashboardApp.Deps base = deps(store, home, console);
    DashboardApp.Deps deps = new DashboardApp.Deps(base.snapshot(), base.console(), base.users(), home, pipeline);
    deps.snapshot().get(); // fail now, not on the first request, if nothing was published
    PrivateFiles.secure(home); // state an earlier version (or a person) left readable by all
    deps.users().createFirstAdmin().ifPresent(password -> {
      out.println("Created the first user: admin, password " + password);
      out.println("(shown only this once; add users with ./warehouse users add NAME --role ROLE --warehouse " + store.location()
          + (store.isLocal() ? "" : " --home " + home) + ")");
    });
    Optional<AlertDigest.Config> alerts = AlertDigest.load(home); // a malformed alerts.json stops the start here
    Javalin app = DashboardApp.create(deps).start(host, port);
    deps.console().warm();
    alerts.ifPresent(config -> {
      new AlertDigest(new AlertService(deps.snapshot()), config).startDaily();
      out.println("Alert digest (通知提醒): e-mailed on working days at " + config.sendAt() + " " + ProgrammeClock.ZONE.getId() + " via " + config.smtp().host());
    });
    store.mirror().ifPresent(mirror -> out.println("Mirror:    " + store.location() + " -> " + mirror));
    out.println("Dashboard: http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + app.port() + "/");
    out.flush();
    return app;
  }
}
