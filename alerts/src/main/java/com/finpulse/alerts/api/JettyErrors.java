package com.finpulse.alerts.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the API (a malformed request line, headers
 * too large): JSON like every other error, the status's reason only, never a stack or a cause.
 */
final class JettyErrors extends ErrorHandler {

  JettyErrors() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback done)
      throws IOException {
    String reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT).replace('"', '\'');
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(
        true,
        ByteBuffer.wrap(("{\"error\": \"" + reason + "\"}\n").getBytes(StandardCharsets.UTF_8)),
        done);
  }
}
