package com.finpulse.alerts.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one notification to one target, as the alerts service records it on the {@code
 * alerts} topic next to the {@link Alert}s (the {@code finpulse.schema} header tells them apart).
 * The log of these records is also the service's notification log: on start it reads them back to
 * know what every target has already been told.
 *
 * @param notificationId identifies the notification's content for one target; sent as the webhook
 *     idempotency key and in the e-mail Message-ID, so a retried delivery can be recognised
 * @param subscription name of the subscription it was sent for
 * @param target the recipient e-mail address, or the webhook's {@code scheme://host} plus a short
 *     hash of its full URL (URLs may embed tokens, so they are never recorded whole)
 * @param groupKey the routing group ({@code subscription/key_kind:key}); for digests {@code
 *     digest/subscription/local-date}; absent for tests
 * @param alerts the alerts the notification presented, with their state at the time
 * @param status the notification's overall status: firing while any of its alerts fires
 * @param attempts attempts made so far, this one included
 * @param httpStatus the webhook's HTTP status of the last attempt, when there was one
 * @param error why the last attempt failed; never contains secrets
 * @param at when this outcome was recorded
 */
public record NotificationOutcome(
    String notificationId,
    NotificationKind kind,
    String subscription,
    NotificationChannel channel,
    String target,
    @Nullable String groupKey,
    List<NotifiedAlert> alerts,
    @Nullable AlertStatus status,
    DeliveryOutcome outcome,
    int attempts,
    @Nullable Integer httpStatus,
    @Nullable String error,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public NotificationOutcome {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
