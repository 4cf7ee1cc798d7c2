package com.finpulse.app.up;

import com.finpulse.app.logging.LogFile;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.Command;
import com.finpulse.common.cli.StopSignal;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.metrics.MetricsSettings;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./finpulse up}: the whole pipeline on this machine, in this JVM. The embedded broker and
 * influxd start unless {@code KAFKA_BOOTSTRAP_SERVERS} / {@code INFLUX_URL} name external ones; the
 * services found on the classpath start in-process; Ctrl-C stops everything in reverse order.
 */
public final class UpCommand implements Command {

  private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
  private static final Pattern SOURCE = Pattern.compile("live|replay:.+|simulate:[a-z0-9_-]+");
  private static final Pattern SPEED = Pattern.compile("max|\\d+(\\.\\d+)?");
  private static final Duration IDLE_CHECK = Duration.ofMillis(500);

  /** Ingest starts beside the consumers: after a crash news flows while they recover. */
  static final InProcessServices.SourceStart SOURCE_START =
      InProcessServices.SourceStart.WITH_CONSUMERS;

  private final Object lifecycle = new Object();
  private final InProcessServices services = new InProcessServices();
  private LocalStack stack;
  private CompositeMeterRegistry meters;
  private boolean closed;

  @Override
  public String name() {
    return "up";
  }

  @Override
  public String summary() {
    return "run the whole pipeline locally";
  }

