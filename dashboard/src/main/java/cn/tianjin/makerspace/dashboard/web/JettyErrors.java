package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.Language;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before the request reaches the app — a URL and headers longer
 * than {@link DashboardApp#MAX_REQUEST_HEADER_BYTES} (414, 431), a request it cannot parse (400):
 * JSON {@code {"error": …}} in UTF-8 like the app's own (see {@link ApiErrors}), in English unless
 * the request's headers were read and ask for Chinese; never the request's text.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    Language language = Language.fromAcceptLanguage(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiErrors.JSON_UTF8);
    response.write(true, ByteBuffer.wrap(ApiErrors.json(text(code, language))), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ApiErrors.JSON_UTF8);
    return ByteBuffer.wrap(ApiErrors.json(text(status, Language.EN)));
  }

  static String text(int code, Language language) {
    int headerKb = DashboardApp.MAX_REQUEST_HEADER_BYTES / 1024;
    return switch (code) {
      case HttpStatus.URI_TOO_LONG_414 -> ApiErrors.URL_TOO_LONG.formatted(headerKb).in(language);
      case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> ApiErrors.HEADERS_TOO_LARGE.formatted(headerKb).in(language);
      case HttpStatus.BAD_REQUEST_400 -> ApiErrors.MALFORMED_REQUEST.in(language);
      case HttpStatus.PAYLOAD_TOO_LARGE_413 -> ApiErrors.BODY_TOO_LARGE.formatted(DashboardApp.MAX_BODY_BYTES / 1024).in(language);
      default -> HttpStatus.getMessage(code);
    };
  }
}
