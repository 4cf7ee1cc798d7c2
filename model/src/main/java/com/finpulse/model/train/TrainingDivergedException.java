package com.finpulse.model.train;

/** Training produced non-finite parameters; the last good checkpoint on disk is kept. */
public class TrainingDivergedException extends RuntimeException {

  public TrainingDivergedException(String message) {
    super(message);
  }
}
