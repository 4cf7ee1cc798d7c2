package com.finpulse.alerts.api;

import com.finpulse.alerts.history.AlertBook;
import java.util.Map;

/** {@code /notifications?limit=N}: the latest delivery outcomes. */
final class NotificationsResource implements ApiResource {

  private final AlertBook book;

  NotificationsResource(AlertBook book) {
    this.book = book;
  }

  @Override
  public void register(Routes routes) {
    routes.get(
        "/notifications",
        Access.SIGNED_IN,
        ctx -> ctx.json(Map.of("notifications", book.recentOutcomes(Requests.limit(ctx)))));
  }
}
