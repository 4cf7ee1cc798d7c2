package com.finpulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./finpulse up} killed with SIGKILL once it has scored news, then started again on the same
 * state directory, through the launcher as an operator runs it: the second run rebuilds the
 * processor's stores from the changelogs (exactly-once finds them without a checkpoint), resumes
 * scoring, and shows the recovery as progress lines, never as stack traces. Kafka and InfluxDB are
 * the test's (the embedded ones listen on fixed ports); the broker's own recovery after a kill is
 * measured by {@code tools/recovery-probe.sh}.
 */
class UpRecoveryIT {

  private static final Pattern SCORED = Pattern.compile("\\| scored (\\d+) \\|");
  private static final Pattern STACK_TRACE_LINE =
      Pattern.compile("^\\s*(at |\\.\\.\\. \\d+ more|Caused by:)");
  private static final Duration START_LIMIT = Duration.ofMinutes(4);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  /** Kept when the test fails: the assertion names the terminal logs in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRestartAfterKill9ResumesScoringWithProgressLinesAndNoStackTraces() throws Exception {
    Map<String, String> env =
        Map.of(
            LocalEndpoints.ENV_KAFKA_BOOTSTRAP,
            KAFKA.bootstrapServers(),
            LocalEndpoints.ENV_INFLUX_URL,
            INFLUX.url(),
            "ALERTS_API_BIND",
            "127.0.0.1:" + E2eStack.freePort(),
            "ALERTS_CONSOLE_BIND",
            "127.0.0.1:" + E2eStack.freePort());

    Path firstLog = work.resolve("first.log");
    Process first = up(env, firstLog);
    awaitScored(first, firstLog, 5);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("up died on SIGKILL").isTrue();

    Path secondLog = work.resolve("second.log");
    Process second = up(env, secondLog);
    awaitScored(second, secondLog, 1);
    List<String> terminal = lines(secondLog);
    second.destroy();
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).as("up stopped on SIGTERM").isTrue();

    assertThat(terminal)
        .as("the restart's terminal (" + secondLog + ")")
        .noneMatch(line -> STACK_TRACE_LINE.matcher(line).find())
        .anyMatch(line -> line.contains("processor: rebuilding local state from the changelogs"))
        .anyMatch(line -> line.contains("processor: state restored:"));
  }

  /** {@code ./finpulse up} through the launcher (already built), its terminal into {@code log}. */
  private Process up(Map<String, String> env, Path log) throws IOException {
    Path config = Files.createDirectories(work.resolve("config"));
    ProcessBuilder builder =
        new ProcessBuilder(
                E2eStack.REPOSITORY.resolve("finpulse").toString(),
                "up",
                "--source",
                "simulate:spike",
                "--speed",
                "60",
                "--status-every",
                "1s",
                "--state-dir",
                work.resolve("state").toString(),
                "--config-dir",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("FINPULSE_SKIP_BUILD", "1");
    Process p = builder.start();
    started.add(p);
    return p;
  }

  /** The terminal so far; a line still being written may end in part of a character. */
  private static List<String> lines(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
  }

  /** Waits for a status line that counts at least {@code n} scored articles. */
  private static void awaitScored(Process up, Path log, long n) throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!up.isAlive()) {
        throw new AssertionError("up exited with " + up.exitValue() + "; its terminal: " + log);
      }
      for (String line : lines(log)) {
        Matcher m = SCORED.matcher(line);
        if (m.find() && Long.parseLong(m.group(1)) >= n) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + n + " scored article(s) within " + START_LIMIT + "; " + log);
  }
}
