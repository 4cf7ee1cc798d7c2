package com.finpulse.alerts.notify;

import com.finpulse.alerts.detect.AlertIds;
import com.finpulse.alerts.digest.DigestReport;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
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

  /** The record of what became of this notification (a digest's has no status). */
  public NotificationOutcome outcome(
      DeliveryOutcome outcome,
      int attempts,
      @Nullable Integer httpStatus,
      @Nullable String error,
      Instant at) {
    return new NotificationOutcome(
        id,
        kind,
        subscription,
        target.channel(),
        target.key(),
        groupKey,
        notifiedAlerts(),
        kind == NotificationKind.DIGEST ? null : status,
        outcome,
        attempts,
        httpStatus,
        error,
        at);
  }

  /** The record that {@code attempt} of this notification is about to be made. */
  public NotificationIntent intent(int attempt, Instant at) {
    return new NotificationIntent(
        id,
        kind,
        subscription,
        target.channel(),
        target.key(),
        groupKey,
        status,
        alerts.stream()
            .map(i -> new NotificationIntent.IntendedAlert(i.alert(), i.severity()))
            .toList(),
        digest,
        createdAt,
        attempt,
        at);
  }

  /**
   * The notification an intent recorded, to send again: the same id, content and creation time.
   *
   * @param target the intent's target, as the subscription defines it now (with its secrets)
   */
  public static Notification of(NotificationIntent intent, Target target) {
    if (!target.key().equals(intent.target()) || target.channel() != intent.channel()) {
      throw new IllegalArgumentException(
          "target " + target.key() + " is not the intent's " + intent.target());
    }
    return new Notification(
        intent.notificationId(),
        intent.kind(),
        intent.subscription(),
        target,
        intent.groupKey(),
        intent.status(),
        intent.alerts().stream().map(a -> new NotifiedItem(a.alert(), a.severity())).toList(),
        intent.digest(),
        intent.createdAt());
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
