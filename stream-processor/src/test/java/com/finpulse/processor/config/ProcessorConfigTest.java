package com.finpulse.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.processor.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigTest {

  @Test
  void theShippedDefaultsLoadAndPointAtTheLocalStack() {
    ProcessorConfig c = TestConfigs.shipped();
    assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(c.influx().url()).isEqualTo("http://127.0.0.1:18086");
    assertThat(c.influx().database()).isEqualTo("finpulse");
    assertThat(c.streams().applicationId()).isEqualTo("finpulse-processor");
    assertThat(c.streams().threads()).isEqualTo(1);
    assertThat(c.streams().commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.scoring().modelDir()).isEqualTo("models/default");
    assertThat(c.scoring().maxBatchSize()).isEqualTo(64);
    assertThat(c.scoring().maxDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.dedup().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.trends().windows())
        .containsExactly(TrendWindow.ONE_MINUTE, TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR);
    assertThat(c.trends().grace()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.topics().partitions()).isEqualTo(3);
  }

  @Test
  void modelCallsGrowOnAGpuAndStaySmallOnCpu() {
    ScoringSettings s = TestConfigs.shipped().scoring();
    assertThat(s.modelCallLimits(false)).isEqualTo(new ScoringSettings.ModelCallLimits(64, 16384));
    assertThat(s.modelCallLimits(true))
        .isEqualTo(new ScoringSettings.ModelCallLimits(1024, 131_072));
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    ProcessorConfig c =
        TestConfigs.shipped(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "FINPULSE_PROCESSOR_THREADS", "4",
                "FINPULSE_MODEL_DIR", "/opt/models/v2"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(c.streams().threads()).isEqualTo(4);
    assertThat(c.scoring().modelDir()).isEqualTo("/opt/models/v2");
  }

  @Test
  void mistakesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("processor.yml");
    Files.writeString(
        file,
        """
        scoring:
          max_batch_size: 64
          max_buffered: 100
        trends:
          windows: [1m, 1m]
        """);
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              List<String> problems = ((ConfigException) e).problems();
              assertThat(problems)
                  .anySatisfy(
                      p ->
                          assertThat(p)
                              .startsWith(
                                  file + ":3: scoring.max_buffered: must be at least twice"));
              assertThat(problems)
                  .anySatisfy(
                      p -> assertThat(p).startsWith(file + ":5: trends.windows: a window appears"));
            });
  }

  @Test
  void anUnknownKeyIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("processor.yml");
    Files.writeString(file, "scoring:\n  max_batch: 64\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":2: unknown key 'max_batch'");
  }
}
