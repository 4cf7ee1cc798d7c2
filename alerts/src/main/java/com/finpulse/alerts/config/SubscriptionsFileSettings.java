package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code subscriptions.yml} is and how often it is checked for changes.
 *
 * @param file empty: {@code subscriptions.yml} in the config directory
 */
public record SubscriptionsFileSettings(@Nullable String file, Duration reloadInterval)
    implements Validated {

  public SubscriptionsFileSettings {
    file = file == null || file.isBlank() ? null : file.trim();
  }

  @Override
  public void validate(Validation v) {
    v.check(
        reloadInterval.compareTo(Duration.ofMillis(100)) >= 0,
        "reload_interval",
        "must be at least 100ms");
  }
}
