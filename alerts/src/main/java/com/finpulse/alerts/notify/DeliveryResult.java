package com.finpulse.alerts.notify;

import org.jspecify.annotations.Nullable;

/**
 * What one delivery attempt came to.
 *
 * @param error why it failed, fit for logs and records: never a secret, never a whole webhook URL
 */
public record DeliveryResult(Kind kind, @Nullable Integer httpStatus, @Nullable String error) {

  /** How the queue goes on. */
  public enum Kind {
    /** Accepted by the target. */
    DELIVERED,
    /** Failed in a way that may pass (server down, 5xx, 429, timeout): retry with backoff. */
    RETRY,
    /** Failed in a way a retry cannot fix (refused target, 4xx, invalid address): dead letter. */
    PERMANENT
  }

  public static DeliveryResult delivered(@Nullable Integer httpStatus) {
    return new DeliveryResult(Kind.DELIVERED, httpStatus, null);
  }

  public static DeliveryResult retry(@Nullable Integer httpStatus, String error) {
    return new DeliveryResult(Kind.RETRY, httpStatus, error);
  }

  public static DeliveryResult permanent(@Nullable Integer httpStatus, String error) {
    return new DeliveryResult(Kind.PERMANENT, httpStatus, error);
  }
}
