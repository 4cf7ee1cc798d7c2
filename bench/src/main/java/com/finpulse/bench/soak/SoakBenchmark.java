package com.finpulse.bench.soak;

import com.finpulse.bench.Benchmark;
import com.finpulse.bench.WorkDirs;
import com.finpulse.bench.pipeline.BenchHeadlines;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./finpulse bench soak}: the stack at a steady rate of real headlines for an hour (by
 * default), a table row per minute (memory of every process, state and changelog sizes, consumer
 * lag, latency, GC time), and at the end whether each series stayed flat after the warm-up. The
 * last line is one JSON object.
 */
public final class SoakBenchmark implements Benchmark {

  @Override
  public String name() {
    return "soak";
  }

  @Override
  public String summary() {
    return "the stack at a steady rate for an hour: memory, state, lag, latency stay flat?";
  }

  static String usage() {
    return """
        Usage: ./finpulse bench soak [options]

          --minutes N           how long articles are sent (default 60, at least 3)
          --rate N              articles per second (default 50)
          --warmup-minutes N    first minutes left out of the slopes (default: 10 for runs of 50
                                minutes or more, else a fifth of the run)
          --data FILE           headline CSV (default: the Benzinga sample in the shared data dir)

        The Kafka broker runs in this JVM; influxd, './finpulse process' and './finpulse alerts'
        each in a process of their own, with the shipped configuration. The headlines are sent in
        a loop, each with an id of its own and the current time. The services' logs stay in
        .finpulse/bench-soak/.
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    int minutes = args.intValue("minutes", 60);
    int rate = args.intValue("rate", 50);
    int warmUp = args.intValue("warmup-minutes", defaultWarmUp(minutes));
    Path data = args.path("data");
    args.rejectUnknown();
    check(minutes, rate, warmUp);
    List<Headline> headlines =
        BenchHeadlines.read(data != null ? data : BenchHeadlines.defaultFile());
    SoakReport report = new SoakReport(minutes, rate, warmUp, headlines.size(), out);
    Path work = Files.createTempDirectory("finpulse-bench-soak");
    try {
      report.header();
      List<SoakRun.Minute> rows =
          new SoakRun(headlines, new SoakRun.Options(minutes, rate, work, logDir()), err)
              .run(
                  m -> {
                    if (System.console() != null) {
                      err.print("\r\u001b[K"); // the progress line, redrawn after the row
                      err.flush();
                    }
                    report.row(m);
                  });
      report.verdicts(rows);
      return 0;
    } finally {
      WorkDirs.deleteRecursively(work);
    }
  }

  /** Where the services' logs of the last run stay: {@code .finpulse/bench-soak} of the home. */
  static Path logDir() {
    return Path.of(System.getProperty("finpulse.home", "."))
        .resolve(".finpulse")
        .resolve("bench-soak")
        .toAbsolutePath()
        .normalize();
  }

  static int defaultWarmUp(int minutes) {
    return minutes >= 50 ? 10 : minutes / 5;
  }

  static void check(int minutes, int rate, int warmUp) {
    if (minutes < Flatness.MIN_POINTS) {
      throw new UsageException(
          "--minutes must be at least " + Flatness.MIN_POINTS + " (a slope needs 3 minutes)");
    }
    if (rate < 1 || rate > 10_000) {
      throw new UsageException("--rate must be between 1 and 10000 articles per second");
    }
    if (warmUp < 0 || minutes - warmUp < Flatness.MIN_POINTS) {
      throw new UsageException(
          "--warmup-minutes must be between 0 and "
              + (minutes - Flatness.MIN_POINTS)
              + " for a run of "
              + minutes
              + " minutes (the slopes need 3 minutes after it)");
    }
  }
}
