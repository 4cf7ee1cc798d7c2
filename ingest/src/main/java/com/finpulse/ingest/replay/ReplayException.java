package com.finpulse.ingest.replay;

/** A replay file that cannot be replayed at all (missing, no timestamp or title column). */
public class ReplayException extends Exception {

  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
