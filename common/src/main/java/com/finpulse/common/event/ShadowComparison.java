package com.finpulse.common.event;

import java.time.Instant;

/**
 * One article scored by the serving model and, beside it, by the candidate in shadow, as a stream
 * processor publishes it on {@code models.shadow} (key: article id). The candidate's verdict never
 * reaches trends or alerts.
 *
 * @param topic the serving model's topic of the article (agreement is shown per topic)
 */
public record ShadowComparison(
    String articleId,
    String title,
    String topic,
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
