package com.finpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FinPulseTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return FinPulse.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEverySubcommand() {
    assertThat(run("--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    for (String command :
        new String[] {"up", "test", "model", "ingest", "process", "alerts", "bench"}) {
      assertThat(help).containsPattern("(?m)^  " + command + " ");
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
  }

  @Test
  void upRejectsBadOptionsBeforeStartingAnything() {
    assertThat(run("up", "--source", "ftp://x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--source must be live, replay:FILE or simulate:SCENARIO");
    assertThat(run("up", "--exit-when-idle")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs a finite source");
    assertThat(run("up", "--speed", "fast", "--source", "simulate:steady")).isEqualTo(2);
    assertThat(run("up", "--bogus", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
  }

  @Test
  void upReportsTheConfigurationProblemsOfEveryServiceBeforeStartingAnything(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path config = java.nio.file.Files.createDirectories(dir.resolve("config"));
    java.nio.file.Path state = dir.resolve("state");
    java.nio.file.Files.writeString(config.resolve("ingest.yml"), "bogus_key: 1\n");
    java.nio.file.Files.writeString(
        config.resolve("processor.yml"), "scoring:\n  max_batch_size: lots\n");
    java.nio.file.Files.writeString(config.resolve("alerts.yml"), "routing:\n  group_wait: 10\n");
    java.nio.file.Files.writeString(
        config.resolve("subscriptions.yml"), "subscriptions:\n  - name: d\n    windows: 5\n");
    long started = System.nanoTime();
    int rc =
        run(
            "up",
            "--state-dir",
            state.toString(),
            "--config-dir",
            config.toString(),
            "--source",
            "simulate:steady");
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(e).isEqualTo(1);
    assertThat(e).contains("invalid configuration:");
    assertThat(e).contains(config.resolve("ingest.yml") + ":1: unknown key 'bogus_key'");
    assertThat(e)
        .contains(
            config.resolve("processor.yml")
                + ":2: scoring.max_batch_size: expected an integer, got 'lots'");
    assertThat(e)
        .contains(
            config.resolve("alerts.yml")
                + ":2: routing.group_wait: expected a duration with a unit");
    assertThat(e)
        .contains(
            config.resolve("subscriptions.yml")
                + ":3: subscriptions[0].windows: expected a list, got '5'");
    // Nothing started: no broker or influxd state, and no waiting for servers.
    assertThat(state.resolve("kafka")).doesNotExist();
    assertThat(state.resolve("influxdb")).doesNotExist();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(20));
  }
}
