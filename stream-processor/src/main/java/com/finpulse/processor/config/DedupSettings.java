package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * Duplicate suppression by article id.
 *
 * @param retention how long an id is remembered, measured on the articles' fetch times
 */
public record DedupSettings(Duration retention) implements Validated {

  @Override
  public void validate(Validation v) {
    v.check(
        retention != null && retention.compareTo(Duration.ofMinutes(1)) >= 0,
        "retention",
        "must be at least 1m");
  }
}
