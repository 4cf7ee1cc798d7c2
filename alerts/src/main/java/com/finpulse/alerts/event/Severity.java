package com.finpulse.alerts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Alert severities, ordered: a subscription's minimum severity admits this one and above. */
public enum Severity {
  WARNING,
  CRITICAL;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity minimum) {
    return compareTo(minimum) >= 0;
  }

  @JsonCreator
  public static Severity fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
