package com.finpulse.common.config;

import java.util.List;

/**
 * An invalid configuration. Each problem reads {@code file:line: key: what is wrong}; the service
 * prints them and stops.
 */
public class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems {@code load} reports: empty when it loads without a {@link ConfigException}. */
  public static List<String> problemsOf(Runnable load) {
    try {
      load.run();
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  public List<String> problems() {
    return problems;
  }
}
