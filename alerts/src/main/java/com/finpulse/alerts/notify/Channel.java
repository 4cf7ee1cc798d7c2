package com.finpulse.alerts.notify;

/** Sends a notification to its target once; the {@link DeliveryQueue} does the retrying. */
public interface Channel {

  /**
   * Blocks until the target answered or the attempt timed out; never throws.
   *
   * @param attempt 1 for the first attempt
   */
  DeliveryResult deliver(Notification notification, int attempt);

  /**
   * Prepares everything but the network round trip for {@code sample} (renders it, builds the
   * message), so the first real alert does not pay for class loading and JIT warm-up.
   */
  default void warmUp(Notification sample) {}
}
