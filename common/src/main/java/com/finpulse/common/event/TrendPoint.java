package com.finpulse.common.event;

import java.time.Instant;

/**
 * Aggregated sentiment of one key in one tumbling window, as published to {@code sentiment.trends}.
 * The processor emits a new point on every update of a window, so the latest point for (kind, key,
 * window, windowStart) is the current value.
 *
 * @param count articles in the window
 * @param meanScore mean of the articles' sentiment scores
 * @param negativeShare share of articles whose most probable class is negative
 * @param novelCount articles counted once per near-duplicate story (syndicated copies collapse)
 * @param novelNegativeCount negative articles, counted the same way
 */
public record TrendPoint(
    KeyKind keyKind,
    String key,
    TrendWindow window,
    Instant windowStart,
    Instant windowEnd,
    long negativeCount,
    long neutralCount,
    long positiveCount,
    long count,
    double meanScore,
    double negativeShare,
    long novelCount,
    long novelNegativeCount,
    Instant updatedAt) {

  public static final int SCHEMA_VERSION = 1;

  /** Kafka record key: stable per (kind, key, window), so a key's points stay in order. */
  public String recordKey() {
    return keyKind.label() + ":" + key + ":" + window.label();
  }
}
