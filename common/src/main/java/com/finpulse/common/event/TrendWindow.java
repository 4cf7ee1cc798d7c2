package com.finpulse.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/** The tumbling window sizes trends are aggregated over. */
public enum TrendWindow {
  ONE_MINUTE("1m", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  ONE_HOUR("1h", Duration.ofHours(1));

  private final String label;
  private final Duration size;

  TrendWindow(String label, Duration size) {
    this.label = label;
    this.size = size;
  }

  /** Short label used in JSON, InfluxDB tags, config and dashboards: {@code 1m}, {@code 5m}. */
  @JsonValue
  public String label() {
    return label;
  }

  public Duration size() {
    return size;
  }

  @JsonCreator
  public static TrendWindow fromLabel(String label) {
    for (TrendWindow w : values()) {
      if (w.label.equals(label) || w.name().equals(label)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown window '" + label + "': expected one of 1m, 5m, 1h");
  }
}
