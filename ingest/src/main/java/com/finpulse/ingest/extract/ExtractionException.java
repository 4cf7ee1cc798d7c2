package com.finpulse.ingest.extract;

/** A page that yields no article: empty, not HTML, no title and no body text. */
public class ExtractionException extends Exception {

  public ExtractionException(String message) {
    super(message);
  }

  public ExtractionException(String message, Throwable cause) {
    super(message, cause);
  }
}
