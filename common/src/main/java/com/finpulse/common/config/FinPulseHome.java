package com.finpulse.common.config;

import java.nio.file.Path;

/**
 * Where FinPulse is installed ({@code ./finpulse} sets the system property {@code finpulse.home}):
 * relative paths of the configuration files (the model directory, the model registry) are read
 * against it, so a service finds them whatever its working directory.
 */
public final class FinPulseHome {

  private FinPulseHome() {}

  /**
   * {@code configured} if absolute, else under the FinPulse home (the working directory if unset).
   */
  public static Path resolve(String configured) {
    Path p = Path.of(configured);
    if (p.isAbsolute()) {
      return p;
    }
    String home = System.getProperty("finpulse.home");
    return (home == null ? Path.of("") : Path.of(home)).resolve(p).toAbsolutePath().normalize();
  }
}
