package com.finpulse.ingest.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sentiment a template is written to carry. */
public enum Tone {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  /** As {@code headline-templates.yml} writes it. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Tone> of(String name) {
    return Arrays.stream(values()).filter(t -> t.fileName().equals(name)).findFirst();
  }
}
