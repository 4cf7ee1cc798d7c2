package com.finpulse.ingest.source;

import com.finpulse.ingest.config.Speed;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces a finite source: an event {@code t} after the first one is released {@code t / speed} after
 * the first was, on the real clock; at {@code max} nothing waits.
 */
final class Pacer {

  private final Speed speed;
  private Instant firstEvent;
  private long firstNanos;

  Pacer(Speed speed) {
    this.speed = speed;
  }

  /** Sleeps until the event at {@code eventTime} is due. */
  void awaitTurn(Instant eventTime) throws InterruptedException {
    if (speed.isMax()) {
      return;
    }
    if (firstEvent == null) {
      firstEvent = eventTime;
      firstNanos = System.nanoTime();
      return;
    }
    Duration offset = speed.realTime(Duration.between(firstEvent, eventTime));
    long wait = firstNanos + offset.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }
}
