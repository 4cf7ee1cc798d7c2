package com.finpulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.lifecycle.ServiceContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigFilesTest {

  private static final String ONE_SUBSCRIPTION =
      "subscriptions:\n  - name: d\n    topics: [Financials]\n"
          + "    channels: {email: [d@example.com]}\n";

  @TempDir Path dir;

  private ServiceContext context(Path configDir) {
    return new ServiceContext(
        Map.of(), configDir, new SimpleMeterRegistry(), dir.resolve("state"), System.out, Map.of());
  }

  @Test
  void findsTheSubscriptionsInOneOrderForEveryCaller() throws Exception {
    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(confDir.resolve("subscriptions.yml"), ONE_SUBSCRIPTION);
    // The configuration directory.
    assertThat(AlertsConfigFiles.load(context(confDir), null, null).subscriptionsYml())
        .isEqualTo(confDir.resolve("subscriptions.yml"));

    // Next to an explicit alerts.yml before the configuration directory.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path alertsYml = Files.writeString(elsewhere.resolve("alerts.yml"), "routing: {}\n");
    Files.writeString(elsewhere.resolve("subscriptions.yml"), ONE_SUBSCRIPTION);
    assertThat(AlertsConfigFiles.load(context(confDir), alertsYml, null).subscriptionsYml())
        .isEqualTo(elsewhere.resolve("subscriptions.yml"));

    // alerts.yml's subscriptions.file before its sibling.
    Path named = Files.writeString(dir.resolve("named.yml"), ONE_SUBSCRIPTION);
    Files.writeString(alertsYml, "subscriptions:\n  file: " + named + "\n");
    assertThat(AlertsConfigFiles.load(context(confDir), alertsYml, null).subscriptionsYml())
        .isEqualTo(named);

    // The explicit path before everything.
    Path explicit = Files.writeString(dir.resolve("explicit.yml"), ONE_SUBSCRIPTION);
    assertThat(AlertsConfigFiles.load(context(confDir), alertsYml, explicit).subscriptionsYml())
        .isEqualTo(explicit);
  }

  @Test
  void noneFoundMeansNoSubscribersFromAFile() {
    Path empty = dir.resolve("empty");
    assertThat(AlertsConfigFiles.load(context(empty), null, null).subscriptionsYml()).isNull();
  }

  @Test
  void aNamedFileThatIsMissingIsAnError() throws Exception {
    Path alertsYml =
        Files.writeString(
            dir.resolve("alerts.yml"), "subscriptions:\n  file: " + dir.resolve("gone.yml") + "\n");
    assertThatThrownBy(() -> AlertsConfigFiles.load(context(dir), alertsYml, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("subscriptions.file")
        .hasMessageContaining("gone.yml: file not found");
    assertThatThrownBy(() -> AlertsConfigFiles.load(context(dir), null, dir.resolve("missing.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--subscriptions")
        .hasMessageContaining("missing.yml: file not found");
  }
}
