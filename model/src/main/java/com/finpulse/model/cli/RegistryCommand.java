package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.ModelRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code ./finpulse model registry list}: the registry's versions. */
final class RegistryCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model registry list [--registry DIR]

        --registry DIR   the registry, default models/registry

      One line per version, oldest first: version, parent, created, the best epoch's dev score
      and the agreement with the feedback dev set before (the parent) and after (this version).
      """;

  int run(String[] argv, PrintStream out) {
    if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
      out.print(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    if (!argv[0].equals("list")) {
      throw new UsageException("unknown registry subcommand '" + argv[0] + "' (list)");
    }
    CliArgs a = CliArgs.parse(java.util.Arrays.copyOfRange(argv, 1, argv.length), List.of());
    Path root = a.path("registry");
    a.rejectUnknown();
    ModelRegistry registry = new ModelRegistry(root == null ? ModelRegistry.defaultRoot() : root);
    List<ModelRegistry.Version> versions = registry.list();
    if (versions.isEmpty()) {
      out.println("no versions in " + registry.root());
      return 0;
    }
    String format = "%-16s %-24s %-20s %9s %s%n";
    out.printf(Locale.ROOT, format, "VERSION", "PARENT", "CREATED", "DEV SCORE", "FEEDBACK");
    for (ModelRegistry.Version v : versions) {
      out.printf(
          Locale.ROOT,
          format,
          v.name(),
          v.parent() == null ? "-" : v.parent(),
          v.created() == null
              ? (v.complete() ? "-" : "(unfinished)")
              : v.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          v.devScore() == null ? "-" : String.format(Locale.ROOT, "%.4f", v.devScore()),
          agreement(v));
    }
    return 0;
  }

  private static String agreement(ModelRegistry.Version v) {
    if (v.agreementBefore() == null && v.agreementAfter() == null) {
      return "-";
    }
    return fmt(v.agreementBefore()) + " -> " + fmt(v.agreementAfter());
  }

  private static String fmt(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.3f", d);
  }
}
