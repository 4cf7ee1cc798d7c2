package com.finpulse.alerts.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /openapi.json}: the OpenAPI 3 description of this API, a hand-kept file in the jar that a
 * test holds against the registered routes.
 */
final class OpenApiResource implements ApiResource {

  static final String RESOURCE = "/com/finpulse/alerts/api/openapi.json";

  private final byte[] document;

  OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void register(Routes routes) {
    routes.get(
        "/openapi.json",
        Access.PUBLIC,
        ctx -> ctx.contentType("application/json; charset=utf-8").result(document));
  }
}
