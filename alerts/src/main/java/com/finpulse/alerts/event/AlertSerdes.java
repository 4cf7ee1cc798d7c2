package com.finpulse.alerts.event;

import com.finpulse.common.serde.EventSerde;

/**
 * The serdes of the alerts service's own events on the {@code alerts} topic: {@link Alert}s, {@link
 * NotificationIntent}s and {@link NotificationOutcome}s, told apart by the {@code finpulse.schema}
 * header (a reader skips types it does not know).
 */
public final class AlertSerdes {

  private static final EventSerde<Alert> ALERT =
      new EventSerde<>(Alert.class, Alert.SCHEMA_VERSION);
  private static final EventSerde<NotificationOutcome> NOTIFICATION_OUTCOME =
      new EventSerde<>(NotificationOutcome.class, NotificationOutcome.SCHEMA_VERSION);
  private static final EventSerde<NotificationIntent> NOTIFICATION_INTENT =
      new EventSerde<>(NotificationIntent.class, NotificationIntent.SCHEMA_VERSION);

  private AlertSerdes() {}

  public static EventSerde<Alert> alert() {
    return ALERT;
  }

  /** Shares the {@code alerts} topic with {@link #alert()}; the schema header tells them apart. */
  public static EventSerde<NotificationOutcome> notificationOutcome() {
    return NOTIFICATION_OUTCOME;
  }

  /** Shares the {@code alerts} topic with {@link #alert()}; the schema header tells them apart. */
  public static EventSerde<NotificationIntent> notificationIntent() {
    return NOTIFICATION_INTENT;
  }
}
