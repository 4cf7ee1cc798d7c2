package com.finpulse.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.bench.pipeline.BenchHeadlines;
import com.finpulse.embedded.ChildJvm;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.processor.testing.DeterministicClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processors, one killed: real Benzinga headlines replayed at a paced rate through one
 * processor JVM, then through two JVMs of the same application (6 partitions, standby replicas 1)
 * of which the one owning most partitions is killed with SIGKILL halfway through the replay. The
 * survivor takes its tasks over and finishes: every article is on news.scored exactly once
 * (read_committed) and in InfluxDB, and the final InfluxDB trend points equal the single run's. The
 * classifier is the deterministic double, so the two runs score alike to the last bit.
 */
class ProcessorFailoverIT {

  static final int HEADLINES = 300;
  static final int RATE = 25;
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  @Test
  void theSurvivorFinishesTheKilledInstancesWorkNothingLostNothingCountedTwice(@TempDir Path work)
      throws Exception {
    assertThat(InfluxdServer.findBinary())
        .describedAs("influxd must be installed: " + InfluxdServer.INSTALL_HINT)
        .isPresent();
    Replay replay =
        new Replay(
            BenchHeadlines.read(BenchHeadlines.defaultFile()),
            HEADLINES,
            RATE,
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    FailoverRun.Result r =
        new FailoverRun(
                replay,
                ProcessorFailoverIT::childCommand,
                new FailoverRun.Options(
                    6, 0.5, SESSION_TIMEOUT, Duration.ofSeconds(90), work.resolve("run")),
                System.out)
            .run();
    ByteArrayOutputStream figures = new ByteArrayOutputStream();
    FailoverBenchmark.print(
        r, RATE, 6, SESSION_TIMEOUT, new PrintStream(figures, true, StandardCharsets.UTF_8));
    String report = figures.toString(StandardCharsets.UTF_8);
    System.out.println(report);

    RunOutput single = r.single().output();
    RunOutput pair = r.pair().output();
    assertThat(single.modelIds()).containsExactly(DeterministicClassifier.MODEL_ID);
    assertThat(r.singleMissing()).describedAs(report).isZero();
    assertThat(single.scoredCopies().keySet()).isEqualTo(r.expectedIds());
    assertThat(single.marketCount()).isEqualTo(HEADLINES);

    FailoverRun.Takeover t = r.takeover();
    assertThat(t.partitions()).describedAs("the killed instance owned partitions").isNotEmpty();
    assertThat(t.committedAtKill()).describedAs("it had done work before the kill").isPositive();
    assertThat(t.sentAtKill()).isLessThan(HEADLINES);
    assertThat(t.allSeconds())
        .describedAs("every partition it owned was taken over: " + report)
        .isFinite()
        .isGreaterThanOrEqualTo(t.firstSeconds());

    assertThat(pair.scoredCopies().keySet()).describedAs(report).isEqualTo(r.expectedIds());
    assertThat(pair.scoredCopies().values())
        .describedAs("no article published twice on news.scored")
        .allMatch(copies -> copies == 1);
    assertThat(pair.influxArticles().keySet()).isEqualTo(r.expectedIds());
    assertThat(pair.trends().keySet()).isEqualTo(single.trends().keySet());
    List<String> differing = new ArrayList<>();
    single
        .trends()
        .forEach(
            (k, v) -> {
              RunOutput.TrendCounts got = pair.trends().get(k);
              // Counts exactly; the mean score to rounding (the sum's order follows the
              // partitions' interleaving, which the failover changes).
              if (got == null
                  || !v.sameCounts(got)
                  || Math.abs(v.meanScore() - got.meanScore()) > 1e-9) {
                differing.add(k + ": " + pair.trends().get(k) + " expected " + v);
              }
            });
    assertThat(differing).describedAs("trend points unlike the single run's").isEmpty();
    assertThat(r.lost()).isZero();
    assertThat(r.doubleCounted()).isZero();
    assertThat(r.trendPointsDiffering()).isZero();
  }

  /** {@link DoubleProcessorMain} in a child JVM on the test classpath. */
  static List<String> childCommand(Path configFile, Path stateDir) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx512m");
    jvm.add("-XX:TieredStopAtLevel=1");
    jvm.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      jvm.add("--sun-misc-unsafe-memory-access=allow");
    }
    jvm.add("-Dlogback.configurationFile=logback-test.xml");
    List<String> cmd = ChildJvm.javaCommand(jvm, DoubleProcessorMain.class.getName());
    cmd.add(configFile.toString());
    cmd.add(stateDir.toString());
    return cmd;
  }
}
