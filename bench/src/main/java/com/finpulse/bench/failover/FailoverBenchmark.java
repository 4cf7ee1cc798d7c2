package com.finpulse.bench.failover;

import com.finpulse.bench.Benchmark;
import com.finpulse.bench.WorkDirs;
import com.finpulse.bench.pipeline.BenchHeadlines;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.embedded.ChildJvm;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./finpulse bench failover}: the Benzinga headlines replayed at a paced rate through one
 * {@code ./finpulse process} instance, then through two (same application id, standby replicas 1)
 * of which one is killed with SIGKILL midway; prints what the fail-over lost and double-counted
 * against the single instance, and how long the take-over took. The last line is one JSON object.
 */
public final class FailoverBenchmark implements Benchmark {

  @Override
  public String name() {
    return "failover";
  }

  @Override
  public String summary() {
    return "two processor JVMs, one killed: lost, double-counted, take-over time";
  }

  static String usage() {
    return """
        Usage: ./finpulse bench failover [options]

          --headlines N         headlines replayed (default: the whole file)
          --rate N              articles per second of the replay (default 50)
          --kill-at SHARE       share of the replay sent when one instance is killed (default 0.5)
          --session-timeout DUR the processor consumers' session.timeout.ms (default: Kafka's, 45s)
          --partitions N        partitions of the topics (default 6)
          --data FILE           headline CSV (default: the Benzinga sample in the shared data dir)

        Each instance is './finpulse process' in its own JVM with the configured model; the broker
        and influxd are fresh for each of the two runs.
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    int headlinesArg = args.intValue("headlines", 0);
    int rate = args.intValue("rate", 50);
    double killAt = args.doubleValue("kill-at", 0.5);
    Duration sessionTimeout =
        args.get("session-timeout", "").isEmpty() ? null : args.duration("session-timeout", "45s");
    int partitions = args.intValue("partitions", 6);
    Path data = args.path("data");
    args.rejectUnknown();
    if (headlinesArg < 0 || rate < 1 || partitions < 2 || !(killAt > 0 && killAt < 1)) {
      throw new UsageException(
          "--headlines must be positive, --rate and --partitions at least 1 and 2, --kill-at"
              + " between 0 and 1");
    }
    List<Headline> headlines =
        BenchHeadlines.read(data != null ? data : BenchHeadlines.defaultFile());
    int n = headlinesArg == 0 ? headlines.size() : headlinesArg;
    Path work = Files.createTempDirectory("finpulse-bench-failover");
    try {
      Replay replay = new Replay(headlines, n, rate, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      FailoverRun.Result r =
          new FailoverRun(
                  replay,
                  FailoverBenchmark::processCommand,
                  new FailoverRun.Options(
                      partitions, killAt, sessionTimeout, Duration.ofMinutes(10), work),
                  err)
              .run();
      print(r, rate, partitions, sessionTimeout, out);
      return r.singleMissing() == 0 && r.lost() == 0 && r.doubleCounted() == 0 ? 0 : 1;
    } finally {
      WorkDirs.deleteRecursively(work);
    }
  }

  /** {@code ./finpulse process} in a JVM like this one (same JDK, options and classpath). */
  static List<String> processCommand(Path configFile, Path stateDir) {
    List<String> cmd =
        ChildJvm.javaCommand(
            ManagementFactory.getRuntimeMXBean().getInputArguments(), "com.finpulse.app.FinPulse");
    cmd.addAll(
        List.of(
            "process",
            "--config",
            configFile.toString(),
            "--state-dir",
            stateDir.toString(),
            "--status-every",
            "5s"));
    return cmd;
  }

  static void print(
      FailoverRun.Result r, int rate, int partitions, Duration sessionTimeout, PrintStream out) {
    RunOutput a = r.single().output();
    RunOutput b = r.pair().output();
    FailoverRun.Takeover t = r.takeover();
    out.printf(
        Locale.ROOT,
        "replay: %d headlines at %d articles/s, %d partitions, standby replicas 1, session timeout"
            + " %s; model %s%n",
        r.articles(),
        rate,
        partitions,
        sessionTimeout == null ? "45 s (Kafka's default)" : sessionTimeout.toMillis() + " ms",
        b.modelIds());
    out.printf(
        Locale.ROOT,
        "one instance:  %d records on news.scored (%d articles), %d InfluxDB article points, %d"
            + " trend points, %d articles in the market 1m trends, %.1f s%n",
        a.scoredRecords(),
        a.scoredCopies().size(),
        a.influxArticles().size(),
        a.trends().size(),
        a.marketCount(),
        r.single().seconds());
    out.printf(
        Locale.ROOT,
        "two instances: %d records on news.scored (%d articles), %d InfluxDB article points, %d"
            + " trend points, %d articles in the market 1m trends, %.1f s%n",
        b.scoredRecords(),
        b.scoredCopies().size(),
        b.influxArticles().size(),
        b.trends().size(),
        b.marketCount(),
        r.pair().seconds());
    out.printf(
        Locale.ROOT,
        "kill -9 of %s after %d of %d articles sent; it owned news.raw partitions %s and had"
            + " committed %d of their records%n",
        t.victim(),
        t.sentAtKill(),
        r.articles(),
        t.partitions(),
        t.committedAtKill());
    out.printf(
        Locale.ROOT,
        "take-over (kill -> survivor's first commit on a partition the killed instance owned):"
            + " first %.1f s, all %.1f s%n",
        t.firstSeconds(),
        t.allSeconds());
    out.printf(
        Locale.ROOT,
        "against one instance: lost %d, double-counted %d, trend points differing %d of %d (max"
            + " mean-score difference %.2g); missing in the single run %d%n",
        r.lost(),
        r.doubleCounted(),
        r.trendPointsDiffering(),
        a.trends().size(),
        r.maxMeanScoreDifference(),
        r.singleMissing());
    out.printf(
        Locale.ROOT,
        "{\"articles\":%d,\"lost\":%d,\"double_counted\":%d,\"takeover_seconds\":%s,"
            + "\"takeover_first_partition_seconds\":%s,\"trend_points\":%d,"
            + "\"trend_points_differing\":%d,\"single_seconds\":%.1f,\"failover_seconds\":%.1f}%n",
        r.articles(),
        r.lost(),
        r.doubleCounted(),
        json(t.allSeconds()),
        json(t.firstSeconds()),
        a.trends().size(),
        r.trendPointsDiffering(),
        r.single().seconds(),
        r.pair().seconds());
  }

  private static String json(double seconds) {
    return Double.isNaN(seconds) ? "null" : String.format(Locale.ROOT, "%.1f", seconds);
  }
}
