package com.finpulse.processor.sink;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.influx.InfluxSchema;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.influxdb.dto.Point;

/** The InfluxDB points of the processor's events, named by {@link InfluxSchema}. */
public final class InfluxPoints {

  private InfluxPoints() {}

  /** Timestamp = window start: a later update of the window overwrites this point. */
  public static Point trend(TrendPoint p) {
    return Point.measurement(InfluxSchema.Trend.MEASUREMENT)
        .time(p.windowStart().toEpochMilli(), TimeUnit.MILLISECONDS)
        .tag(InfluxSchema.Trend.TAG_KEY_KIND, p.keyKind().label())
        .tag(InfluxSchema.Trend.TAG_KEY, p.key())
        .tag(InfluxSchema.Trend.TAG_WINDOW, p.window().label())
        .addField(InfluxSchema.Trend.FIELD_COUNT, p.count())
        .addField(InfluxSchema.Trend.FIELD_NEGATIVE, p.negativeCount())
        .addField(InfluxSchema.Trend.FIELD_NEUTRAL, p.neutralCount())
        .addField(InfluxSchema.Trend.FIELD_POSITIVE, p.positiveCount())
        .addField(InfluxSchema.Trend.FIELD_MEAN_SCORE, p.meanScore())
        .addField(InfluxSchema.Trend.FIELD_NEGATIVE_SHARE, p.negativeShare())
        .addField(InfluxSchema.Trend.FIELD_NOVEL_COUNT, p.novelCount())
        .addField(InfluxSchema.Trend.FIELD_NOVEL_NEGATIVE, p.novelNegativeCount())
        .build();
  }

  /**
   * Tags topic and sentiment only (bounded); title, URL and the rest are fields. The timestamp is
   * the event time plus an id-derived offset below a millisecond: rewriting the article hits the
   * same point, two articles of one millisecond do not collide.
   */
  public static Point article(ScoredArticle a) {
    Point.Builder b =
        Point.measurement(InfluxSchema.Article.MEASUREMENT)
            .time(
                InfluxSchema.Article.timestampNanos(a.eventTime(), a.articleId()),
                TimeUnit.NANOSECONDS)
            .tag(InfluxSchema.Article.TAG_TOPIC, a.topic())
            .tag(InfluxSchema.Article.TAG_SENTIMENT, a.sentiment().label())
            .addField(InfluxSchema.Article.FIELD_ARTICLE_ID, a.articleId())
            .addField(InfluxSchema.Article.FIELD_TITLE, a.title())
            .addField(InfluxSchema.Article.FIELD_SOURCE, a.source())
            .addField(InfluxSchema.Article.FIELD_TICKERS, String.join(",", a.tickers()))
            .addField(InfluxSchema.Article.FIELD_SCORE, a.sentimentScore())
            .addField(InfluxSchema.Article.FIELD_P_NEGATIVE, a.sentimentProbabilities().negative())
            .addField(InfluxSchema.Article.FIELD_P_NEUTRAL, a.sentimentProbabilities().neutral())
            .addField(InfluxSchema.Article.FIELD_P_POSITIVE, a.sentimentProbabilities().positive())
            .addField(
                InfluxSchema.Article.FIELD_TOPIC_CONFIDENCE,
                a.topicProbabilities().getOrDefault(a.topic(), 0.0))
            .addField(InfluxSchema.Article.FIELD_MODEL_ID, a.modelId());
    if (!a.tickerSentiment().isEmpty()) {
      b.addField(
          InfluxSchema.Article.FIELD_TICKER_SENTIMENT,
          a.tickerSentiment().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + e.getValue().label().label())
              .collect(Collectors.joining(",")));
    }
    // InfluxDB has no null field: an article without a URL has no url field.
    if (a.url() != null) {
      b.addField(InfluxSchema.Article.FIELD_URL, a.url());
    }
    return b.build();
  }
}
