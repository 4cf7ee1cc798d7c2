package com.finpulse.alerts.api;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.common.event.KeyKind;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
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
        switch (Requests.enumChoice(ctx, "state", State.class, State::label)) {
          case OPEN -> book.open().stream().filter(of).toList();
          case RECENT -> book.recent(Integer.MAX_VALUE).stream().filter(of).limit(limit).toList();
        };
    ctx.json(Map.of("alerts", alerts));
  }

  /**
   * {@code state}: the open alerts, or the latest ones whatever their state (the first is the
   * default).
   */
  enum State {
    OPEN,
    RECENT;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
