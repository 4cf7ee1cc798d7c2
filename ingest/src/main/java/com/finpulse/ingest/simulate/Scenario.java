package com.finpulse.ingest.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the simulator plays. */
public enum Scenario {
  /** Background news only: mixed topics and tones at a steady rate. */
  STEADY,
  /** The same background, with a burst of negative news on one topic partway through. */
  SPIKE;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Scenario> of(String name) {
    return Arrays.stream(values()).filter(s -> s.configName().equals(name)).findFirst();
  }
}
