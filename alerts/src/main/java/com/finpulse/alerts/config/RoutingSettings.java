package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Alertmanager's grouping timers, one group per (subscription, key).
 *
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long after a notification the group is notified again about changes
 * @param repeatInterval how long an unchanged, still firing group waits before it is repeated
 * @param criticalGroupWait how long a group waits at most before it notifies a critical alert new
 *     to it (a new alert, or one that escalated to critical): shortens {@code group_wait} and
 *     {@code group_interval} for critical news; null: critical alerts wait like the others
 */
public record RoutingSettings(
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    @Nullable Duration criticalGroupWait)
    implements Validated {

  /** Timers with no fast path for critical alerts: they wait like the others. */
  public RoutingSettings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    this(groupWait, groupInterval, repeatInterval, null);
  }

  @Override
  public void validate(Validation v) {
    v.check(!groupWait.isNegative(), "group_wait", "must not be negative");
    v.check(
        criticalGroupWait == null || !criticalGroupWait.isNegative(),
        "critical_group_wait",
        "must not be negative");
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
