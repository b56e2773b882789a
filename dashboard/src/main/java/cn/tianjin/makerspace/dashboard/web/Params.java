package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.Quarter;
import cn.tianjin.makerspace.dashboard.Message;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query parameters every page shares, and every JSON body, checked in one place: a malformed
 * value is a 400, a well-formed one the snapshot does not hold a 404, and a district user asking
 * for another district a 403 — the server, not the page, confines them to their own.
 */
final class Params {
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern DISTRICT = Pattern.compile("\\d{6}");
  private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

  private Params() {}

  /**
   * The request's JSON body as a {@code type} (a record). A body that is not that — not JSON, empty,
   * {@code null}, an array, a field of the wrong kind or an unknown one — is a 400 naming the form
   * expected (it does not repeat the body: it may hold a password); a body over the size limit
   * stays a 413.
   */
  static <T extends Record> T body(Context ctx, Class<T> type) {
    T value;
    try {
      value = ctx.bodyAsClass(type);
    } catch (HttpResponseException e) {
      throw e;
    } catch (Exception e) { // Jackson's checked exceptions arrive undeclared
      throw malformedBody(type);
    }
    if (value == null) {
      throw malformedBody(type);
    }
    return value;
  }

  private static HttpError malformedBody(Class<? extends Record> type) {
    String form = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .map(n -> "\"" + n + "\": …").collect(Collectors.joining(", ", "{", "}"));
    return new HttpError(HttpStatus.BAD_REQUEST, ApiErrors.MALFORMED_BODY.formatted(form));
  }

  /** {@code ?quarter=2025Q3}; absent: the newest quarter of the snapshot. */
  static String quarter(Context ctx, MetaService meta) {
    String q = ctx.queryParam("quarter");
    List<String> quarters = meta.quarters();
    if (q == null || q.isBlank()) {
      if (quarters.isEmpty()) {
        throw new HttpError(HttpStatus.NOT_FOUND, new Message("the snapshot holds no quarter yet", "快照中还没有任何季度的数据"));
      }
      return quarters.get(0);
    }
    if (!Quarter.isQuarter(q)) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("malformed quarter '%s': write it like 2025Q3", "季度“%s”格式不对：请写成 2025Q3 的形式").formatted(q));
    }
    if (!quarters.contains(q)) {
      throw new HttpError(HttpStatus.NOT_FOUND, new Message("no data for quarter %s", "没有季度 %s 的数据").formatted(q));
    }
    return q;
  }

  /** {@code ?year=2025}; absent: the newest year of the snapshot. */
  static int year(Context ctx, MetaService meta) {
    String y = ctx.queryParam("year");
    List<Integer> years = meta.years();
    if (y == null || y.isBlank()) {
      if (years.isEmpty()) {
        throw new HttpError(HttpStatus.NOT_FOUND, new Message("the snapshot holds no year yet", "快照中还没有任何年度的数据"));
      }
      return years.get(0);
    }
    if (!YEAR.matcher(y).matches()) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("malformed year '%s': write it like 2025", "年度“%s”格式不对：请写成 2025 的形式").formatted(y));
    }
    if (!years.contains(Integer.parseInt(y))) {
      throw new HttpError(HttpStatus.NOT_FOUND, new Message("no data for year %s", "没有 %s 年度的数据").formatted(y));
    }
    return Integer.parseInt(y);
  }

  /**
   * The district a request is answered for: a district user's own (asking for another is a 403);
   * for the other roles {@code ?district=CODE}, or null (all districts) when absent.
   */
  static String district(Context ctx, MetaService meta) {
    User user = Access.user(ctx);
    String d = ctx.queryParam("district");
    if (d != null && d.isBlank()) {
      d = null;
    }
    if (d != null && !DISTRICT.matcher(d).matches()) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("malformed district code '%s': six digits, e.g. 120101",
          "区县代码“%s”格式不对：应为六位数字，例如 120101").formatted(d));
    }
    if (user.role() == Role.DISTRICT) {
      if (d != null && !d.equals(user.districtCode())) {
        throw new HttpError(HttpStatus.FORBIDDEN, new Message("a district user sees only district %s", "区县用户只能查看本区县（%s）").formatted(user.districtCode()));
      }
      return user.districtCode();
    }
    if (d != null && !meta.districtCodes().contains(d)) {
      throw new HttpError(HttpStatus.NOT_FOUND, new Message("unknown district code %s", "没有区县代码 %s").formatted(d));
    }
    return d;
  }

  /** Like {@link #district} but one district is required (a district page). */
  static String requiredDistrict(Context ctx, MetaService meta) {
    String d = district(ctx, meta);
    if (d == null) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("name a district: ?district=CODE", "请指定区县：?district=区县代码"));
    }
    return d;
  }

  /** A page of a list: {@code offset} rows skipped, at most {@code limit} rows. */
  record Page(int offset, int limit) {}

  /**
   * {@code ?offset=&limit=}: offset a whole number ≥ 0 (default 0), limit from 1 to {@code max}
   * (default {@code defaultLimit}); anything else is a 400.
   */
  static Page page(Context ctx, int defaultLimit, int max) {
    String o = ctx.queryParam("offset");
    String l = ctx.queryParam("limit");
    int offset = 0;
    int limit = defaultLimit;
    if (o != null && !o.isBlank()) {
      if (!COUNT.matcher(o).matches()) {
        throw new BadRequestResponse("malformed offset '" + o + "': a whole number from 0");
      }
      offset = Integer.parseInt(o);
    }
    if (l != null && !l.isBlank()) {
      if (!COUNT.matcher(l).matches() || Integer.parseInt(l) < 1 || Integer.parseInt(l) > max) {
        throw new BadRequestResponse("limit '" + l + "' must be a whole number from 1 to " + max);
      }
      limit = Integer.parseInt(l);
    }
    return new Page(offset, limit);
  }
}
