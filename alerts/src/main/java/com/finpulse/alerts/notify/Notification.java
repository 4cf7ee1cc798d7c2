package com.finpulse.alerts.notify;

import com.finpulse.alerts.detect.AlertIds;
import com.finpulse.alerts.digest.DigestReport;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotifiedAlert;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message to one target.
 *
 * @param id identifies the content for this target: the webhook idempotency key and the e-mail
 *     Message-ID; the same after a retry or a restart, different for a repeat
 * @param groupKey {@code subscription/key_kind:key}; absent for digests and tests
 * @param status firing while any of {@code alerts} fires
 * @param alerts the firing alerts first, then the resolved ones
 * @param digest the report, for a digest
 * @param createdAt when the router (or the digest scheduler, or the API) made it
 */
public record Notification(
    String id,
    NotificationKind kind,
    String subscription,
    Target target,
    @Nullable String groupKey,
    AlertStatus status,
    List<NotifiedItem> alerts,
    @Nullable DigestReport digest,
    Instant createdAt) {

  public Notification {
    alerts = List.copyOf(alerts);
  }

  public List<NotifiedItem> firing() {
    return alerts.stream().filter(i -> i.alert().status() == AlertStatus.FIRING).toList();
  }

  public List<NotifiedItem> resolved() {
    return alerts.stream().filter(i -> i.alert().status() == AlertStatus.RESOLVED).toList();
  }

  public List<NotifiedAlert> notifiedAlerts() {
    return alerts.stream()
        .map(i -> new NotifiedAlert(i.alert().id(), i.alert().status(), i.severity()))
        .toList();
  }

  /**
   * The id of a notification with this content: a hash of the subscription, group, target, each
   * alert's id, status and severity, and {@code previous} (the time of the last notification this
   * target got for the group, so a repeat gets a new id).
   */
  public static String idFor(
      String subscription,
      @Nullable String groupKey,
      Target target,
      List<NotifiedItem> alerts,
      @Nullable Instant previous) {
    StringBuilder sb = new StringBuilder("notification\u0000");
    sb.append(subscription).append('\u0000').append(groupKey).append('\u0000');
    sb.append(target.key()).append('\u0000').append(previous);
    alerts.stream()
        .sorted(Comparator.comparing((NotifiedItem i) -> i.alert().id()))
        .forEach(
            i ->
                sb.append('\u0000')
                    .append(i.alert().id())
                    .append(':')
                    .append(i.alert().status().label())
                    .append(':')
                    .append(i.severity().label()));
    return AlertIds.sha256Hex(sb.toString(), 16);
  }
}
