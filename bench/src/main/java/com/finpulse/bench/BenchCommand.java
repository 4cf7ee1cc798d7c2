package com.finpulse.bench;

import com.finpulse.common.cli.Command;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** {@code ./finpulse bench <benchmark> [options]}. */
public final class BenchCommand implements Command {

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "model | extract | pipeline | failover | soak: benchmarks that print figures and ratios";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, Benchmark> benchmarks = new TreeMap<>();
    ServiceLoader.load(Benchmark.class).forEach(b -> benchmarks.put(b.name(), b));
    if (args.length == 0 || args[0].equals("--help")) {
      out.println(
          "Usage: ./finpulse bench <benchmark> [options]   (./finpulse bench <benchmark> --help)\n");
      for (String known : new String[] {"model", "extract", "pipeline", "failover", "soak"}) {
        Benchmark b = benchmarks.get(known);
        out.printf("  %-9s %s%n", known, b == null ? "(not built yet)" : b.summary());
      }
      return args.length == 0 ? 2 : 0;
    }
    Benchmark b = benchmarks.get(args[0]);
    if (b == null) {
      err.println(
          "finpulse bench "
              + args[0]
              + ": "
              + (Map.of("model", 1, "extract", 1, "pipeline", 1, "failover", 1, "soak", 1)
                      .containsKey(args[0])
                  ? "not built yet"
                  : "unknown benchmark"));
      return 2;
    }
    return b.run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }
}
