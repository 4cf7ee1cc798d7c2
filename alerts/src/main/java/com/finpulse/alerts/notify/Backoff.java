package com.finpulse.alerts.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based) wait a random time between half
 * and all of {@code min(max, initial * 2^(n-1))}. The jitter spreads retries of many notifications
 * to one recovering server; the lower half bound keeps the growth.
 */
public record Backoff(Duration initial, Duration max) {

  public Duration before(int retry) {
    long base = initial.toMillis();
    long cap = max.toMillis();
    long d = base;
    for (int i = 1; i < retry && d < cap; i++) {
      d *= 2;
    }
    d = Math.min(d, cap);
    long half = d / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(d - half + 1));
  }
}
