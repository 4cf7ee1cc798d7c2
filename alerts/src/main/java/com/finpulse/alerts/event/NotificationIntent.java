package com.finpulse.alerts.event;

import com.finpulse.alerts.digest.DigestReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A notification about to be sent: written to the {@code alerts} topic, and acknowledged, before
 * every attempt, so that a notification is never lost when the service dies between sending it and
 * recording its {@link NotificationOutcome}. An intent without a final outcome is sent again after
 * a restart or by the instance that takes delivery over, with the same content and the same
 * idempotency key. It holds everything needed to send it again except the target's secrets, which
 * come from the subscription.
 *
 * @param notificationId the notification's id: the webhook idempotency key, the e-mail Message-ID
 * @param target the target's key ({@code Target.key()}): an address or a redacted webhook name
 * @param groupKey the routing group; for digests {@code digest/subscription/local-date}; absent for
 *     tests
 * @param status the notification's overall status
 * @param alerts the alerts as the notification presents them, each with the subscription's severity
 * @param digest the report, for a digest
 * @param createdAt when the notification was made
 * @param attempt the attempt this intent precedes, counting from 1
 * @param at when the intent was recorded
 */
public record NotificationIntent(
    String notificationId,
    NotificationKind kind,
    String subscription,
    NotificationChannel channel,
    String target,
    @Nullable String groupKey,
    AlertStatus status,
    List<IntendedAlert> alerts,
    @Nullable DigestReport digest,
    Instant createdAt,
    int attempt,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public NotificationIntent {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** An alert in the state the notification presents, with the subscription's severity. */
  public record IntendedAlert(Alert alert, Severity severity) {}
}
