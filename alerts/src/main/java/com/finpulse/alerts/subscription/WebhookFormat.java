package com.finpulse.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The JSON a webhook receives. */
public enum WebhookFormat {
  /** Alertmanager's webhook payload, version 4, with FinPulse's numbers and evidence added. */
  ALERTMANAGER,
  /** A Slack incoming-webhook message ({@code text} plus {@code blocks}). */
  SLACK;

  /** Whether this format has a daily digest message (Alertmanager's payload has none). */
  public boolean rendersDigest() {
    return switch (this) {
      case ALERTMANAGER -> false;
      case SLACK -> true;
    };
  }

  /**
   * Whether a webhook of this format must have a secret: receivers of Alertmanager's payload verify
   * {@code X-FinPulse-Signature}; Slack's incoming webhooks carry their secret in the URL.
   */
  public boolean requiresSecret() {
    return switch (this) {
      case ALERTMANAGER -> true;
      case SLACK -> false;
    };
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static WebhookFormat fromLabel(String label) {
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown webhook format '" + label + "': expected alertmanager or slack");
    }
  }
}
