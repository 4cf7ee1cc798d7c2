package com.finpulse.processor.aggregate;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;

/**
 * The running aggregate of one key in one window: counts per sentiment, the score sum and the
 * number of distinct stories, overall and among negative articles (kept by {@link StoryCounter},
 * which hands over each article's change in them). A few fixed fields, so updating a window costs
 * the same however many articles it holds. Mutable: Kafka Streams hands the aggregator a freshly
 * deserialised copy on every update.
 */
public final class TrendAggregate {

  long negative;
  long neutral;
  long positive;
  double scoreSum;
  long stories;
  long negativeStories;

  public TrendAggregate() {}

  TrendAggregate(
      long negative,
      long neutral,
      long positive,
      double scoreSum,
      long stories,
      long negativeStories) {
    this.negative = negative;
    this.neutral = neutral;
    this.positive = positive;
    this.scoreSum = scoreSum;
    this.stories = stories;
    this.negativeStories = negativeStories;
  }

  /** Adds one article's increment for the window at {@code windowIndex} of the configuration. */
  public TrendAggregate add(TrendIncrement c, int windowIndex) {
    switch (c.sentiment()) {
      case NEGATIVE -> negative++;
      case NEUTRAL -> neutral++;
      case POSITIVE -> positive++;
    }
    scoreSum += c.score();
    stories += c.storyDeltas()[windowIndex];
    negativeStories += c.negativeStoryDeltas()[windowIndex];
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
        stories,
        negativeStories,
        updatedAt);
  }
}
