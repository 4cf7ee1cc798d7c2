package com.finpulse.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An article with the model's verdict, as the stream processor publishes it to {@code news.scored}.
 * It carries what the aggregates, the InfluxDB sink and the alert evidence need, not the body.
 *
 * @param eventTime the article's {@link NewsArticle#eventTime()}, used for windowing
 * @param sentimentScore {@code p(positive) - p(negative)}
 * @param topicProbabilities probability per topic name, for every topic the model knows
 * @param modelId identifies the model that scored it (name and weights hash)
 * @param tickerSentiment the sentiment toward each of its tickers (target-dependent: "A rallies
 *     while B slumps" is positive for A and negative for B); empty when the model has no entity
 *     head or the record was written before schema version 2
 */
public record ScoredArticle(
    String articleId,
    String source,
    @Nullable String url,
    String title,
    @Nullable Instant publishedAt,
    Instant fetchedAt,
    Instant eventTime,
    List<String> tickers,
    String fingerprint,
    Sentiment sentiment,
    SentimentScores sentimentProbabilities,
    double sentimentScore,
    String topic,
    Map<String, Double> topicProbabilities,
    String modelId,
    Instant scoredAt,
    Map<String, SentimentScores> tickerSentiment) {

  /** Version 2 added {@code ticker_sentiment}. */
  public static final int SCHEMA_VERSION = 2;

  public ScoredArticle {
    tickers = tickers == null ? List.of() : List.copyOf(tickers);
    topicProbabilities = topicProbabilities == null ? Map.of() : Map.copyOf(topicProbabilities);
    tickerSentiment = tickerSentiment == null ? Map.of() : Map.copyOf(tickerSentiment);
  }

  /** The sentiment toward {@code ticker}: its own where the model gave one, else the article's. */
  public SentimentScores sentimentToward(String ticker) {
    SentimentScores own = tickerSentiment.get(ticker);
    return own == null ? sentimentProbabilities : own;
  }
}
