package com.finpulse.common.metrics;

import com.finpulse.common.config.InfluxSettings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.influx.InfluxApiVersion;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds a service's meter registry: an in-memory registry (status lines and tests read it), plus
 * JMX and InfluxDB as configured. Every meter carries a {@code service} tag.
 */
public final class MeterRegistries {

  private MeterRegistries() {}

  public static CompositeMeterRegistry create(
      String service, MetricsSettings settings, @Nullable InfluxSettings influx) {
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    composite.add(new SimpleMeterRegistry());
    if (settings.jmx()) {
      composite.add(new JmxMeterRegistry(JmxConfig.DEFAULT, Clock.SYSTEM));
    }
    if (settings.influx() && influx != null) {
      composite.add(new InfluxMeterRegistry(influxConfig(influx, settings.step()), Clock.SYSTEM));
    }
    composite.config().commonTags("service", service);
    return composite;
  }

  /** Sum of a counter's count across all its tag combinations; 0 when it does not exist. */
  public static double count(MeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static InfluxConfig influxConfig(InfluxSettings influx, Duration step) {
    return new InfluxConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String uri() {
        return influx.url();
      }

      @Override
      public String db() {
        return influx.database();
      }

      @Override
      public String userName() {
        return influx.username();
      }

      @Override
      public String password() {
        return influx.password();
      }

      @Override
      public String retentionPolicy() {
        return influx.retentionPolicy();
      }

      @Override
      public InfluxApiVersion apiVersion() {
        return InfluxApiVersion.V1;
      }

      @Override
      public boolean autoCreateDb() {
        return true;
      }

      @Override
      public Duration step() {
        return step;
      }
    };
  }
}
