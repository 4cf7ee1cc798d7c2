package com.finpulse.alerts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of one delivery attempt or of a delivery as a whole. */
public enum DeliveryOutcome {
  /** The target accepted it (SMTP 250, HTTP 2xx). Final. */
  DELIVERED,
  /** One attempt failed; it is retried with backoff. Not final. */
  FAILED,
  /** Every allowed attempt failed, or the target refused it for good. Final. */
  DEAD_LETTER,
  /** Replaced, before it was delivered, by a newer notification of the same group. Final. */
  SUPERSEDED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != FAILED;
  }

  @JsonCreator
  public static DeliveryOutcome fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
