package com.finpulse.ingest.fetch;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What one fetch of a URL came to. */
public sealed interface FetchOutcome {

  URI uri();

  /**
   * The body, decompressed and complete.
   *
   * @param uri the URL asked for
   * @param finalUri where the body came from after redirects
   * @param contentType the Content-Type header, if any
   * @param headerCharset the charset the Content-Type header names, if any and known to the JVM
   * @param validators to send with the next request for {@code uri}
   */
  record Fetched(
      URI uri,
      URI finalUri,
      int status,
      byte[] body,
      @Nullable String contentType,
      @Nullable Charset headerCharset,
      Validators validators,
      Duration latency)
      implements FetchOutcome {}

  /** 304: unchanged since the validators sent. */
  record NotModified(URI uri, Duration latency) implements FetchOutcome {}

  /**
   * Not fetched now because the host asked us to wait (Retry-After, back-off after 429/503) or its
   * robots.txt could not be read yet; not an error of this fetch.
   */
  record Deferred(URI uri, Instant until, String reason) implements FetchOutcome {}

  /**
   * Failed.
   *
   * @param status HTTP status when the server answered, else 0
   * @param retryAfter how long the server asked us to wait, if it did
   */
  record Failed(
      URI uri, FailureKind kind, String message, int status, @Nullable Duration retryAfter)
      implements FetchOutcome {

    public static Failed of(URI uri, FailureKind kind, String message) {
      return new Failed(uri, kind, message, 0, null);
    }
  }
}
