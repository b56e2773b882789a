package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ANALYST;
import static cn.tianjin.makerspace.dashboard.Role.DISTRICT;
import static cn.tianjin.makerspace.dashboard.Role.LEADER;

import cn.tianjin.makerspace.dashboard.AwardExplanation;
import cn.tianjin.makerspace.dashboard.AwardExport;
import cn.tianjin.makerspace.dashboard.AwardService;
import cn.tianjin.makerspace.dashboard.ListPage;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /api/awards?year=2025[&district=CODE]}: the 表彰候选名单 page's data (Art. 8);
 * {@code /api/awards/export?year=2025&format=csv|xlsx[&district=CODE][&sort=&dir=]}: the shortlist as a file.
 * {@code /api/awards/near-misses?year=2025[&district=CODE]} (and {@code /export}): the near misses as a list;
 * {@code /api/awards/explain?year=2025&commissioner=ID}: why one commissioner is or is not on it
 * (award_eligibility, award_candidates). A district user gets their own district's candidates only.
 */
final class AwardsController {
  private static final Pattern COMMISSIONER = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private AwardsController() {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps) {
    MetaService meta = deps.meta();
    AwardService awards = new AwardService(deps.snapshot());
    r.get("/api/awards", ctx -> AnswerJson.send(ctx, awards.awards(Params.year(ctx, meta), Params.district(ctx, meta))),
        LEADER, ANALYST, DISTRICT);
    r.get("/api/awards/export", ctx -> export(ctx, deps, Lists.format(ctx), sorted(ctx, awards.shortlist(Params.year(ctx, meta), Params.district(ctx, meta)))),
        LEADER, ANALYST, DISTRICT);
    Lists.routes(r, "/api/awards/near-misses", AwardService.NEAR_MISSES, AwardService.NEAR_MISSES,
        ctx -> awards.nearMisses(Params.year(ctx, meta), Params.district(ctx, meta)), LEADER, ANALYST, DISTRICT);
    r.get("/api/awards/explain", ctx -> AnswerJson.send(ctx, explanation(ctx, awards.explain(Params.year(ctx, meta), commissioner(ctx)))),
        LEADER, ANALYST, DISTRICT);
  }

  /** {@code ?commissioner=ID}: required, letters, digits, - and _. */
  private static String commissioner(Context ctx) {
    String id = ctx.queryParam("commissioner");
    if (id == null || !COMMISSIONER.matcher(id).matches()) {
      throw new BadRequestResponse("name a commissioner: ?commissioner=ID (letters, digits, - and _)");
    }
    return id;
  }

  /** The explanation; a 404 when there is none, or (for a district user) when the commissioner is another district's. */
  private static AwardExplanation.Explanation explanation(Context ctx, Optional<AwardExplanation.Explanation> x) {
    User user = Access.user(ctx);
    return x.filter(e -> user.role() != Role.DISTRICT || user.districtCode().equals(e.districtCode()))
        .orElseThrow(() -> new NotFoundResponse("no award figures for commissioner " + ctx.queryParam("commissioner")
            + (user.role() == Role.DISTRICT ? " in district " + user.districtCode() : "") + " in that year"));
  }

  /** The shortlist in the order chosen on the page ({@code ?sort=&dir=}, as every list's export: {@link Lists}); rank order by default. */
  private static AwardService.Shortlist sorted(Context ctx, AwardService.Shortlist s) {
    ListPage.Sort sort = Lists.sort(ctx);
    if (sort.column() == null || s.rows().isEmpty()) {
      return s;
    }
    ListPage.Rows rows = ListPage.sorted(new ListPage.Rows(List.copyOf(s.rows().get(0).keySet()), s.rows()), sort);
    return new AwardService.Shortlist(s.year(), s.district(), s.districtNameZh(), s.provisional(), s.asOf(), s.rules(), rows.rows());
  }

  private static void export(Context ctx, DashboardApp.Deps deps, String format, AwardService.Shortlist s) {
    boolean csv = format.equals("csv");
    Lists.sendFile(ctx, format, AwardExport.fileName(s, format),
        deps.snapshot().<byte[]>cached("AwardExport", () -> csv ? AwardExport.csv(s) : AwardExport.xlsx(s), format, s));
  }
}
