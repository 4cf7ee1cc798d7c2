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

  /**
   * Total count of a counter since start, summed across its tag combinations; 0 when it does not
   * exist. On a composite it reads the cumulative in-memory child: a composite counter answers from
   * an arbitrary child, and a push registry's (InfluxDB's) counters only hold the last step.
   */
  public static double count(MeterRegistry registry, String name) {
    return cumulative(registry).find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** Like {@link #count} for one tag value. */
  public static double count(MeterRegistry registry, String name, String tag, String value) {
    return cumulative(registry).find(name).tag(tag, value).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static MeterRegistry cumulative(MeterRegistry registry) {
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry child : composite.getRegistries()) {
        if (child instanceof SimpleMeterRegistry) {
          return child;
        }
      }
    }
    return registry;
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
