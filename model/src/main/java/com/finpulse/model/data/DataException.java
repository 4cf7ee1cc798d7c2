package com.finpulse.model.data;

/** Training or evaluation data is unreadable or does not match what was asked for. */
public class DataException extends RuntimeException {

  public DataException(String message) {
    super(message);
  }
}
