package com.finpulse.alerts.route;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The alerts of one key for one subscription, and when the group is next flushed. */
final class AlertGroup {

  final String subscription;
  final String groupKey;
  final Map<String, GroupAlert> alerts = new LinkedHashMap<>();

  /** Alerts already counted as suppressed, by reason, so a long silence counts once. */
  final Set<String> suppressionCounted = new HashSet<>();

  /**
   * Alerts left out of a flush while they fired because a silence or an inhibition muted them: if
   * they resolve unseen, the subscriber is not told they fired.
   */
  final Set<String> mutedWhileFiring = new HashSet<>();

  Instant nextFlush;

  /** Changed since the last flush: a notification may be due. */
  boolean dirty = true;

  AlertGroup(String subscription, String groupKey, Instant nextFlush) {
    this.subscription = subscription;
    this.groupKey = groupKey;
    this.nextFlush = nextFlush;
  }
}
