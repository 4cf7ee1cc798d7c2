package com.finpulse.ingest.simulate;

/** The sentiment a template is written to carry. */
public enum Tone {
  POSITIVE,
  NEUTRAL,
  NEGATIVE
}
