package com.finpulse.ingest.fetch;

import org.jspecify.annotations.Nullable;

/**
 * The validators a server returned with a response, sent back on the next request to the same URL
 * ({@code If-None-Match}, {@code If-Modified-Since}) so an unchanged feed costs a 304.
 */
public record Validators(@Nullable String etag, @Nullable String lastModified) {

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
