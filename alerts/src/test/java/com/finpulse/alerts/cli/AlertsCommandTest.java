package com.finpulse.alerts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.alerts.AlertsService;
import com.finpulse.common.cli.Command;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.lifecycle.ServiceProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsCommandTest {

  @TempDir Path dir;

  @Test
  void theLauncherFindsTheCommandAndTheService() {
    assertThat(ServiceLoader.load(Command.class).stream().map(p -> p.get().name()))
        .contains("alerts");
    assertThat(ServiceLoader.load(ServiceProvider.class).stream().map(p -> p.get().name()))
        .contains(AlertsService.NAME);
  }

  @Test
  void checkValidatesBothFiles() throws Exception {
    Path config = dir.resolve("alerts.yml");
    Files.writeString(config, "routing:\n  group_wait: 10s\n");
    Path subs = dir.resolve("subs.yml");
    Files.writeString(
        subs,
        "subscriptions:\n  - name: d\n    topics: [Financials]\n    channels: {email: [d@example.com]}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc =
        new AlertsCommand()
            .run(
                new String[] {
                  "--config", config.toString(), "--subscriptions", subs.toString(), "--check"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
    assertThat(rc).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 subscription(s)) OK");

    Files.writeString(config, "routing:\n  group_wait: 10\n");
    assertThatThrownBy(
            () ->
                new AlertsCommand()
                    .run(
                        new String[] {"--config", config.toString(), "--check"},
                        System.out,
                        System.err))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(config + ":2:");
  }

  @Test
  void checkListsEveryProblemOfBothFilesAtOnce() throws Exception {
    Path config = dir.resolve("alerts.yml");
    Files.writeString(config, "routing:\n  group_wait: 10\n  repeat_interval: often\nbogus: 1\n");
    Path subs = dir.resolve("subs.yml");
    Files.writeString(
        subs,
        "subscriptions:\n  - name: d\n    topicz: [Financials]\n    windows: 5\n"
            + "    channels: {email: [d@example.com]}\n");
    assertThatThrownBy(
            () ->
                new AlertsCommand()
                    .run(
                        new String[] {
                          "--config",
                          config.toString(),
                          "--subscriptions",
                          subs.toString(),
                          "--check"
                        },
                        System.out,
                        System.err))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .map(p -> p.replaceFirst(" \\(known keys: .*\\)$", ""))
                    .containsExactly(
                        config
                            + ":2: routing.group_wait: expected a duration with a unit (250ms, 30s,"
                            + " 5m, 2h, 7d), got '10'",
                        config
                            + ":3: routing.repeat_interval: expected a duration with a unit (250ms,"
                            + " 30s, 5m, 2h, 7d), got 'often'",
                        config + ":4: unknown key 'bogus'",
                        subs + ":3: unknown key 'topicz'",
                        subs + ":4: subscriptions[0].windows: expected a list, got '5'"));
  }
}
