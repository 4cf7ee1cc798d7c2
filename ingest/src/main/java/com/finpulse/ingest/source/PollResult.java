package com.finpulse.ingest.source;

import com.finpulse.ingest.fetch.FailureKind;
import java.time.Instant;

/** How one poll of a live source went: decides when the next one happens. */
sealed interface PollResult {

  /** Read (or found unchanged); poll again after the interval. */
  record Done(int offered) implements PollResult {}

  /**
   * The host asked for a pause or robots.txt is unreadable for now: poll again at {@code until}.
   */
  record Deferred(Instant until, String reason) implements PollResult {}

  /** Failed: back off. */
  record Failed(FailureKind kind, String message) implements PollResult {}
}
