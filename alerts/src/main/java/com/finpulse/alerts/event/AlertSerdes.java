package com.finpulse.alerts.event;

import com.finpulse.common.serde.EventSerde;

/**
 * The serdes of the alerts service's own events on the {@code alerts} topic: {@link Alert}s and
 * {@link NotificationOutcome}s, told apart by the {@code finpulse.schema} header.
 */
public final class AlertSerdes {

  private static final EventSerde<Alert> ALERT =
      new EventSerde<>(Alert.class, Alert.SCHEMA_VERSION);
  private static final EventSerde<NotificationOutcome> NOTIFICATION_OUTCOME =
      new EventSerde<>(NotificationOutcome.class, NotificationOutcome.SCHEMA_VERSION);

  private AlertSerdes() {}

  public static EventSerde<Alert> alert() {
    return ALERT;
  }

  /** Shares the {@code alerts} topic with {@link #alert()}; the schema header tells them apart. */
  public static EventSerde<NotificationOutcome> notificationOutcome() {
    return NOTIFICATION_OUTCOME;
  }
}
