package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.TrendWindow;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Windowed aggregation.
 *
 * @param windows tumbling window sizes to aggregate over
 * @param grace how long after a window's end late articles are still counted in it
 */
public record TrendSettings(List<TrendWindow> windows, Duration grace) implements Validated {

  public TrendSettings {
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  @Override
  public void validate(Validation v) {
    v.check(!windows.isEmpty(), "windows", "name at least one of 1m, 5m, 1h");
    v.check(new HashSet<>(windows).size() == windows.size(), "windows", "a window appears twice");
    v.check(
        grace != null && !grace.isNegative() && grace.compareTo(Duration.ofDays(1)) <= 0,
        "grace",
        "must be between 0s and 1d");
  }
}
