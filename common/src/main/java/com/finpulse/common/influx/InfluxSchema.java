package com.finpulse.common.influx;

/**
 * The InfluxDB schema: measurement, tag and field names, shared by the writers (stream processor,
 * alerts, metrics) and the Grafana dashboards. Tags are few and bounded; everything unbounded
 * (titles, URLs, ids) is a field.
 */
public final class InfluxSchema {

  private InfluxSchema() {}

  /**
   * One point per (key kind, key, window, window start). The timestamp is the window start, so an
   * update of a window overwrites its point: writes are idempotent.
   */
  public static final class Trend {
    public static final String MEASUREMENT = "sentiment_trend";

    public static final String TAG_KEY_KIND = "key_kind";
    public static final String TAG_KEY = "key";
    public static final String TAG_WINDOW = "window";

    public static final String FIELD_COUNT = "count";
    public static final String FIELD_NEGATIVE = "negative";
    public static final String FIELD_NEUTRAL = "neutral";
    public static final String FIELD_POSITIVE = "positive";
    public static final String FIELD_MEAN_SCORE = "mean_score";
    public static final String FIELD_NEGATIVE_SHARE = "negative_share";
    public static final String FIELD_NOVEL_COUNT = "novel_count";
    public static final String FIELD_NOVEL_NEGATIVE = "novel_negative";

    private Trend() {}
  }

  /**
   * One point per scored article, for the "latest headlines" panels. The timestamp is the event
   * time plus a sub-millisecond offset derived from the article id, so two articles of one topic
   * and sentiment in the same millisecond do not overwrite each other, and a rewrite of the same
   * article does.
   */
  public static final class Article {
    public static final String MEASUREMENT = "scored_article";

    public static final String TAG_TOPIC = "topic";
    public static final String TAG_SENTIMENT = "sentiment";

    public static final String FIELD_ARTICLE_ID = "article_id";
    public static final String FIELD_TITLE = "title";
    public static final String FIELD_URL = "url";
    public static final String FIELD_SOURCE = "source";
    public static final String FIELD_TICKERS = "tickers";
    public static final String FIELD_SCORE = "score";
    public static final String FIELD_P_NEGATIVE = "p_negative";
    public static final String FIELD_P_NEUTRAL = "p_neutral";
    public static final String FIELD_P_POSITIVE = "p_positive";
    public static final String FIELD_TOPIC_CONFIDENCE = "topic_confidence";

    /** The model that scored it ({@code ScoredArticle.modelId}). */
    public static final String FIELD_MODEL_ID = "model_id";

    /** The sentiment label toward each ticker: {@code TICKER=label,…}; absent when none. */
    public static final String FIELD_TICKER_SENTIMENT = "ticker_sentiment";

    /**
     * The point's timestamp in nanoseconds: the event time's millisecond plus an offset below one
     * millisecond taken from the article id (ids are uniformly distributed hex).
     */
    public static long timestampNanos(java.time.Instant eventTime, String articleId) {
      long offset = 0;
      for (int i = 0; i < articleId.length() && i < 12; i++) {
        offset = offset * 31 + articleId.charAt(i);
      }
      return eventTime.toEpochMilli() * 1_000_000L + Math.floorMod(offset, 1_000_000L);
    }

    private Article() {}
  }

  /** Alert state changes, for Grafana annotations and the alert history panels. */
  public static final class AlertEvent {
    public static final String MEASUREMENT = "alert_event";

    public static final String TAG_KEY_KIND = "key_kind";
    public static final String TAG_KEY = "key";
    public static final String TAG_WINDOW = "window";
    public static final String TAG_SEVERITY = "severity";
    public static final String TAG_STATUS = "status";

    public static final String FIELD_ALERT_ID = "alert_id";
    public static final String FIELD_TITLE = "title";
    public static final String FIELD_TEXT = "text";
    public static final String FIELD_NEGATIVE_SHARE = "negative_share";
    public static final String FIELD_BASELINE = "baseline";
    public static final String FIELD_DEVIATION = "deviation";
    public static final String FIELD_ARTICLE_COUNT = "article_count";

    private AlertEvent() {}
  }

  /** Delivery outcome of every notification sent. */
  public static final class Notification {
    public static final String MEASUREMENT = "alert_notification";

    public static final String TAG_CHANNEL = "channel";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_SUBSCRIBER = "subscriber";

    public static final String FIELD_ALERT_ID = "alert_id";
    public static final String FIELD_ATTEMPTS = "attempts";
    public static final String FIELD_ERROR = "error";
    public static final String FIELD_STATUS = "status";

    private Notification() {}
  }
}
