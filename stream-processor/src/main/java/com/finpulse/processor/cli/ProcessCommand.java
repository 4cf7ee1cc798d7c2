package com.finpulse.processor.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.Command;
import com.finpulse.common.cli.StopSignal;
import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.service.ProcessorService;
import com.finpulse.processor.service.ProcessorServiceProvider;
import com.finpulse.processor.sink.SinkObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./finpulse process}: the stream processor alone, against the Kafka and InfluxDB its
 * configuration names, until Ctrl-C. Several of them with the same application id share the work.
 */
public final class ProcessCommand implements Command {

  @Override
  public String name() {
    return "process";
  }

  @Override
  public String summary() {
    return "run the stream processor alone against the configured servers";
  }

  static String usage() {
    return """
        Usage: ./finpulse process [options]

        Runs the stream processor (validate, dedup, scoring, trends, InfluxDB writer) against the
        Kafka and InfluxDB in processor.yml (KAFKA_BOOTSTRAP_SERVERS, INFLUX_URL) until Ctrl-C.
        Start more instances with the same application id to share the partitions.

          --config FILE         overrides for processor.yml (default: $FINPULSE_CONFIG_DIR/processor.yml,
                                else ./config/processor.yml)
          --state-dir DIR       local state, RocksDB under DIR/streams (default .finpulse/processor)
          --status-every DUR    status line on stderr every DUR (default 10s)
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    Path configFile = args.path("config");
    Path stateDir = args.path("state-dir");
    Duration statusEvery = args.duration("status-every", "10s");
    args.rejectUnknown();
    if (stateDir == null) {
      stateDir =
          Path.of(System.getProperty("finpulse.home", "."))
              .resolve(".finpulse")
              .resolve("processor");
    }
    ConfigLoader loader = ConfigLoader.fromEnvironment();
    ProcessorConfig config =
        loader.load(
            ProcessorConfig.class,
            ProcessorConfig.FILE_NAME,
            ConfigFiles.locate(ProcessorConfig.FILE_NAME, configFile, System.getenv()));

    CompositeMeterRegistry meters =
        MeterRegistries.create("processor", config.metrics(), config.influx());
    ProcessorService service =
        new ProcessorService(
            config,
            ProcessorServiceProvider.classifier(config),
            meters,
            stateDir,
            SinkObserver.NONE);
    StopSignal stop =
        StopSignal.install(
            "finpulse-process-shutdown",
            () -> {
              service.close();
              meters.close();
            });
    service.start();
    err.printf(
        "FinPulse processor: Kafka %s, InfluxDB %s (database %s), application %s, state in %s;"
            + " Ctrl-C stops%n",
        config.kafka().bootstrapServers(),
        config.influx().url(),
        config.influx().database(),
        config.streams().applicationId(),
        stateDir.toAbsolutePath());
    long started = System.nanoTime();
    StopSignal.Ending end =
        stop.runUntilStopped(
            statusEvery,
            service::isHealthy,
            () -> err.println(statusLine(service, meters, (System.nanoTime() - started) / 1e9)));
    return switch (end) {
      case STOPPED -> 0;
      case FAILED -> {
        err.println("FinPulse processor: failed (see the log above); stopped");
        yield 1;
      }
    };
  }

  static String statusLine(ProcessorService service, MeterRegistry meters, double seconds) {
    return String.format(
        Locale.ROOT,
        "[%6.0fs] %s | scored %d | dlq %d | duplicates %d | buffered %d | mean batch %.1f |"
            + " points: trend %d, article %d",
        seconds,
        service.streamsState(),
        (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_SCORED),
        (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_DLQ),
        (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_DUPLICATES),
        service.metrics().buffered(),
        service.metrics().meanBatchSize(),
        points(meters, "sentiment_trend"),
        points(meters, "scored_article"));
  }

  private static long points(MeterRegistry meters, String measurement) {
    return (long)
        meters
            .find(MeterNames.PROCESSOR_POINTS_WRITTEN)
            .tag("measurement", measurement)
            .counters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum();
  }
}
