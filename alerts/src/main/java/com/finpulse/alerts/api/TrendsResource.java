package com.finpulse.alerts.api;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /trends?key_kind=topic|ticker|market&key=K&window=1m|5m|1h&range=1h|6h|24h|7d}: the trend
 * points of one key, or of every key of a kind, oldest first.
 */
final class TrendsResource implements ApiResource {

  private final HistoryReads history;
  private final Clock clock;

  TrendsResource(HistoryReads history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/trends", Access.SIGNED_IN, this::read);
  }

  private void read(Context ctx) {
    KeyKind kind = Requests.enumChoice(ctx, "key_kind", KeyKind.class, KeyKind::label);
    TrendWindow window = Requests.enumChoice(ctx, "window", TrendWindow.class, TrendWindow::label);
    String key = Requests.optional(ctx, "key");
    Instant to = clock.instant();
    Instant from = to.minus(Requests.range(ctx));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_kind", kind);
    out.put("window", window);
    out.put("from", from);
    out.put("to", to);
    out.put("series", history.trendsOrRefuse().read(kind, key, window, from, to));
    ctx.json(out);
  }
}
