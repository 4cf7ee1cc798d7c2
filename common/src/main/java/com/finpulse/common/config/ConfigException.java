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

  public List<String> problems() {
    return problems;
  }
}
