package com.finpulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("service.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsLoadWithEmbeddedEndpoints() {
    SampleServiceConfig c =
        new ConfigLoader(Map.of()).load(SampleServiceConfig.class, "sample-service.yml", null);
    assertThat(c.kafka().bootstrapServers()).isEqualTo(LocalEndpoints.KAFKA_BOOTSTRAP);
    assertThat(c.influx().url()).isEqualTo(LocalEndpoints.INFLUX_URL);
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.feeds()).hasSize(1);
  }

  @Test
  void environmentOverridesDefaults() {
    SampleServiceConfig c =
        new ConfigLoader(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "INFLUX_URL", "http://influx:8086/"))
            .load(SampleServiceConfig.class, "sample-service.yml", null);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(c.influx().url()).isEqualTo("http://influx:8086");
  }

  @Test
  void userFileMergesOverDefaultsAndReplacesLists() throws IOException {
    Path file =
        write(
            """
            poll_interval: 1h30m
            feeds:
              - name: a
                url: https://a.example/rss
                max_items: 5
              - name: b
                url: https://b.example/rss
                max_items: 7
            """);
    SampleServiceConfig c =
        new ConfigLoader(Map.of()).load(SampleServiceConfig.class, "sample-service.yml", file);
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.feeds()).extracting(SampleServiceConfig.Feed::name).containsExactly("a", "b");
    assertThat(c.influx().database()).isEqualTo("finpulse");
  }

  @Test
  void validationErrorsNameFileLineAndKey() throws IOException {
    Path file =
        write(
            """
            # comment line
            feeds:
              - name: ok
                url: https://ok.example/rss
                max_items: 5
              - name: broken
                url: not a url
                max_items: 0
            """);
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        file + ":7: feeds[1].url: must be an absolute http(s) URL, got 'not a url'",
                        file + ":8: feeds[1].max_items: must be > 0, got 0.0"));
  }

  @Test
  void unknownKeyIsAnErrorWithItsLine() throws IOException {
    Path file = write("influx:\n  database: x\n  acess: proxy\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3: unknown key 'acess'")
        .hasMessageContaining("known keys:");
  }

  @Test
  void wrongTypeIsAnErrorWithItsLine() throws IOException {
    Path file = write("feeds:\n  - name: a\n    url: https://a.example\n    max_items: many\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":4: feeds[0].max_items:");
  }

  @Test
  void everyWrongTypeAndUnknownKeyOfAFileIsListedAtOnceWithTheExpectedType() throws IOException {
    Path file =
        write(
            """
            poll_interval: soon
            influx:
              database: [a, b]
              acess: proxy
            feeds:
              - name: a
                url: https://a.example
                max_items: many
              - name: b
                url: https://b.example
                max_items: 3
            """);
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder(
                        file
                            + ":1: poll_interval: expected a duration with a unit (250ms, 30s, 5m,"
                            + " 2h, 7d), got 'soon'",
                        file + ":3: influx.database: expected a text value, got a list",
                        file
                            + ":4: unknown key 'acess' (known keys: "
                            + "database, password, retention_policy, url, username)",
                        file + ":8: feeds[0].max_items: expected an integer, got 'many'"));
  }

  @Test
  void numbersAndSwitchesFromEnvironmentVariablesAreAccepted() throws IOException {
    Path file = write("feeds:\n  - name: a\n    url: https://a.example\n    max_items: ${N:-4}\n");
    SampleServiceConfig c =
        new ConfigLoader(Map.of()).load(SampleServiceConfig.class, "sample-service.yml", file);
    assertThat(c.feeds().get(0).maxItems()).isEqualTo(4);
  }

  @Test
  void emptyOrMissingValuesAreNamedInsteadOfBreakingTheChecks() throws IOException {
    // Found by ConfigLoaderFuzzTest: an empty standalone file bound to nulls, and the record's
    // checks failed with a NullPointerException.
    Path empty = write("");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).loadFile(SampleServiceConfig.class, empty))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .contains(empty + ":1: poll_interval: missing"));
    Path blank = write("poll_interval:\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", blank))
        .isInstanceOf(ConfigException.class)
        .hasMessage(blank + ":1: poll_interval: must be set, not empty");
  }

  @Test
  void badDurationSaysWhatIsExpected() throws IOException {
    Path file = write("\npoll_interval: 10\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .hasMessageStartingWith(file + ":2: poll_interval:")
        .hasMessageContaining("unit");
  }

  @Test
  void invalidYamlSyntaxGivesLine() throws IOException {
    Path file = write("kafka:\n  bootstrap_servers: [a\nfoo: bar\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .hasMessageMatching(
            "(?s)" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: invalid YAML: .*");
  }

  @Test
  void unsetVariableWithoutDefaultIsNamed() throws IOException {
    Path file = write("influx:\n  password: ${INFLUX_PASSWORD}\n  username: u\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .hasMessage(
            file
                + ":2: influx.password: environment variable INFLUX_PASSWORD is not set and ${INFLUX_PASSWORD} has no default");
  }

  @Test
  void duplicateKeyIsAnError() throws IOException {
    Path file = write("poll_interval: 5s\npoll_interval: 6s\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .hasMessage(file + ":2: poll_interval: key appears twice");
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nope.yml");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of())
                    .load(SampleServiceConfig.class, "sample-service.yml", file))
        .hasMessage(file + ": file not found");
  }

  @Test
  void envSubstitutionSyntax() {
    EnvSubstitution env = new EnvSubstitution(Map.of("A", "1", "EMPTY", ""));
    assertThat(env.expand("x${A}y")).isEqualTo("x1y");
    assertThat(env.expand("${B:-dflt}")).isEqualTo("dflt");
    assertThat(env.expand("${EMPTY:-dflt}")).isEqualTo("dflt");
    assertThat(env.expand("${EMPTY}")).isEmpty();
    assertThat(env.expand("$${A}")).isEqualTo("${A}");
    assertThat(env.expand("no refs")).isEqualTo("no refs");
  }

  @Test
  void humanDurations() {
    assertThat(HumanDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(HumanDuration.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(HumanDuration.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> HumanDuration.parse("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsNeverPrinted() {
    InfluxSettings s = new InfluxSettings("http://x:1", "db", "u", "hunter2", null);
    assertThat(s.toString()).doesNotContain("hunter2");
  }
}
