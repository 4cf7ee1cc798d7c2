package com.finpulse.alerts.api;

import com.finpulse.alerts.history.AlertBook;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /alerts?state=open|recent&limit=N}: the open alerts, or the latest state changes. */
final class AlertsResource implements ApiResource {

  private final AlertBook book;

  AlertsResource(AlertBook book) {
    this.book = book;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/alerts", Access.SIGNED_IN, this::list);
  }

  private void list(Context ctx) {
    int limit = Requests.limit(ctx);
    ctx.json(
        switch (Requests.choice(ctx, "state", List.of("open", "recent"))) {
          case "open" -> Map.of("alerts", book.open());
          default -> Map.of("alerts", book.recent(limit));
        });
  }
}
