package com.finpulse.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the user's override file for a service's config. In order: an explicit {@code --config}
 * path, {@code $FINPULSE_CONFIG_DIR/<name>}, then {@code ./config/<name>}; none means the shipped
 * defaults alone.
 */
public final class ConfigFiles {

  public static final String ENV_CONFIG_DIR = "FINPULSE_CONFIG_DIR";

  private ConfigFiles() {}

  public static @Nullable Path locate(
      String fileName, @Nullable Path explicit, Map<String, String> env) {
    if (explicit != null) {
      return explicit;
    }
    String dir = env.get(ENV_CONFIG_DIR);
    if (dir != null && !dir.isBlank()) {
      Path candidate = Path.of(dir).resolve(fileName);
      return Files.exists(candidate) ? candidate : null;
    }
    Path local = Path.of("config").resolve(fileName);
    return Files.exists(local) ? local : null;
  }
}
