package com.finpulse.ingest.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.cli.StopSignal;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.service.Collaborators;
import com.finpulse.ingest.service.IngestComponents;
import com.finpulse.ingest.service.IngestService;
import com.finpulse.ingest.service.SourceMode;
import com.finpulse.ingest.source.ProgressListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./finpulse ingest run}: ingest on its own, against the Kafka of {@code ingest.yml}. A
 * finite source (replay, simulate) runs to the end, waits for Kafka to acknowledge everything and
 * prints a JSON summary; live sources run until Ctrl-C.
 */
public final class RunSubcommand implements IngestSubcommand {

  private final Collaborators collaborators;

  public RunSubcommand() {
    this(new IngestComponents());
  }

  RunSubcommand(Collaborators collaborators) {
    this.collaborators = collaborators;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "run the sources and publish to Kafka news.raw (live, replay:FILE, simulate:SCENARIO)";
  }

  static String usage() {
    return """
        Usage: ./finpulse ingest run [options]

          --source SPEC     live (the sources of ingest.yml, default) | replay:FILE | simulate:SCENARIO
                            (scenarios: steady, spike)
          --speed N|max     pace of replay/simulate: N x real time, or max
                            (default: 1 for replay, simulate.speed of ingest.yml for simulate)
          --config FILE     ingest.yml overriding the defaults (else $FINPULSE_CONFIG_DIR/ingest.yml
                            or ./config/ingest.yml)
          --state-dir DIR   sent-article journal and HTTP validators (default .finpulse/ingest,
                            shared with ./finpulse up; state_dir in ingest.yml wins)

        Kafka: kafka.bootstrap_servers in ingest.yml or KAFKA_BOOTSTRAP_SERVERS (default
        127.0.0.1:19092, the broker of ./finpulse up). A finite source ends with a JSON line:
          {"source":...,"published":N,"duplicates":N,"known":N,"errors":N,"seconds":S,"per_second":R}
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    SourceMode mode = SourceMode.parse(args.get("source", "live"));
    String speedText = args.get("speed");
    Path configFile = args.path("config");
    Path stateDirArg = args.path("state-dir");
    args.rejectUnknown();

    Map<String, String> env = System.getenv();
    IngestConfig config;
    try {
      config =
          IngestConfig.load(
              new ConfigLoader(env), ConfigFiles.locate(IngestConfig.FILE_NAME, configFile, env));
    } catch (ConfigException e) {
      err.println("finpulse ingest run: invalid configuration:");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    }
    Speed speed = IngestService.speedOf(speedText, mode, config);
    Path stateDir =
        config.stateDir() != null
            ? Path.of(config.stateDir())
            : stateDirArg != null
                ? stateDirArg
                : Path.of(System.getProperty("finpulse.home", "."))
                    .resolve(".finpulse")
                    .resolve("ingest");
    CompositeMeterRegistry meters = MeterRegistries.create("ingest", config.metrics(), null);
    ProgressReporter progress = new ProgressReporter(err, mode);
    IngestService service;
    try {
      service =
          new IngestService(
              config,
              mode,
              speed,
              stateDir,
              meters,
              collaborators,
              Clock.systemUTC(),
              progress,
              IngestService::kafkaPublisher);
    } catch (IllegalArgumentException e) {
      err.println("finpulse ingest run: " + e.getMessage());
      return 1;
    }
    StopSignal stop = StopSignal.install("ingest-shutdown", service::close);
    long started = System.nanoTime();
    try {
      service.start();
    } catch (RuntimeException e) {
      stop.closeNow();
      err.println("finpulse ingest run: cannot start: " + e.getMessage());
      return 1;
    }
    err.printf(
        "Ingest running (%s, speed %s) -> Kafka %s, state in %s%n",
        args.get("source", "live"),
        speed,
        config.kafka().bootstrapServers(),
        stateDir.toAbsolutePath());
    if (!mode.isFinite()) {
      // A live source that fails is logged and counted; the others go on until Ctrl-C.
      stop.runUntilStopped(
          Duration.ofSeconds(30),
          () -> true,
          () -> err.println(status(meters, service, (System.nanoTime() - started) / 1e9)));
      return 130;
    }
    while (!service.awaitIdle(Duration.ofSeconds(30))) {
      if (!service.isHealthy()) {
        break;
      }
    }
    boolean healthy = service.isHealthy();
    stop.closeNow();
    progress.finish();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println(summary(meters, args.get("source", "live"), seconds));
    meters.close();
    return healthy ? 0 : 1;
  }

  private static String status(MeterRegistry m, IngestService s, double seconds) {
    return String.format(
        Locale.ROOT,
        "[%6.0fs] published %d | duplicates %d | known %d | errors %d | pending %d",
        seconds,
        (long) MeterRegistries.count(m, MeterNames.INGEST_ARTICLES),
        (long) MeterRegistries.count(m, MeterNames.INGEST_DUPLICATES),
        (long) MeterRegistries.count(m, MeterNames.INGEST_KNOWN),
        (long) MeterRegistries.count(m, MeterNames.INGEST_ERRORS),
        s.pending());
  }

  static String summary(MeterRegistry m, String source, double seconds) {
    long published = (long) MeterRegistries.count(m, MeterNames.INGEST_ARTICLES);
    return String.format(
        Locale.ROOT,
        "{\"source\":\"%s\",\"published\":%d,\"duplicates\":%d,\"known\":%d,\"errors\":%d,\"seconds\":%.1f,\"per_second\":%.1f}",
        source.replace("\\", "\\\\").replace("\"", "\\\""),
        published,
        (long) MeterRegistries.count(m, MeterNames.INGEST_DUPLICATES),
        (long) MeterRegistries.count(m, MeterNames.INGEST_KNOWN),
        (long) MeterRegistries.count(m, MeterNames.INGEST_ERRORS),
        seconds,
        seconds > 0 ? published / seconds : 0.0);
  }

  /** Draws a progress bar for finite sources once their size is known. */
  private static final class ProgressReporter implements ProgressListener {
    private final PrintStream err;
    private final String label;
    private ProgressBar bar;
    private long done;

    ProgressReporter(PrintStream err, SourceMode mode) {
      this.err = err;
      this.label = mode instanceof SourceMode.Replay ? "replay" : "simulate";
    }

    @Override
    public synchronized void progress(long done, long total) {
      if (bar == null) {
        bar = new ProgressBar(err, label, total, "articles");
      }
      this.done = done;
      bar.update(done);
    }

    synchronized void finish() {
      if (bar != null) {
        bar.finish(done);
      }
    }
  }
}
