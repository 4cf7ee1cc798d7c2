package com.finpulse.common.config;

/** Where a configuration value came from: a file (or {@code classpath:name}) and a 1-based line. */
public record ConfigLocation(String source, int line) {

  @Override
  public String toString() {
    return source + ":" + line;
  }
}
