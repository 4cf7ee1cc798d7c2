package com.finpulse.alerts.testing;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.time.Duration;
import java.time.Instant;

/** Trend points as the stream processor emits them, for tests that feed the detector. */
public final class TestTrends {

  private TestTrends() {}

  /**
   * A closed one-minute window of a topic: {@code novel} stories (all novel), {@code negative} of
   * them negative, the rest positive.
   */
  public static TrendPoint topicMinute(
      String topic, Instant windowStart, long novel, long negative) {
    return new TrendPoint(
        KeyKind.TOPIC,
        topic,
        TrendWindow.ONE_MINUTE,
        windowStart,
        windowStart.plus(Duration.ofMinutes(1)),
        negative,
        novel - negative,
        0,
        novel,
        -0.6 * negative / Math.max(1, novel),
        (double) negative / Math.max(1, novel),
        novel,
        negative,
        Instant.now());
  }
}
