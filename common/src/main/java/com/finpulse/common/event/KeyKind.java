package com.finpulse.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a trend or an alert is keyed by. */
public enum KeyKind {
  TOPIC,
  TICKER,
  /** All articles together: the market-wide view that inhibits per-topic alerts it explains. */
  MARKET;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static KeyKind fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
