package com.finpulse.alerts.cli;

import com.finpulse.alerts.AlertsService;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.subscription.SubscriptionsFile;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.Command;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterRegistries;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

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
    ConfigLoader loader = new ConfigLoader(env);
    Path configFile =
        config != null ? config : ConfigFiles.locate(AlertsConfig.FILE_NAME, null, env);
    if (subscriptions != null && !Files.exists(subscriptions)) {
      err.println("finpulse alerts: " + subscriptions + ": file not found");
      return 1;
    }
    // Both files, every problem, before anything starts.
    Path subsToCheck = subscriptions;
    if (subsToCheck == null
        && configFile != null
        && Files.exists(configFile.resolveSibling(SubscriptionsFile.FILE_NAME))) {
      subsToCheck = configFile.resolveSibling(SubscriptionsFile.FILE_NAME);
    }
    List<String> problems =
        AlertsService.checkConfig(
            new ServiceContext(env, null, new SimpleMeterRegistry(), Path.of("."), out, Map.of()),
            configFile,
            subsToCheck);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    AlertsConfig cfg = AlertsConfig.load(loader, configFile);
    Path subs = subscriptions;
    if (subs == null && cfg.subscriptions().file() != null) {
      subs = Path.of(cfg.subscriptions().file());
    }
    if (subs == null) {
      subs =
          configFile != null
              ? configFile.resolveSibling(SubscriptionsFile.FILE_NAME)
              : ConfigFiles.locate(SubscriptionsFile.FILE_NAME, null, env);
    }
    if (subs != null && !Files.exists(subs)) {
      if (subscriptions != null) {
        err.println("finpulse alerts: " + subs + ": file not found");
        return 1;
      }
      subs = null;
    }
    if (check) {
      int n = 0;
      if (subs != null) {
        n = loader.loadFile(SubscriptionsFile.class, subs).subscriptions().size();
      }
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
    Map<String, String> options = new HashMap<>();
    options.put("console", Boolean.toString(!noConsole));
    ServiceContext context = new ServiceContext(env, null, meters, stateDir, out, options);
    AlertsService service = AlertsService.create(context, configFile, subs);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              service.close();
              meters.close();
              stopped.countDown();
            },
            "finpulse-alerts-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      service.start();
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      service.close();
      meters.close();
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
    while (service.isHealthy()) {
      if (stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
        return 130;
      }
    }
    err.println("finpulse alerts: the service failed; stopping (see the log above)");
    Runtime.getRuntime().removeShutdownHook(hook);
    service.close();
    meters.close();
    return 1;
  }
}
