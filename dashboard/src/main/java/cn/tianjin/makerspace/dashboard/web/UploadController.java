package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Pipeline;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.ReportUploadService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;

/**
 * 季报上报: a district hands in its quarterly report (see {@link ReportUploadService}).
 * {@code GET /api/reports/template.xlsx} the template; {@code POST /api/reports/upload?district=&quarter=&name=}
 * with the file as the body (CSV or .xlsx, at most 10 MB) checks it and answers the problems and
 * a token; {@code POST /api/reports/upload/confirm {"token": …}} writes it to the landing zone and
 * asks for a pipeline run; {@code GET /api/reports/upload/problems?token=} (and {@code /export}) the
 * rows the check rejected, as a list ({@link Lists}). A district user uploads for their own district only; an administrator
 * for any (on a district's behalf).
 */
final class UploadController {
  record TokenBody(String token) {}

  private UploadController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    Pipeline runner = deps.pipeline();
    ReportUploadService upload = new ReportUploadService(deps.snapshot(), runner == null ? null : runner.landing(),
        runner == null ? null : by -> runner.request(PipelineRun.Trigger.UPLOAD, by),
        runner == null ? ProgrammeClock::today : runner::today);
    MetaService meta = deps.meta();
    r.get("/api/reports/template.xlsx", UploadController::template, LEADER, ANALYST, DISTRICT, ADMIN);
    r.post("/api/reports/upload", ctx -> ctx.json(upload.check(Access.user(ctx), Params.requiredDistrict(ctx, meta),
        ctx.queryParam("quarter"), ctx.queryParam("name"), file(ctx))), DISTRICT, ADMIN);
    r.post("/api/reports/upload/confirm", ctx -> ctx.json(upload.confirm(Access.user(ctx), token(ctx))), DISTRICT, ADMIN);
    Lists.routes(r, "/api/reports/upload/problems", 50, 500, ctx -> upload.problems(Access.user(ctx), ctx.queryParam("token")), DISTRICT, ADMIN);
  }

  private static void template(Context ctx) {
    ctx.header("Content-Disposition", "attachment; filename=\"quarterly-report-template.xlsx\"; filename*=UTF-8''%E5%AD%A3%E6%8A%A5%E6%A8%A1%E6%9D%BF.xlsx")
        .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .result(ReportUploadService.template());
  }

  /** The file: the request's body, read up to the upload limit (the app's 256 KB limit is for JSON). */
  private static byte[] file(Context ctx) throws IOException {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes(ReportUploadService.MAX_BYTES + 1);
      if (b.length > ReportUploadService.MAX_BYTES) {
        throw new HttpError(HttpStatus.CONTENT_TOO_LARGE, ApiErrors.FILE_TOO_LARGE.formatted(ReportUploadService.MAX_BYTES >> 20));
      }
      return b;
    }
  }

  private static String token(Context ctx) {
    TokenBody b = Params.body(ctx, TokenBody.class);
    if (b.token() == null || b.token().isBlank()) {
      throw new BadRequestResponse("send {\"token\": \"…\"} as JSON");
    }
    return b.token();
  }
}
