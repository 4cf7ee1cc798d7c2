package com.finpulse.alerts.api;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.common.event.KeyKind;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /alerts?state=open|recent&limit=N&key_kind=K&key=X}: the open alerts, or the latest state
 * changes; of one key when {@code key} is given (the console's alert markers).
 */
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
    String key = Requests.optional(ctx, "key");
    KeyKind kind =
        key == null ? null : Requests.enumChoice(ctx, "key_kind", KeyKind.class, KeyKind::label);
    Predicate<Alert> of = a -> key == null || (a.keyKind() == kind && a.key().equals(key));
    List<Alert> alerts =
        switch (Requests.choice(ctx, "state", List.of("open", "recent"))) {
          case "open" -> book.open().stream().filter(of).toList();
          default -> book.recent(Integer.MAX_VALUE).stream().filter(of).limit(limit).toList();
        };
    ctx.json(Map.of("alerts", alerts));
  }
}
