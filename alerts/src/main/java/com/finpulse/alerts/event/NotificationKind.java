package com.finpulse.alerts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a notification is about. */
public enum NotificationKind {
  /** Firing or resolved alerts of one group. */
  ALERT,
  /** The daily digest of a subscription. */
  DIGEST,
  /** A test message requested through the API. */
  TEST;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NotificationKind fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
