package com.finpulse.alerts;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.notify.Channel;
import com.finpulse.alerts.notify.email.EmailChannel;
import com.finpulse.alerts.notify.email.EmailRenderer;
import com.finpulse.alerts.notify.webhook.AlertmanagerPayload;
import com.finpulse.alerts.notify.webhook.SlackPayload;
import com.finpulse.alerts.notify.webhook.TargetGuard;
import com.finpulse.alerts.notify.webhook.WebhookChannel;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The delivery channels, built once from {@code alerts.yml}, and the SSRF guard the webhook channel
 * and the REST API share (one rule for delivery and for subscriptions added through the API).
 */
record DeliveryChannels(Channel email, Channel webhook, TargetGuard guard) {

  static DeliveryChannels build(AlertsConfig config, Clock clock) {
    TargetGuard guard = new TargetGuard(config.delivery().allowedRanges());
    return new DeliveryChannels(
        new EmailChannel(config.smtp(), new EmailRenderer(config.grafana())),
        new WebhookChannel(
            guard,
            new AlertmanagerPayload(config.grafana()),
            new SlackPayload(config.grafana()),
            config.delivery().webhookTimeout(),
            clock),
        guard);
  }

  /** The channels the delivery queue delivers through (the console prints, it does not deliver). */
  Map<NotificationChannel, Channel> byKind() {
    return Map.of(NotificationChannel.EMAIL, email, NotificationChannel.WEBHOOK, webhook);
  }

  List<Channel> all() {
    return List.of(email, webhook);
  }
}
