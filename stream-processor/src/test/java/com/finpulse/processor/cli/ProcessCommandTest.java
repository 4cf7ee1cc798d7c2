package com.finpulse.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) throws Exception {
    return new ProcessCommand()
        .run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpGoesToStdout() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: ./finpulse process")
        .contains("--config FILE")
        .contains("--state-dir DIR");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThatThrownBy(() -> run("--partitons", "3"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --partitons");
  }

  @Test
  void withoutAModelItStopsBeforeConnectingAnywhere(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("processor.yml");
    Files.writeString(
        config,
        """
        metrics:
          influx: false
          jmx: false
        scoring:
          model_dir: %s
        """
            .formatted(dir.resolve("missing-model")));
    assertThatThrownBy(() -> run("--config", config.toString(), "--state-dir", dir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no trained model at " + dir.resolve("missing-model"));
  }
}
