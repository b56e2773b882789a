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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    PipelineHistory recorded = new PipelineHistory(deps.warehouse());
    r.get("/api/admin/runs", ctx -> ctx.json(list(deps.pipeline(), recorded)), ADMIN);
    r.post("/api/admin/runs", ctx -> start(ctx, deps.pipeline()), ADMIN);
  }

  private static Map<String, Object> list(Pipeline runner, PipelineHistory recorded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", runner != null);
    m.put("timeZone", ProgrammeClock.ZONE.getId());
    if (runner == null) {
      // runs recorded by an earlier server with a landing zone, if any
      List<PipelineRun> runs = new ArrayList<>(recorded.read());
      Collections.reverse(runs);
      m.put("landing", null);
      m.put("schedule", null);
      m.put("nextRun", null);
      m.put("running", false);
      m.put("runs", runs.subList(0, Math.min(LISTED, runs.size())));
      return m;
    }
    List<PipelineRun> runs = runner.history();
    m.put("landing", runner.landing().toString());
    m.put("schedule", runner.schedule().orElse(null));
    m.put("nextRun", runner.nextScheduled().map(t -> t.toOffsetDateTime().toString()).orElse(null));
    m.put("running", runner.running().isPresent());
    m.put("runs", runs.subList(0, Math.min(LISTED, runs.size())));
    return m;
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
