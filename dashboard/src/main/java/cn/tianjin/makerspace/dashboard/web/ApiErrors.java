package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.BilingualError;
import cn.tianjin.makerspace.dashboard.Language;
import cn.tianjin.makerspace.dashboard.Message;
import cn.tianjin.makerspace.dashboard.SqlSyntaxError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer, in one place. Under {@code /api/} it is JSON {@code {"error": "…"}} with
 * {@code Content-Type: application/json; charset=utf-8}, whatever the client accepts; elsewhere
 * (the pages) the same message as UTF-8 plain text. The web layer's own messages (log-in,
 * access, a malformed body, sizes, an unknown route, an internal error) and the password rule
 * are said in the user's language ({@code Accept-Language}, which the pages set to the language
 * chosen on them), as is any {@link BilingualError}: the password rule, a query's syntax error,
 * the shared parameters' checks ({@link Params}), the console's refusals and failures, the
 * upload's. A {@link UserError} that is not bilingual (the command line's) is said as it is. A query's syntax error ({@link SqlSyntaxError}) also
 * answers where it is: {@code {"error", "position": {line, column, start, end}, "detail"}}. No
 * answer repeats the request body.
 */
final class ApiErrors {
  static final String JSON_UTF8 = "application/json; charset=utf-8";

  static final Message LOG_IN_FIRST = new Message("log in first", "请先登录");
  static final Message WRONG_LOG_IN = new Message("wrong user name or password", "用户名或密码错误");
  static final Message NAME_AND_PASSWORD = new Message("name and password are required", "请输入用户名和密码");
  static final Message TOO_MANY_LOG_INS = new Message("too many failed log-ins; try again in %d s", "登录失败次数过多，请 %d 秒后再试");
  static final Message NO_ROLES = new Message("this route declares no roles, so nobody may use it", "此路由未声明角色，任何人都不能使用");
  static final Message ROLE_MAY_NOT = new Message("the role %s may not use %s", "角色 %s 无权使用 %s");
  static final Message CSRF = new Message("missing or wrong " + Sessions.CSRF_HEADER + " header",
      "缺少 " + Sessions.CSRF_HEADER + " 请求头，或其值不对");
  static final Message MALFORMED_BODY = new Message("the request body must be a JSON object like %s", "请求正文须为 JSON 对象，形如 %s");
  static final Message MALFORMED_REQUEST = new Message("the request is malformed", "请求格式不正确");
  static final Message BODY_TOO_LARGE = new Message("the request body is larger than %d KB", "请求正文超过 %d KB");
  static final Message FILE_TOO_LARGE = new Message("the file is larger than %d MB", "文件超过 %d MB");
  static final Message URL_TOO_LONG = new Message("the address (URL) with the request headers is longer than %d KB",
      "网址（URL）连同请求头超过 %d KB");
  static final Message HEADERS_TOO_LARGE = new Message("the request headers are larger than %d KB", "请求头超过 %d KB");
  static final Message NO_ROUTE = new Message("no such page or API route", "没有这个页面或接口");
  static final Message INTERNAL = new Message("internal error (logged on the server)", "服务器内部错误（已记入服务器日志）");

  /** The JSON body of an error answer. */
  record Body(String error) {}

  /** The JSON body of a syntax error in a query: the message, where (line, column, UTF-16 span), DuckDB's own words. */
  record PositionedBody(String error, SqlSyntaxError.Position position, String detail) {}

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  static void register(RoutesConfig routes) {
    routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), text(e, language(ctx))));
    routes.exception(LoginThrottle.Refused.class, (e, ctx) -> {
      ctx.header(Header.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
      answer(ctx, HttpStatus.TOO_MANY_REQUESTS.getCode(), TOO_MANY_LOG_INS.formatted(e.retryAfterSeconds()).in(language(ctx)));
    });
    routes.exception(ValidationException.class, (e, ctx) -> answer(ctx, HttpStatus.BAD_REQUEST.getCode(), MALFORMED_REQUEST.in(language(ctx))));
    routes.exception(UserError.class, (e, ctx) -> {
      String message = e instanceof BilingualError b ? b.text().in(language(ctx)) : e.getMessage();
      if (e instanceof SqlSyntaxError s && s.position() != null && ctx.path().startsWith("/api/")) {
        answer(ctx, HttpStatus.BAD_REQUEST.getCode(), message); // headers and status as any other error, then the body with where
        ctx.result(json(new PositionedBody(message, s.position(), s.detail())));
        return;
      }
      answer(ctx, HttpStatus.BAD_REQUEST.getCode(), message);
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), INTERNAL.in(language(ctx)));
    });
  }

  /** The language of the request's {@code Accept-Language} (English when it names neither). */
  static Language language(Context ctx) {
    return Language.fromAcceptLanguage(ctx.header(Header.ACCEPT_LANGUAGE));
  }

  /**
   * An error answer: JSON under /api/, the product's 404 page (404.html) for an unknown page
   * path, plain text elsewhere; never cached, never a download.
   */
  static void answer(Context ctx, int status, String message) {
    ctx.res().setHeader(Header.CONTENT_DISPOSITION, null);
    ctx.res().setHeader(Header.CONTENT_ENCODING, null);
    ctx.status(status).header(Header.CACHE_CONTROL, "no-store");
    if (status == HttpStatus.NOT_FOUND.getCode() && !ctx.path().startsWith("/api/") && Pages.notFoundPage(ctx)) {
      return;
    }
    if (ctx.path().startsWith("/api/")) {
      ctx.contentType(JSON_UTF8).result(json(message));
    } else {
      ctx.contentType("text/plain; charset=utf-8").result(message.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code {"error": message}} as UTF-8 bytes. */
  static byte[] json(String message) {
    return json(new Body(message));
  }

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a record of one string: does not happen
    }
  }

  private static String text(HttpResponseException e, Language language) {
    if (e instanceof HttpError h) {
      return h.text().in(language);
    }
    if (e instanceof EndpointNotFound) {
      return NO_ROUTE.in(language); // Javalin's message repeats the path
    }
    if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      return BODY_TOO_LARGE.formatted(DashboardApp.MAX_BODY_BYTES / 1024).in(language); // Javalin's own limit
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? HttpStatus.forStatus(e.getStatus()).getMessage() : m;
  }
}
