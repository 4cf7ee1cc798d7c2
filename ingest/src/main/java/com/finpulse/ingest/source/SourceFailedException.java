package com.finpulse.ingest.source;

/**
 * A finite source that cannot run at all (a replay file that cannot be read): ingest reports it and
 * turns unhealthy, so {@code up --exit-when-idle} and {@code ingest run} end with a failure instead
 * of an empty success.
 */
public class SourceFailedException extends RuntimeException {

  public SourceFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
