package com.finpulse.model.serve;

import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import java.util.Map;

/**
 * The model's verdict on one text.
 *
 * @param sentimentScores probabilities of negative, neutral, positive
 * @param topic the most probable topic
 * @param topicProbabilities probability of every topic, by name
 */
public record Prediction(
    SentimentScores sentimentScores, String topic, Map<String, Double> topicProbabilities) {

  public Prediction {
    topicProbabilities = Map.copyOf(topicProbabilities);
  }

  public Sentiment sentiment() {
    return sentimentScores.label();
  }

  /** {@code p(positive) - p(negative)}, in [-1, 1]. */
  public double sentimentScore() {
    return sentimentScores.score();
  }

  public double topicConfidence() {
    return topicProbabilities.getOrDefault(topic, 0.0);
  }
}
