package com.finpulse.processor.testing;

import com.finpulse.common.config.ConfigLoader;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.ScoringSettings;
import java.time.Duration;
import java.util.Map;

/** The shipped processor.yml, bound as the service would, with test servers. */
public final class TestConfigs {

  private TestConfigs() {}

  public static ProcessorConfig shipped(Map<String, String> env) {
    return new ConfigLoader(env).load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, null);
  }

  public static ProcessorConfig shipped() {
    return shipped(Map.of());
  }

  public static ProcessorConfig against(String bootstrapServers, String influxUrl) {
    return shipped(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "INFLUX_URL", influxUrl));
  }

  public static ScoringSettings scoring(int maxBatch, Duration maxDelay, int maxBuffered) {
    return new ScoringSettings(
        "models/default",
        "models/registry",
        maxBatch,
        maxDelay,
        16384,
        maxBuffered,
        Duration.ofMillis(100),
        1024,
        131_072);
  }
}
