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
}
