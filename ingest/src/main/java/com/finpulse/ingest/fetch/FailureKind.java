package com.finpulse.ingest.fetch;

import java.util.Locale;

/** Why a fetch (or what followed it) failed: the {@code kind} tag of the error counter. */
public enum FailureKind {
  /** The server answered with an error status. */
  HTTP,
  /** Connect, headers or body took longer than allowed. */
  TIMEOUT,
  /** The body is larger than the configured cap. */
  TOO_LARGE,
  /** robots.txt forbids the URL, or robots.txt could not be read (5xx): try later. */
  ROBOTS,
  /** Too many redirects, a redirect loop, or a redirect without a usable Location. */
  REDIRECT,
  /** DNS, connection refused or reset, TLS. */
  NETWORK,
  /** The document could not be read as a feed, sitemap or listing. */
  PARSE,
  /** An article page yielded no article. */
  EXTRACT,
  /** Kafka rejected an article for good. */
  PUBLISH;

  /** The metric tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
