package com.finpulse.processor.score;

import com.finpulse.processor.deadletter.NotAboutTheRecord;

/**
 * The model fails on every input, a known-good text included: not a bad article but a broken model
 * or device. Scoring stops (the stream thread fails, nothing is dead-lettered); buffered articles
 * stay committed in the buffer and are scored after a restart.
 */
public final class ModelUnavailableException extends RuntimeException implements NotAboutTheRecord {

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
