package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.WebhookSpec;
import java.util.ArrayList;
import java.util.List;

/** One recipient of a subscription's notifications. */
public sealed interface Target {

  NotificationChannel channel();

  /**
   * Stable identity for logs, records and the notification log: the e-mail address, or the
   * webhook's redacted {@link WebhookSpec#displayName()}. Never contains a secret.
   */
  String key();

  /** Every recipient of a subscription: its e-mail addresses, then its webhooks. */
  static List<Target> of(Subscription s) {
    List<Target> out = new ArrayList<>();
    s.channels().email().forEach(a -> out.add(new Email(a)));
    s.channels().webhooks().forEach(w -> out.add(new Webhook(w)));
    return out;
  }

  /** The recipients of a subscription's daily digest: those whose format renders one. */
  static List<Target> ofDigest(Subscription s) {
    return of(s).stream()
        .filter(
            t ->
                switch (t) {
                  case Email e -> true;
                  case Webhook w -> w.spec().format().rendersDigest();
                })
        .toList();
  }

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
