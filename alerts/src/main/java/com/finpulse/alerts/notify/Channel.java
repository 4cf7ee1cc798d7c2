package com.finpulse.alerts.notify;

/** Sends a notification to its target once; the {@link DeliveryQueue} does the retrying. */
public interface Channel {

  /**
   * Blocks until the target answered or the attempt timed out; never throws.
   *
   * @param attempt 1 for the first attempt
   */
  DeliveryResult deliver(Notification notification, int attempt);
}
