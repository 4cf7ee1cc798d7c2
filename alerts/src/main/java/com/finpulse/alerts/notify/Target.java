package com.finpulse.alerts.notify;

import com.finpulse.alerts.subscription.WebhookSpec;
import com.finpulse.common.event.NotificationChannel;

/** One recipient of a subscription's notifications. */
public sealed interface Target {

  NotificationChannel channel();

  /**
   * Stable identity for logs, records and the notification log: the e-mail address, or the
   * webhook's redacted {@link WebhookSpec#displayName()}. Never contains a secret.
   */
  String key();

  /** An e-mail recipient. */
  record Email(String address) implements Target {
    @Override
    public NotificationChannel channel() {
      return NotificationChannel.EMAIL;
    }

    @Override
    public String key() {
      return address;
    }
  }

  /** A webhook endpoint, with its secret and format. */
  record Webhook(WebhookSpec spec) implements Target {
    @Override
    public NotificationChannel channel() {
      return NotificationChannel.WEBHOOK;
    }

    @Override
    public String key() {
      return spec.displayName();
    }

    @Override
    public String toString() {
      return "Webhook[" + spec.displayName() + "]";
    }
  }
}