  static String usage() {
    return """
        Usage: ./finpulse up [options]

          --source SPEC         live (default: the feeds in ingest.yml) | replay:FILE | simulate:SCENARIO
          --speed N|max         pace: N x real time, or max (default 1 for replay; for simulate
                                ingest.yml's simulate.speed, 60)
          --exit-when-idle      replay/simulate only: stop once the source is exhausted and the
                                pipeline has drained; print a JSON summary as the last line
          --state-dir DIR       where broker, influxd and services keep state (default .finpulse/)
          --config-dir DIR      directory with ingest.yml, processor.yml, alerts.yml, subscriptions.yml
          --partitions N        partitions of the shared topics when first created (default 3)
          --status-every DUR    status line interval (default 5s)
          --idle-quiet DUR      how long everything must stay idle before --exit-when-idle stops (default 3s)
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("exit-when-idle", "help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    String source = args.get("source", "live");
    if (!SOURCE.matcher(source).matches()) {
      throw new UsageException(
          "--source must be live, replay:FILE or simulate:SCENARIO, got '" + source + "'");
    }
    String speed = args.get("speed");
    if (speed != null && !SPEED.matcher(speed).matches()) {
      throw new UsageException("--speed must be a number or max, got '" + speed + "'");
    }
    boolean exitWhenIdle = args.flag("exit-when-idle");
    if (exitWhenIdle && source.equals("live")) {
      throw new UsageException(
          "--exit-when-idle needs a finite source: --source replay:FILE or simulate:SCENARIO");
    }
    Path stateDir = args.path("state-dir");
    if (stateDir == null) {
      stateDir = Path.of(System.getProperty("finpulse.home", ".")).resolve(".finpulse");
    }
    Path configDir = args.path("config-dir");
    int partitions = args.intValue("partitions", 3);
    Duration statusEvery = args.duration("status-every", "5s");
    Duration idleQuiet = args.duration("idle-quiet", "3s");
    args.rejectUnknown();

    Files.createDirectories(stateDir);
    Optional<Path> logFile = LogFile.route(stateDir);
    try (FileChannel lockFile =
            FileChannel.open(
                stateDir.resolve("up.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        err.println(
            "finpulse up: another 'up' is running on "
                + stateDir.toAbsolutePath()
                + "; stop it first");
        return 1;
      }
      Map<String, String> options = new HashMap<>();
      options.put("source", source);
      if (speed != null) {
        options.put("speed", speed);
      }
      options.put("console", "true");
      return runStack(
          stateDir,
          configDir,
          logFile,
          partitions,
          options,
          exitWhenIdle,
          statusEvery,
          idleQuiet,
          out,
          err);
    }
  }

  private int runStack(
      Path stateDir,
      Path configDir,
      Optional<Path> logFile,
      int partitions,
      Map<String, String> options,
      boolean exitWhenIdle,
      Duration statusEvery,
      Duration idleQuiet,
      PrintStream out,
      PrintStream err)
      throws Exception {
    long startedAt = System.nanoTime();
    List<ServiceProvider> providers = InProcessServices.discover();
    checkConfiguration(providers, configDir, stateDir, options, out);
    StopSignal stop = StopSignal.install("finpulse-shutdown", this::closeAll);
    stack = new LocalStack(stateDir, System.getenv());
    stack.start(partitions);
    err.printf(
        "FinPulse up: Kafka %s, InfluxDB %s (database %s), state in %s%s%n",
        stack.bootstrapServers(),
        stack.influxUrl(),
        stack.influxSettings().database(),
        stateDir.toAbsolutePath(),
        logFile.map(f -> ", library logs in " + f).orElse(""));

    meters = MeterRegistries.create("finpulse", MetricsSettings.defaults(), stack.influxSettings());
    if (providers.isEmpty()) {
      err.println("FinPulse up: no services are built yet; running the infrastructure only");
    }
    CompletableFuture<Boolean> starting = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("services-start")
        .daemon()
        .start(
            () -> {
              try {
                starting.complete(
                    services.start(
                        providers,
                        provider -> serviceContext(provider, stateDir, configDir, options, out),
                        SOURCE_START));
              } catch (Throwable e) {
                starting.completeExceptionally(e);
              }
            });
    // Status lines while the services start: ingest starts beside the processor and the alerts
    // service, so after a crash news flows again while they load and recover their state.
    long nextStatus = System.nanoTime() + statusEvery.toNanos();
    while (!starting.isDone()) {
      if (stop.await(IDLE_CHECK)) {
        return 130;
      }
      long now = System.nanoTime();
      if (now >= nextStatus) {
        out.println(PipelineCounts.from(meters).statusLine((now - startedAt) / 1e9));
        nextStatus = now + statusEvery.toNanos();
      }
    }
    boolean started;
    try {
      started = starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
    if (!started) {
      return 130;
    }
    printAddresses(err);
    err.println(
        "FinPulse up: running "
            + providers.stream().map(ServiceProvider::name).toList()
            + (exitWhenIdle
                ? "; will stop when the source is exhausted and the pipeline drained"
                : "; Ctrl-C stops everything"));

    long idleSince = -1;
    while (true) {
      if (stop.await(IDLE_CHECK)) {
        return 130;
      }
      long now = System.nanoTime();
      var failed = services.firstUnhealthy();
      if (failed.isPresent()) {
        err.println(
            "FinPulse up: service "
                + failed.get().name()
                + " failed; shutting down (see the log above)");
        stop.closeNow();
        return 1;
      }
      if (now >= nextStatus) {
        out.println(PipelineCounts.from(meters).statusLine((now - startedAt) / 1e9));
        nextStatus = now + statusEvery.toNanos();
      }
      if (exitWhenIdle) {
        if (!services.allIdle()) {
          idleSince = -1;
        } else if (idleSince < 0) {
          idleSince = now;
        } else if (now - idleSince >= idleQuiet.toNanos()) {
          break;
        }
      }
    }

    PipelineCounts counts = PipelineCounts.from(meters);
    services.close();
    long trendPoints;
    try (InfluxStore store = new InfluxStore(stack.influxSettings())) {
      trendPoints =
          store.countOf(
              "SELECT count(\""
                  + InfluxSchema.Trend.FIELD_COUNT
                  + "\") FROM \""
                  + InfluxSchema.Trend.MEASUREMENT
                  + "\"");
    }
    out.println(counts.statusLine((System.nanoTime() - startedAt) / 1e9));
    stop.closeNow();
    out.println(counts.summaryJson(trendPoints));
    out.flush();
    return 0;
  }

  private ServiceContext serviceContext(
      ServiceProvider provider,
      Path stateDir,
      Path configDir,
      Map<String, String> options,
      PrintStream out) {
    Path serviceState = stateDir.resolve(provider.name());
    try {
      Files.createDirectories(serviceState);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServiceContext(stack.serviceEnv(), configDir, meters, serviceState, out, options);
  }

  /** Where to point a browser or a client: the services' addresses, then Kafka and InfluxDB. */
  private void printAddresses(PrintStream err) {
    Map<String, String> all = new LinkedHashMap<>();
    for (ManagedService s : services.running()) {
      all.putAll(s.addresses());
    }
    all.put("Kafka", stack.bootstrapServers());
    all.put(
        "InfluxDB", stack.influxUrl() + " (database " + stack.influxSettings().database() + ")");
    int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
    all.forEach((what, where) -> err.printf("  %-" + width + "s  %s%n", what, where));
  }

  /**
   * Validates the configuration files of every service before any server starts, and reports the
   * problems of all of them at once.
   *
   * @throws ConfigException listing every problem
   */
  static void checkConfiguration(
      List<ServiceProvider> providers,
      Path configDir,
      Path stateDir,
      Map<String, String> options,
      PrintStream out) {
    Map<String, String> env = LocalStack.plannedServiceEnv(System.getenv());
    List<String> problems = new ArrayList<>();
    for (ServiceProvider provider : providers) {
      problems.addAll(
          provider.check(
              new ServiceContext(
                  env,
                  configDir,
                  new SimpleMeterRegistry(),
                  stateDir.resolve(provider.name()),
                  out,
                  options)));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Idempotent: called by the shutdown hook on Ctrl-C and at the end of a finite run. */
  private void closeAll() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    services.close();
    if (meters != null) {
      // Before the stack: the last push of the metrics needs InfluxDB.
      meters.close();
    }
    if (stack != null) {
      stack.close();
    }
  }
}
