package com.finpulse.alerts.detect;

import com.finpulse.common.event.TrendPoint;

/** One hour of one key, from the processor's 1h trend points: what the daily digest aggregates. */
public record HourStats(
    long count, long negativeCount, long novelCount, long novelNegative, double meanScore) {

  public static HourStats of(TrendPoint p) {
    return new HourStats(
        p.count(), p.negativeCount(), p.novelCount(), p.novelNegativeCount(), p.meanScore());
  }
}
