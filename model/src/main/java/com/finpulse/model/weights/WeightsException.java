package com.finpulse.model.weights;

/**
 * A weight file is unreadable, corrupt or incomplete; the message names the file and what is wrong.
 */
public class WeightsException extends RuntimeException {

  public WeightsException(String message) {
    super(message);
  }

  public WeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
