package com.finpulse.processor.aggregate;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;

/**
 * What one scored article adds to the trend of one key: all the aggregation needs, so the
 * repartition topic carries 17 bytes per key instead of the whole article.
 */
public record TrendContribution(Sentiment sentiment, double score, long fingerprint) {

  public static TrendContribution of(ScoredArticle a) {
    return new TrendContribution(
        a.sentiment(), a.sentimentScore(), ContentFingerprint.toLong(a.fingerprint()));
  }
}
