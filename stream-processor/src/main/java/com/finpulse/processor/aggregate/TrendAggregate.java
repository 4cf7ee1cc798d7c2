package com.finpulse.processor.aggregate;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;

/**
 * The running aggregate of one key in one window: counts per sentiment, the score sum and the
 * distinct stories, overall and among negative articles. Mutable: Kafka Streams hands the
 * aggregator a freshly deserialised copy on every update.
 */
public final class TrendAggregate {

  long negative;
  long neutral;
  long positive;
  double scoreSum;
  final StoryClusters stories;
  final StoryClusters negativeStories;

  public TrendAggregate() {
    this(0, 0, 0, 0, new StoryClusters(), new StoryClusters());
  }

  TrendAggregate(
      long negative,
      long neutral,
      long positive,
      double scoreSum,
      StoryClusters stories,
      StoryClusters negativeStories) {
    this.negative = negative;
    this.neutral = neutral;
    this.positive = positive;
    this.scoreSum = scoreSum;
    this.stories = stories;
    this.negativeStories = negativeStories;
  }

  public TrendAggregate add(TrendContribution c) {
    switch (c.sentiment()) {
      case NEGATIVE -> negative++;
      case NEUTRAL -> neutral++;
      case POSITIVE -> positive++;
    }
    scoreSum += c.score();
    stories.add(c.fingerprint());
    if (c.sentiment() == Sentiment.NEGATIVE) {
      negativeStories.add(c.fingerprint());
    }
    return this;
  }

  public long count() {
    return negative + neutral + positive;
  }

  public TrendPoint toPoint(
      KeyKind kind, String key, TrendWindow window, Instant windowStart, Instant updatedAt) {
    long count = count();
    return new TrendPoint(
        kind,
        key,
        window,
        windowStart,
        windowStart.plus(window.size()),
        negative,
        neutral,
        positive,
        count,
        count == 0 ? 0 : scoreSum / count,
        count == 0 ? 0 : (double) negative / count,
        stories.stories(),
        negativeStories.stories(),
        updatedAt);
  }
}
