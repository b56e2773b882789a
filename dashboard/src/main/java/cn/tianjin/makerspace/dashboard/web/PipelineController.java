package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.dashboard.Pipeline;
import cn.tianjin.makerspace.dashboard.PipelineHistory;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 数据更新 (administrators only): the pipeline runs of a server started with a landing zone.
 * {@code GET /api/admin/runs} lists the recorded runs, newest first, with the schedule and its
 * next time; {@code POST /api/admin/runs} starts a run now (202 with the run; 409 while one is in
 * progress; 400 when the server has no landing zone).
 */
final class PipelineController {
  /** Runs listed at most (newest first). */
  static final int LISTED = 200;

  private PipelineController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    PipelineHistory recorded = new PipelineHistory(deps.home());
    r.get("/api/admin/runs", ctx -> ctx.json(list(deps.pipeline(), recorded)), ADMIN);
    r.post("/api/admin/runs", ctx -> start(ctx, deps.pipeline()), ADMIN);
  }

  /**
   * The 数据更新 panel: whether this server runs the pipeline (with its landing zone, schedule
   * and next run, in the programme's time zone) and the latest runs, newest first. A server
   * without a landing zone lists the runs an earlier server recorded.
   */
  record Runs(boolean enabled, String timeZone, String landing, String schedule, String nextRun, boolean running, List<PipelineRun> runs) {}

  private static Runs list(Pipeline runner, PipelineHistory recorded) {
    String zone = ProgrammeClock.ZONE.getId();
    if (runner == null) {
      List<PipelineRun> runs = new ArrayList<>(recorded.read());
      Collections.reverse(runs);
      return new Runs(false, zone, null, null, null, false, runs.subList(0, Math.min(LISTED, runs.size())));
    }
    List<PipelineRun> runs = runner.history();
    return new Runs(true, zone, runner.landing().location(), runner.schedule().orElse(null),
        runner.nextScheduled().map(t -> t.toOffsetDateTime().toString()).orElse(null), runner.running().isPresent(),
        runs.subList(0, Math.min(LISTED, runs.size())));
  }

  private static void start(Context ctx, Pipeline runner) {
    if (runner == null) {
      throw new BadRequestResponse("this server has no landing zone: start it with ./warehouse serve --landing DIR --warehouse DIR");
    }
    try {
      ctx.status(HttpStatus.ACCEPTED).json(runner.start(PipelineRun.Trigger.ADMIN, Access.user(ctx).name()));
    } catch (Pipeline.Busy e) {
      throw new ConflictResponse(e.getMessage());
    }
  }
}
