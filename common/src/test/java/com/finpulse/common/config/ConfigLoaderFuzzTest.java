package com.finpulse.common.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the config loader (YAML, environment expansion, merge over the shipped
 * defaults, shape check, binding, validation): anything but {@link ConfigException} is a finding.
 * Seeds and regression inputs: {@code ConfigLoaderFuzzTestInputs/fuzz/}.
 */
class ConfigLoaderFuzzTest {

  private static final ConfigLoader LOADER =
      new ConfigLoader(Map.of("HOST", "kafka:9092", "EMPTY", "", "N", "7"));
  private static final Path FILE;

  static {
    try {
      Path dir = Files.createTempDirectory("config-fuzz");
      dir.toFile().deleteOnExit();
      FILE = dir.resolve("service.yml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) throws IOException {
    boolean standalone = data.consumeBoolean();
    Files.write(FILE, data.consumeRemainingAsBytes());
    try {
      SampleServiceConfig c =
          standalone
              ? LOADER.loadFile(SampleServiceConfig.class, FILE)
              : LOADER.load(SampleServiceConfig.class, "sample-service.yml", FILE);
      if (c == null) {
        throw new IllegalStateException("loaded null");
      }
    } catch (ConfigException expected) {
      if (expected.problems().isEmpty()) {
        throw new IllegalStateException("a ConfigException without problems");
      }
    }
  }
}
