package com.finpulse.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.LocalEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

  @TempDir Path dir;

  @Test
  void shippedDefaultsLoadAndValidate() {
    IngestConfig c = IngestConfig.load(new ConfigLoader(Map.of()), null);
    assertThat(c.kafka().bootstrapServers()).isEqualTo(LocalEndpoints.KAFKA_BOOTSTRAP);
    assertThat(c.producer().compression()).isEqualTo("zstd");
    assertThat(c.http().maxBodySize()).isEqualTo(ByteSize.ofMegabytes(5));
    assertThat(c.dedup().nearWindow()).isEqualTo(Duration.ofHours(48));
    // The built-in watchlist lives in the ticker package; the file only adds to it.
    assertThat(c.watchlist()).isEmpty();
    assertThat(c.enabledSources())
        .extracting(SourceSettings::name)
        .contains(
            "sec-edgar-8k",
            "cnbc-top-news",
            "nyt-business",
            "marketwatch-top-stories",
            "google-news-markets",
            "fed-press-releases");
    assertThat(c.sources()).extracting(SourceSettings::type).contains(SourceType.values());
    SourceSettings listing =
        c.sources().stream()
            .filter(s -> s.type() == SourceType.HTML_LISTING)
            .findFirst()
            .orElseThrow();
    assertThat(listing.enabled()).isFalse();
    assertThat(listing.linkPattern())
        .isEqualTo(".*/newsevents/pressreleases/[a-z]+\\d{8}[a-z]?\\.htm$");
    assertThat(c.replay().sourceName()).isEqualTo("replay");
    assertThat(c.simulate().speed()).isEqualTo("60");
    assertThat(c.stateDir()).isNull();
  }

  @Test
  void environmentExpands() {
    IngestConfig c =
        IngestConfig.load(
            new ConfigLoader(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "kafka:9092",
                    "FINPULSE_USER_AGENT",
                    "Desk/1.0 ops@bank.example",
                    "FINPULSE_PARTITIONS",
                    "12")),
            null);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(c.http().userAgent()).isEqualTo("Desk/1.0 ops@bank.example");
    assertThat(c.producer().topicPartitions()).isEqualTo(12);
  }

  @Test
  void userSourcesReplaceTheDefaultListAndOmittedKeysDefault() throws Exception {
    Path file = dir.resolve("ingest.yml");
    Files.writeString(
        file,
        """
        sources:
          - name: my-feed
            type: feed
            url: https://example.com/rss
        """);
    IngestConfig c = IngestConfig.load(new ConfigLoader(Map.of()), file);
    assertThat(c.sources()).hasSize(1);
    SourceSettings s = c.sources().get(0);
    assertThat(s.enabled()).isTrue();
    assertThat(s.pollInterval()).isEqualTo(SourceSettings.DEFAULT_POLL_INTERVAL);
    assertThat(s.maxItems()).isEqualTo(50);
    assertThat(s.fetchArticles()).isFalse();
  }

  @Test
  void mistakesAreReportedWithFileAndLine() throws Exception {
    Path file = dir.resolve("ingest.yml");
    Files.writeString(
        file,
        """
        producer:
          compression: brotli
        sources:
          - name: Bad Name
            type: html_listing
            url: not-a-url
            poll_interval: 1s
          - name: dup
            type: feed
            url: https://a.example/rss
          - name: dup
            type: feed
            url: https://b.example/rss
        """);
    assertThatThrownBy(() -> IngestConfig.load(new ConfigLoader(Map.of()), file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              var problems = ((ConfigException) e).problems();
              assertThat(problems)
                  .anyMatch(p -> p.startsWith(file + ":2: producer.compression: must be one of"));
              assertThat(problems).anyMatch(p -> p.startsWith(file + ":4: sources[0].name:"));
              assertThat(problems).anyMatch(p -> p.startsWith(file + ":6: sources[0].url:"));
              assertThat(problems)
                  .anyMatch(
                      p ->
                          p.startsWith(
                              file + ":7: sources[0].poll_interval: must be at least 10s"));
              assertThat(problems)
                  .anyMatch(
                      p ->
                          p.contains(
                              "sources[0].link_selector: html_listing needs a CSS selector"));
              assertThat(problems)
                  .anyMatch(p -> p.startsWith(file + ":11: sources[2].name: 'dup' is used twice"));
            });
  }

  @Test
  void unknownKeysAndTypesAreErrors() throws Exception {
    Path file = dir.resolve("ingest.yml");
    Files.writeString(
        file, "sources:\n  - name: x\n    type: podcast\n    url: https://a.example/\n");
    assertThatThrownBy(() -> IngestConfig.load(new ConfigLoader(Map.of()), file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file + ":3");
    Files.writeString(file, "politeness:\n  host_intervall: 2s\n");
    assertThatThrownBy(() -> IngestConfig.load(new ConfigLoader(Map.of()), file))
        .hasMessageContaining("unknown key 'host_intervall'");
  }

  @Test
  void sizesAndSpeeds() {
    assertThat(ByteSize.parse("512KB").bytes()).isEqualTo(512 * 1024);
    assertThat(ByteSize.parse("5 mb").bytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(ByteSize.parse("100").bytes()).isEqualTo(100);
    assertThatThrownBy(() -> ByteSize.parse("5 parsecs"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Speed.parse("max").isMax()).isTrue();
    assertThat(Speed.parse("60").realTime(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> Speed.parse("0")).hasMessageContaining("positive number or max");
    assertThatThrownBy(() -> Speed.parse("fast")).hasMessageContaining("positive number or max");
  }
}
