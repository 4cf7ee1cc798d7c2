package com.finpulse.alerts.cli;

import com.finpulse.alerts.AlertsConfigFiles;
import com.finpulse.alerts.AlertsService;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.subscription.SubscriptionsFile;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.Command;
import com.finpulse.common.cli.StopSignal;
import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterRegistries;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code ./finpulse alerts}: the alerts service alone, against the configured servers. */
public final class AlertsCommand implements Command {

  static final String USAGE =
      """
      Usage: ./finpulse alerts [options]

        --config FILE          alerts.yml overriding the shipped defaults
                               (default: $FINPULSE_CONFIG_DIR/alerts.yml or ./config/alerts.yml)
        --subscriptions FILE   subscriptions.yml (default: next to alerts.yml; see
                               subscriptions.example.yml in the alerts jar)
        --state-dir DIR        detector state, API subscriptions, silences (default .finpulse/alerts)
        --no-console           do not print alerts to the console
        --check                validate both files, print what would run, and exit

      Runs until Ctrl-C. Kafka and InfluxDB come from alerts.yml (KAFKA_BOOTSTRAP_SERVERS,
      INFLUX_URL), SMTP from SMTP_HOST/SMTP_PORT/SMTP_USERNAME/SMTP_PASSWORD.
      """;

  @Override
  public String name() {
    return "alerts";
  }

  @Override
  public String summary() {
    return "run the alerts service alone against the configured servers";
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("no-console", "check", "help"));
    if (args.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    Path config = args.path("config");
    Path subscriptions = args.path("subscriptions");
    Path stateDir = args.path("state-dir");
    boolean noConsole = args.flag("no-console");
    boolean check = args.flag("check");
    args.rejectUnknown();

    Map<String, String> env = System.getenv();
    Path configFile =
        config != null ? config : ConfigFiles.locate(AlertsConfig.FILE_NAME, null, env);
    // Both files found and checked, every problem listed, before anything starts.
    AlertsConfigFiles files =
        AlertsConfigFiles.load(
            new ServiceContext(env, null, new SimpleMeterRegistry(), Path.of("."), out, Map.of()),
            configFile,
            subscriptions);
    AlertsConfig cfg = files.config();
    Path subs = files.subscriptionsYml();
    if (check) {
      int n =
          subs == null
              ? 0
              : new ConfigLoader(env)
                  .loadFile(SubscriptionsFile.class, subs)
                  .subscriptions()
                  .size();
      out.printf(
          "alerts.yml: %s OK; subscriptions: %s (%d subscription(s)) OK; Kafka %s%n",
          configFile == null ? "shipped defaults" : configFile,
          subs == null ? "none" : subs,
          n,
          cfg.kafka().bootstrapServers());
      return 0;
    }
    if (stateDir == null) {
      stateDir =
          Path.of(System.getProperty("finpulse.home", ".")).resolve(".finpulse").resolve("alerts");
    }
    Files.createDirectories(stateDir);

    CompositeMeterRegistry meters = MeterRegistries.create("alerts", cfg.metrics(), cfg.influx());
    ServiceContext context =
        new ServiceContext(
            env, null, meters, stateDir, out, Map.of("console", Boolean.toString(!noConsole)));
    AlertsService service = new AlertsService(cfg, context, subs, Clock.systemUTC());
    StopSignal stop =
        StopSignal.install(
            "finpulse-alerts-shutdown",
            () -> {
              service.close();
              meters.close();
            });
    try {
      service.start();
    } catch (Exception e) {
      stop.closeNow();
      throw e;
    }
    err.println(
        "finpulse alerts: running (Kafka "
            + cfg.kafka().bootstrapServers()
            + ", subscriptions "
            + (subs == null ? "none" : subs)
            + ", state "
            + stateDir.toAbsolutePath()
            + "); Ctrl-C stops");
    StopSignal.Ending end =
        stop.runUntilStopped(Duration.ofSeconds(1), service::isHealthy, () -> {});
    return switch (end) {
      case STOPPED -> 130;
      case FAILED -> {
        err.println("finpulse alerts: the service failed; stopped (see the log above)");
        yield 1;
      }
    };
  }
}
