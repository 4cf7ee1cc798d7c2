package com.finpulse.common.event;

/**
 * Class probabilities of one sentiment prediction.
 *
 * <p>The score is {@code p(positive) - p(negative)}, in [-1, 1].
 */
public record SentimentScores(double negative, double neutral, double positive) {

  public double score() {
    return positive - negative;
  }

  /** The most probable class; ties resolve towards neutral, then negative. */
  public Sentiment label() {
    if (neutral >= negative && neutral >= positive) {
      return Sentiment.NEUTRAL;
    }
    return negative >= positive ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
  }
}
