package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.dashboard.Message;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** An error answer of the web layer that the API gives in the user's language ({@link ApiErrors}). */
final class HttpError extends HttpResponseException {
  private final transient Message text;

  HttpError(HttpStatus status, Message text) {
    super(status.getCode(), text.en(), Map.of());
    this.text = text;
  }

  Message text() {
    return text;
  }
}
