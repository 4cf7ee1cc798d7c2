package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * Alertmanager's grouping timers, one group per (subscription, key).
 *
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long after a notification the group is notified again about changes
 * @param repeatInterval how long an unchanged, still firing group waits before it is repeated
 */
public record RoutingSettings(Duration groupWait, Duration groupInterval, Duration repeatInterval)
    implements Validated {

  @Override
  public void validate(Validation v) {
    v.check(!groupWait.isNegative(), "group_wait", "must not be negative");
    v.check(
        groupInterval.compareTo(Duration.ofMillis(100)) >= 0,
        "group_interval",
        "must be at least 100ms");
    v.check(
        repeatInterval.compareTo(groupInterval) >= 0,
        "repeat_interval",
        "must be at least group_interval (" + groupInterval + ")");
  }
}
