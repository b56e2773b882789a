package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;
import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.QualityService;
import cn.tianjin.makerspace.dashboard.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.util.regex.Pattern;

/**
 * The 数据质量 page's data: {@code /api/quality/summary} (quarantine by source × reason),
 * {@code /api/quality/counts} (and {@code /export}: the summary's counts as a list),
 * {@code /api/quality/rows?source=&reason=&sort=&dir=&offset=&limit=} (the rows themselves; {@code /export}:
 * as a file, {@link Lists}) and
 * {@code /api/quality/runs?offset=&limit=} (the ingestion runs). Each takes {@code ?district=},
 * and a district user is confined to their own district's quarterly-report files (see
 * {@link QualityService}).
 */
final class QualityController {
  static final int ROWS_DEFAULT_LIMIT = 50;
  static final int ROWS_MAX_LIMIT = 500;
  static final int RUNS_DEFAULT_LIMIT = 20;
  static final int RUNS_MAX_LIMIT = 200;
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,39}");

  private QualityController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    QualityService quality = new QualityService(deps.snapshot());
    r.get("/api/quality/summary", ctx -> AnswerJson.send(ctx, quality.summary(Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT, ADMIN);
    Lists.routes(r, "/api/quality/counts", ROWS_DEFAULT_LIMIT, ROWS_MAX_LIMIT, ctx -> quality.counts(Params.district(ctx, meta)),
        LEADER, ANALYST, DISTRICT, ADMIN);
    Lists.routes(r, "/api/quality/rows", ROWS_DEFAULT_LIMIT, ROWS_MAX_LIMIT,
        ctx -> quality.rows(Params.district(ctx, meta), source(ctx), reason(ctx, quality)), LEADER, ANALYST, DISTRICT, ADMIN);
    r.get("/api/quality/runs", ctx -> {
      String district = Params.district(ctx, meta);
      Params.Page page = Params.page(ctx, RUNS_DEFAULT_LIMIT, RUNS_MAX_LIMIT);
      AnswerJson.send(ctx, quality.runs(district, page.offset(), page.limit()));
    }, LEADER, ANALYST, DISTRICT, ADMIN);
  }

  /**
   * {@code ?source=}: null for any, else one of {@link QualityService#SOURCES} (400 otherwise). A
   * district user asking for a source none of whose rows belong to a district gets a 403.
   */
  private static String source(Context ctx) {
    String s = ctx.queryParam("source");
    if (s == null || s.isBlank()) {
      return null;
    }
    if (!QualityService.SOURCES.contains(s)) {
      throw new BadRequestResponse("unknown source '" + s + "': one of " + String.join(", ", QualityService.SOURCES));
    }
    if (Access.user(ctx).role() == Role.DISTRICT && !QualityService.DISTRICT_SOURCES.contains(s)) {
      throw new ForbiddenResponse("no row of " + s + " belongs to a district: a district user sees the quarantine of "
          + String.join(" and ", QualityService.DISTRICT_SOURCES) + " rows of their own district");
    }
    return s;
  }

  /** {@code ?reason=}: null for any; malformed is a 400, a code that does not exist a 404. */
  private static String reason(Context ctx, QualityService quality) {
    String s = ctx.queryParam("reason");
    if (s == null || s.isBlank()) {
      return null;
    }
    if (!REASON.matcher(s).matches()) {
      throw new BadRequestResponse("malformed reason code '" + s + "': upper-case letters and _, e.g. BAD_VALUE");
    }
    if (!quality.reasonCodes().contains(s)) {
      throw new NotFoundResponse("unknown reason code " + s + " (see docs/reason-codes.md)");
    }
    return s;
  }
}
