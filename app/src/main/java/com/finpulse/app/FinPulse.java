package com.finpulse.app;

import com.finpulse.app.up.UpCommand;
import com.finpulse.common.cli.Command;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.config.ConfigException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Entry point behind {@code ./finpulse}: dispatches to the subcommands. {@code up} lives here; the
 * others come from the modules through {@link ServiceLoader}, so a module that is not built yet
 * shows as such instead of breaking the launcher.
 */
public final class FinPulse {

  /** Every subcommand, with its help line, in the order {@code --help} lists them. */
  private static final Map<String, String> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("up", "run the whole pipeline locally (embedded Kafka + InfluxDB unless configured)");
    KNOWN.put("test", "run the whole test suite (unit + integration with real servers)");
    KNOWN.put("model", "train | eval | predict: the sentiment and topic model");
    KNOWN.put("ingest", "run | extract | parse-feed: news sources and article extraction");
    KNOWN.put("process", "run the stream processor alone against the configured servers");
    KNOWN.put("alerts", "run the alerts service alone against the configured servers");
    KNOWN.put(
        "bench",
        "model | extract | pipeline | failover | soak: benchmarks that print figures and ratios");
  }

  private FinPulse() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(help());
      return args.length == 0 ? 2 : 0;
    }
    String name = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Map<String, Command> commands = commands();
    Command command = commands.get(name);
    if (command == null) {
      if (name.equals("bench")) {
        err.println(
            "finpulse bench: run it through ./finpulse, which puts the bench module on the classpath");
        return 1;
      }
      if (KNOWN.containsKey(name)) {
        err.println("finpulse " + name + ": not built yet");
        return 1;
      }
      err.println("finpulse: unknown command '" + name + "'\n");
      err.print(help());
      return 2;
    }
    try {
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println("finpulse " + name + ": " + e.getMessage());
      err.println("Try: ./finpulse " + name + " --help");
      return 2;
    } catch (ConfigException e) {
      err.println("finpulse " + name + ": invalid configuration:");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    } catch (Exception e) {
      err.println("finpulse " + name + ": " + e.getMessage());
      if (Boolean.getBoolean("finpulse.debug")) {
        e.printStackTrace(err);
      } else {
        err.println("(run with FINPULSE_DEBUG=1 for the stack trace)");
      }
      return 1;
    }
  }

  static Map<String, Command> commands() {
    Map<String, Command> out = new LinkedHashMap<>();
    out.put("up", new UpCommand());
    for (Command c : ServiceLoader.load(Command.class)) {
      out.put(c.name(), c);
    }
    return out;
  }

  static String help() {
    Map<String, Command> commands = commands();
    StringBuilder sb =
        new StringBuilder(
            """
            FinPulse: real-time financial news sentiment monitor

            Usage: ./finpulse <command> [options]     (./finpulse <command> --help for its options)

            Commands:
            """);
    for (Map.Entry<String, String> e : KNOWN.entrySet()) {
      boolean built =
          e.getKey().equals("test")
              || commands.containsKey(e.getKey())
              || (e.getKey().equals("bench") && Boolean.getBoolean("finpulse.bench.built"));
      sb.append(
          String.format(
              "  %-9s %s%s%n", e.getKey(), e.getValue(), built ? "" : "  (not built yet)"));
    }
    for (Command c : commands.values()) {
      if (!KNOWN.containsKey(c.name())) {
        sb.append(String.format("  %-9s %s%n", c.name(), c.summary()));
      }
    }
    sb.append(
        """

        Environment:
          KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of the embedded broker
          INFLUX_URL               use this InfluxDB instead of the embedded influxd
          FINPULSE_CONFIG_DIR      directory with ingest.yml, processor.yml, alerts.yml, subscriptions.yml
          JAVA_HOME                a JDK 21+ (found automatically when unset)
        """);
    return sb.toString();
  }
}
