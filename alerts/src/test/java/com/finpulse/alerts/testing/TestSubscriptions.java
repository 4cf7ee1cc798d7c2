package com.finpulse.alerts.testing;

import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.Subscription;
import java.util.List;

/** Subscriptions for tests. */
public final class TestSubscriptions {

  private TestSubscriptions() {}

  /**
   * A subscription to {@code topics}, every window, warnings and up, with the shipped thresholds.
   */
  public static Subscription topics(String name, List<String> topics, Channels channels) {
    return new Subscription(
        name, topics, List.of(), false, List.of(), Severity.WARNING, null, null, channels, null);
  }
}
