package com.finpulse.common.metrics;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * Where a service publishes its meters.
 *
 * @param influx also push meters to InfluxDB (the service's influx settings), for the
 *     pipeline-health dashboard
 * @param jmx expose meters over JMX
 * @param step how often meters are pushed to InfluxDB
 */
public record MetricsSettings(boolean influx, boolean jmx, Duration step) implements Validated {

  public MetricsSettings {
    step = step == null ? Duration.ofSeconds(10) : step;
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(true, true, Duration.ofSeconds(10));
  }

  @Override
  public void validate(Validation v) {
    v.check(step.compareTo(Duration.ofSeconds(1)) >= 0, "step", "must be at least 1s");
  }
}
