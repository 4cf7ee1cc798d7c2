package com.finpulse.alerts.api;

import java.util.Map;

/** {@code /health}: answers while the API serves, without a token. */
final class HealthResource implements ApiResource {

  @Override
  public void register(Routes routes) {
    routes.get("/health", Access.PUBLIC, ctx -> ctx.json(Map.of("status", "ok")));
  }
}
