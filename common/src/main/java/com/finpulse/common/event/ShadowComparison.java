package com.finpulse.common.event;

import java.time.Instant;

/**
 * One article scored by the serving model and, beside it, by the candidate in shadow, as a stream
 * processor publishes it on {@code models.shadow} (key: article id). The candidate's verdict never
 * reaches trends or alerts. Agreement per topic groups by {@code servingTopic}, the topic the
 * article is counted under. At least once: an article scored again after a crash or a rebalance may
 * be compared twice (same key, same verdicts).
 */
public record ShadowComparison(
    String articleId,
    String title,
    String servingModel,
    Sentiment servingSentiment,
    String servingTopic,
    String candidateModel,
    Sentiment candidateSentiment,
    String candidateTopic,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public boolean sentimentAgrees() {
    return servingSentiment == candidateSentiment;
  }

  public boolean topicAgrees() {
    return servingTopic.equals(candidateTopic);
  }
}
