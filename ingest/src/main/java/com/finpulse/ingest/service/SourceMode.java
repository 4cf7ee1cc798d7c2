package com.finpulse.ingest.service;

import com.finpulse.common.cli.UsageException;
import com.finpulse.ingest.simulate.Scenario;
import java.nio.file.Path;
import java.util.Arrays;

/** Which source ingest runs: the configured live feeds, a replayed file, or the simulator. */
public sealed interface SourceMode {

  record Live() implements SourceMode {}

  record Replay(Path file) implements SourceMode {}

  record Simulate(Scenario scenario) implements SourceMode {}

  /** Finite modes end by themselves; live runs until stopped. */
  default boolean isFinite() {
    return !(this instanceof Live);
  }

  /**
   * @param spec {@code live}, {@code replay:FILE} or {@code simulate:SCENARIO}
   * @throws UsageException naming what is accepted
   */
  static SourceMode parse(String spec) {
    if (spec == null || spec.isBlank() || spec.equals("live")) {
      return new Live();
    }
    if (spec.startsWith("replay:") && spec.length() > "replay:".length()) {
      return new Replay(Path.of(spec.substring("replay:".length())));
    }
    if (spec.startsWith("simulate:")) {
      String name = spec.substring("simulate:".length());
      return new Simulate(
          Scenario.of(name)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "unknown scenario '"
                              + name
                              + "'; known: "
                              + Arrays.stream(Scenario.values())
                                  .map(Scenario::configName)
                                  .toList())));
    }
    throw new UsageException(
        "--source must be live, replay:FILE or simulate:SCENARIO, got '" + spec + "'");
  }
}
