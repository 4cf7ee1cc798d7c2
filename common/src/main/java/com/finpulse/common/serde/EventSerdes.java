package com.finpulse.common.serde;

import com.finpulse.common.event.Alert;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.NotificationOutcome;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;

/** The serde of each event type: one instance each, shared (they are stateless). */
public final class EventSerdes {

  private static final EventSerde<NewsArticle> NEWS_ARTICLE =
      new EventSerde<>(NewsArticle.class, NewsArticle.SCHEMA_VERSION);
  private static final EventSerde<ScoredArticle> SCORED_ARTICLE =
      new EventSerde<>(
          ScoredArticle.class,
          ScoredArticle.SCHEMA_VERSION,
          // 1 -> 2: no per-ticker sentiment was recorded; trends fall back to the article's.
          java.util.Map.of(1, node -> node.set("ticker_sentiment", node.objectNode())));
  private static final EventSerde<TrendPoint> TREND_POINT =
      new EventSerde<>(TrendPoint.class, TrendPoint.SCHEMA_VERSION);
  private static final EventSerde<Alert> ALERT =
      new EventSerde<>(Alert.class, Alert.SCHEMA_VERSION);

  private static final EventSerde<NotificationOutcome> NOTIFICATION_OUTCOME =
      new EventSerde<>(NotificationOutcome.class, NotificationOutcome.SCHEMA_VERSION);

  private EventSerdes() {}

  public static EventSerde<NewsArticle> newsArticle() {
    return NEWS_ARTICLE;
  }

  public static EventSerde<ScoredArticle> scoredArticle() {
    return SCORED_ARTICLE;
  }

  public static EventSerde<TrendPoint> trendPoint() {
    return TREND_POINT;
  }

  public static EventSerde<Alert> alert() {
    return ALERT;
  }

  /** Shares the {@code alerts} topic with {@link #alert()}; the schema header tells them apart. */
  public static EventSerde<NotificationOutcome> notificationOutcome() {
    return NOTIFICATION_OUTCOME;
  }
}
