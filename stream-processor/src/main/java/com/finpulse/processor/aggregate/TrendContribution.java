package com.finpulse.processor.aggregate;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;

/**
 * What one scored article adds to the trend of one key: all the aggregation needs, so the
 * repartition topic carries 17 bytes per key instead of the whole article.
 */
public record TrendContribution(Sentiment sentiment, double score, long fingerprint) {

  public static TrendContribution of(ScoredArticle a) {
    return new TrendContribution(
        a.sentiment(), a.sentimentScore(), ContentFingerprint.toLong(a.fingerprint()));
  }

  /**
   * What the article adds to one ticker's trend: the sentiment toward that ticker where the model
   * gave one ("A rallies while B slumps" counts positive for A, negative for B), else the
   * article's.
   */
  public static TrendContribution toward(ScoredArticle a, String ticker) {
    SentimentScores s = a.sentimentToward(ticker);
    return new TrendContribution(s.label(), s.score(), ContentFingerprint.toLong(a.fingerprint()));
  }
}
