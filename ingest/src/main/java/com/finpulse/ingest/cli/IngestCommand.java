package com.finpulse.ingest.cli;

import com.finpulse.common.cli.Command;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** {@code ./finpulse ingest <subcommand> [options]}. */
public final class IngestCommand implements Command {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "run | extract | parse-feed: news sources and article extraction";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, IngestSubcommand> subcommands = new TreeMap<>();
    ServiceLoader.load(IngestSubcommand.class).forEach(s -> subcommands.put(s.name(), s));
    if (args.length == 0 || args[0].equals("--help")) {
      out.println(
          "Usage: ./finpulse ingest <subcommand> [options]   (./finpulse ingest <subcommand> --help)\n");
      subcommands.values().forEach(s -> out.printf("  %-11s %s%n", s.name(), s.summary()));
      return args.length == 0 ? 2 : 0;
    }
    IngestSubcommand s = subcommands.get(args[0]);
    if (s == null) {
      err.println(
          "finpulse ingest: unknown subcommand '" + args[0] + "'; known: " + subcommands.keySet());
      return 2;
    }
    return s.run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }
}
