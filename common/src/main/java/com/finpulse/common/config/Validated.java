package com.finpulse.common.config;

/** A config record that checks its own values after binding. */
public interface Validated {

  /** Report every problem to {@code v}; keys are relative to this record. */
  void validate(Validation v);
}
