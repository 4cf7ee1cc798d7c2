package com.finpulse.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.service.Collaborators;
import com.finpulse.ingest.simulate.HeadlineGenerator;
import com.finpulse.ingest.simulate.Scenario;
import com.finpulse.ingest.testing.CashtagTickerFinder;
import com.finpulse.ingest.testing.SimpleArticleExtractor;
import com.finpulse.ingest.ticker.TickerFinder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./finpulse ingest run} with a finite source, against a real broker. */
class RunSubcommandIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @TempDir Path dir;

  @Test
  void simulateRunsToTheEndAndSummarises() throws Exception {
    Path config = dir.resolve("ingest.yml");
    Files.writeString(
        config,
        "kafka:\n  bootstrap_servers: "
            + KAFKA.bootstrapServers()
            + "\nsimulate:\n  duration: 15m\n  spike_start: 5m\n  spike_length: 2m\n  speed: max\n");
    Collaborators doubles =
        new Collaborators() {
          @Override
          public ArticleExtractor articleExtractor(IngestConfig c) {
            return new SimpleArticleExtractor();
          }

          @Override
          public TickerFinder tickerFinder(IngestConfig c) {
            return new CashtagTickerFinder();
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new RunSubcommand(doubles)
            .run(
                new String[] {
                  "--source",
                  "simulate:spike",
                  "--config",
                  config.toString(),
                  "--state-dir",
                  dir.resolve("state").toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode summary = JsonCodec.mapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
    int expected =
        new HeadlineGenerator(IngestConfig.load(new ConfigLoader(Map.of()), config).simulate())
            .generate(Scenario.SPIKE)
            .size();
    assertThat(summary.get("source").asText()).isEqualTo("simulate:spike");
    assertThat(summary.get("published").asLong()).isEqualTo(expected);
    assertThat(summary.get("duplicates").asLong()).isZero();
    assertThat(summary.get("errors").asLong()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Ingest running (simulate:spike, speed max)")
        .contains("simulate [");
  }

  @Test
  void usageErrors() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RunSubcommand()
                    .run(new String[] {"--source", "tv"}, new PrintStream(out), System.err))
        .hasMessageContaining("--source must be live, replay:FILE or simulate:SCENARIO");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RunSubcommand()
                    .run(
                        new String[] {"--source", "simulate:calm"},
                        new PrintStream(out),
                        System.err))
        .hasMessageContaining("unknown scenario 'calm'; known: [steady, spike]");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RunSubcommand()
                    .run(new String[] {"--speed", "fast"}, new PrintStream(out), System.err))
        .hasMessageContaining("--speed must be a positive number or max");
    assertThat(new RunSubcommand().run(new String[] {"--help"}, new PrintStream(out), System.err))
        .isZero();
  }
}
