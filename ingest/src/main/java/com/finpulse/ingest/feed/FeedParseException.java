package com.finpulse.ingest.feed;

/** The bytes are not a feed, sitemap or listing that can be read. */
public class FeedParseException extends Exception {

  public FeedParseException(String message) {
    super(message);
  }

  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
