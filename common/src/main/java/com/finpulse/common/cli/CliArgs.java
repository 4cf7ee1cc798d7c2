package com.finpulse.common.cli;

import com.finpulse.common.config.HumanDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code --name value}, {@code --name=value}, boolean {@code --flag} and positional
 * arguments. Options may repeat ({@code --extra a.csv --extra b.csv}). Call {@link #rejectUnknown}
 * after reading every option so a typo is an error, not a silent default.
 */
public final class CliArgs {

  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();
  private final Set<String> read = new HashSet<>();

  private CliArgs() {}

  /**
   * @param flags names (without dashes) of options that take no value
   */
  public static CliArgs parse(String[] args, Collection<String> flags) {
    CliArgs out = new CliArgs();
    boolean onlyPositional = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (onlyPositional || !a.startsWith("--") || a.equals("-")) {
        out.positional.add(a);
      } else if (a.equals("--")) {
        onlyPositional = true;
      } else {
        String name = a.substring(2);
        String value;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (flags.contains(name)) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        out.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return out;
  }

  public @Nullable String get(String name) {
    read.add(name);
    List<String> values = options.get(name);
    return values == null ? null : values.get(values.size() - 1);
  }

  public String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  public String require(String name) {
    String v = get(name);
    if (v == null) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  public List<String> all(String name) {
    read.add(name);
    return options.getOrDefault(name, List.of());
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }

  public int intValue(String name, int fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " expects a whole number, got '" + v + "'");
    }
  }

  public double doubleValue(String name, double fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " expects a number, got '" + v + "'");
    }
  }

  /** A duration with a unit ({@code 250ms}, {@code 30s}, {@code 5m}), as in the YAML files. */
  public Duration duration(String name, String fallback) {
    String v = get(name, fallback);
    try {
      return HumanDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + ", got '" + v + "'");
    }
  }

  public @Nullable Path path(String name) {
    String v = get(name);
    return v == null ? null : Path.of(v);
  }

  public List<String> positional() {
    return List.copyOf(positional);
  }

  /** Fails with a usage error naming any option that was given but never read. */
  public void rejectUnknown() {
    for (String name : options.keySet()) {
      if (!read.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
    }
  }
}
