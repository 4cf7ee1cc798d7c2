package com.finpulse.alerts.api;

import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.common.event.Sentiment;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /articles}: scored articles, filtered by topic, ticker, sentiment, source and title text,
 * over {@code range} (or {@code from}..{@code to}), newest or most negative first.
 */
final class ArticlesResource implements ApiResource {

  private final HistoryReads history;
  private final Clock clock;

  ArticlesResource(HistoryReads history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/articles", Access.SIGNED_IN, this::list);
  }

  private void list(Context ctx) {
    Instant to = Requests.instant(ctx, "to");
    Instant from = Requests.instant(ctx, "from");
    if (to == null) {
      to = clock.instant();
    }
    if (from == null) {
      from = to.minus(Requests.range(ctx));
    }
    if (!from.isBefore(to)) {
      throw new ApiException(400, "from must be before to");
    }
    String sentiment = Requests.optional(ctx, "sentiment");
    ArticleReader.Filter filter =
        new ArticleReader.Filter(
            Requests.optional(ctx, "topic"),
            Requests.optional(ctx, "ticker"),
            sentiment == null
                ? null
                : Requests.enumChoice(ctx, "sentiment", Sentiment.class, Sentiment::label),
            Requests.optional(ctx, "source"),
            Requests.optional(ctx, "q"),
            from,
            to,
            Requests.enumChoice(
                ctx, "order", ArticleReader.Order.class, ArticleReader.Order::label),
            Requests.limit(ctx));
    ctx.json(Map.of("articles", history.articlesOrRefuse().read(filter)));
  }
}
