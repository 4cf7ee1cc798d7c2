package com.finpulse.alerts.route;

import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.alerts.event.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What each target has been told about each group, as Alertmanager's nflog: the firing alerts (with
 * severity) and the resolved alerts of the last notification that reached it (delivered or given
 * up). Rebuilt at start from the outcome records on the alerts topic, so a restart neither repeats
 * nor skips a notification.
 */
public final class NotificationLog {

  /** The last final notification of one group to one target. */
  public record Entry(Map<String, Severity> firing, Set<String> resolved, Instant at) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Every alert id each target was ever told about in each group, firing or resolved. */
  private final Map<String, Set<String>> told = new ConcurrentHashMap<>();

  public static String key(String subscription, String groupKey, String target) {
    return subscription + "\u0000" + groupKey + "\u0000" + target;
  }

  public @Nullable Entry get(String subscription, String groupKey, String target) {
    return entries.get(key(subscription, groupKey, target));
  }

  /** Whether {@code target} was ever told about {@code alertId} in this group. */
  public boolean wasTold(String subscription, String groupKey, String target, String alertId) {
    Set<String> ids = told.get(key(subscription, groupKey, target));
    return ids != null && ids.contains(alertId);
  }

  /** Applies a final outcome of an alert notification; other records are ignored. */
  public void record(NotificationOutcome o) {
    if (o.kind() != NotificationKind.ALERT || o.groupKey() == null || !o.outcome().isFinal()) {
      return;
    }
    if (o.outcome() == com.finpulse.alerts.event.DeliveryOutcome.SUPERSEDED) {
      return;
    }
    Map<String, Severity> firing = new HashMap<>();
    Set<String> resolved = new HashSet<>();
    for (NotifiedAlert a : o.alerts()) {
      if (a.status() == AlertStatus.FIRING) {
        firing.put(a.alertId(), a.severity());
      } else {
        resolved.add(a.alertId());
      }
    }
    String k = key(o.subscription(), o.groupKey(), o.target());
    Set<String> ids = told.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet());
    ids.addAll(firing.keySet());
    ids.addAll(resolved);
    entries.merge(
        k,
        new Entry(Map.copyOf(firing), Set.copyOf(resolved), o.at()),
        (old, neu) -> neu.at().isBefore(old.at()) ? old : neu);
  }

  public int size() {
    return entries.size();
  }
}
