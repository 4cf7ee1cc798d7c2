package com.finpulse.alerts.detect;

import com.finpulse.common.event.TrendPoint;
import java.time.Instant;

/**
 * What the detector takes from one state of a window.
 *
 * @param count all articles, syndicated copies included (reported, never scored)
 * @param novelCount articles counted once per story
 * @param novelNegative negative articles counted once per story
 * @param updatedAt when the processor emitted this state of the window
 */
public record Observation(
    long count, long novelCount, long novelNegative, double meanScore, Instant updatedAt) {

  public static Observation of(TrendPoint p) {
    return ofCounts(
        p.count(), p.novelCount(), p.novelNegativeCount(), p.meanScore(), p.updatedAt());
  }

  /** From a window's counts as the processor reports them (also read back from InfluxDB). */
  public static Observation ofCounts(
      long count, long novelCount, long novelNegative, double meanScore, Instant updatedAt) {
    return new Observation(
        count, novelCount, Math.min(novelNegative, novelCount), meanScore, updatedAt);
  }

  /** A window in which no article arrived. */
  public static Observation empty(Instant at) {
    return new Observation(0, 0, 0, 0, at);
  }

  /** Novelty-adjusted negative share; 0 for an empty window. */
  public double share() {
    return novelCount == 0 ? 0 : (double) novelNegative / novelCount;
  }
}
