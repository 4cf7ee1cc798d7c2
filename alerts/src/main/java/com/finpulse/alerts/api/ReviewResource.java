package com.finpulse.alerts.api;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.common.event.KeyKind;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /review?range=…&limit=N}: the articles most worth an analyst's look (active learning): not
 * yet reviewed, the model's least sure first (the smallest margin between its two most likely
 * sentiments), with articles on a topic or ticker that has an open alert weighted to the front
 * (their priority is half their margin), since a wrong call there moves an alert. With how many are
 * reviewed and the model's agreement with analysts per day.
 */
final class ReviewResource implements ApiResource {

  /** An article on a key with an open alert counts as this much less sure. */
  static final double ALERT_WEIGHT = 0.5;

  /** One article of the queue. */
  record Item(ArticleReader.Row article, double margin, double priority, boolean onOpenAlert) {}

  private final HistoryReads history;
  private final ModelLoop loop;
  private final AlertBook alerts;
  private final Clock clock;

  ReviewResource(HistoryReads history, ModelLoop loop, AlertBook alerts, Clock clock) {
    this.history = history;
    this.loop = loop;
    this.alerts = alerts;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/review", Access.SIGNED_IN, this::queue);
  }

  private void queue(Context ctx) {
    FeedbackBook book = loop.bookOrRefuse();
    Instant to = clock.instant();
    Instant from = to.minus(Requests.range(ctx));
    int limit = Requests.limit(ctx);
    List<ArticleReader.Row> recent =
        history
            .articlesOrRefuse()
            .read(
                new ArticleReader.Filter(
                    null,
                    null,
                    null,
                    null,
                    null,
                    from,
                    to,
                    ArticleReader.Order.LATEST,
                    ArticleReader.SCAN));
    List<Item> queue = queue(recent, book.reviewedArticles(), alertedKeys());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from);
    out.put("to", to);
    out.put("waiting", queue.size());
    out.put("articles", queue.stream().limit(limit).toList());
    out.put("stats", book.stats());
    ctx.json(out);
  }

  /** Unreviewed articles, lowest priority value (least sure, on an alert) first. */
  static List<Item> queue(
      List<ArticleReader.Row> articles, Set<String> reviewed, Set<String> alertedKeys) {
    return articles.stream()
        .filter(a -> !reviewed.contains(a.articleId()))
        .map(
            a -> {
              boolean alerted =
                  alertedKeys.contains(key(KeyKind.TOPIC, a.topic()))
                      || a.tickers().stream()
                          .anyMatch(t -> alertedKeys.contains(key(KeyKind.TICKER, t)));
              double margin = a.margin();
              return new Item(a, margin, alerted ? margin * ALERT_WEIGHT : margin, alerted);
            })
        .sorted(
            Comparator.comparingDouble(Item::priority)
                .thenComparing(i -> i.article().time(), Comparator.reverseOrder()))
        .toList();
  }

  private Set<String> alertedKeys() {
    Set<String> keys = new HashSet<>();
    for (Alert a : alerts.open()) {
      keys.add(key(a.keyKind(), a.key()));
    }
    return keys;
  }

  private static String key(KeyKind kind, String key) {
    return kind.label() + ":" + key;
  }
}
