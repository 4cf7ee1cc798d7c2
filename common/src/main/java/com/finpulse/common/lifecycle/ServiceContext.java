package com.finpulse.common.lifecycle;

import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the launcher hands a service it starts in-process.
 *
 * @param env the environment the service's config is expanded against; {@code up} adds the embedded
 *     servers' addresses ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code INFLUX_URL}) here
 * @param configDir directory holding user overrides ({@code ingest.yml}, ...), if any
 * @param meters the registry every service of this process publishes to
 * @param stateDir a directory of the service's own for local state
 * @param console where user-facing lines go (alerts printed to the console, progress)
 * @param options launcher options meant for one service, e.g. {@code source=replay:FILE}
 */
public record ServiceContext(
    Map<String, String> env,
    @Nullable Path configDir,
    MeterRegistry meters,
    Path stateDir,
    PrintStream console,
    Map<String, String> options) {

  public ServiceContext {
    env = Map.copyOf(env);
    options = Map.copyOf(options);
  }

  public ConfigLoader configLoader() {
    return new ConfigLoader(env);
  }

  /** The user's override for {@code fileName}: in {@link #configDir}, else the usual places. */
  public @Nullable Path configFile(String fileName) {
    if (configDir != null) {
      Path p = configDir.resolve(fileName);
      return p.toFile().exists() ? p : null;
    }
    return ConfigFiles.locate(fileName, null, env);
  }

  public @Nullable String option(String key) {
    return options.get(key);
  }
}
