package com.finpulse.alerts.config;

import com.finpulse.alerts.notify.webhook.NetworkRange;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.List;

/**
 * Retries and limits of the notification channels.
 *
 * @param allowedPrivateNetworks CIDRs webhooks may target although private, loopback, link-local or
 *     unique-local
 * @param sessionTimeout how long the delivery group waits for a silent instance before another
 *     takes delivery over: a dead instance's notifications resume after about this long
 */
public record DeliverySettings(
    Duration initialBackoff,
    Duration maxBackoff,
    int emailMaxAttempts,
    int webhookMaxAttempts,
    Duration webhookTimeout,
    List<String> allowedPrivateNetworks,
    int threads,
    Duration sessionTimeout)
    implements Validated {

  /** The broker's default bounds of a group member's session timeout. */
  public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);

  public static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);

  public DeliverySettings {
    allowedPrivateNetworks =
        allowedPrivateNetworks == null ? List.of() : List.copyOf(allowedPrivateNetworks);
  }

  public List<NetworkRange> allowedRanges() {
    return allowedPrivateNetworks.stream().map(NetworkRange::parse).toList();
  }

  @Override
  public void validate(Validation v) {
    v.check(
        initialBackoff.compareTo(Duration.ofMillis(1)) >= 0, "initial_backoff", "must be positive");
    v.check(
        maxBackoff.compareTo(initialBackoff) >= 0,
        "max_backoff",
        "must be at least initial_backoff");
    v.check(emailMaxAttempts >= 1, "email_max_attempts", "must be >= 1");
    v.check(webhookMaxAttempts >= 1, "webhook_max_attempts", "must be >= 1");
    v.check(
        !webhookTimeout.isNegative() && !webhookTimeout.isZero(),
        "webhook_timeout",
        "must be positive");
    v.check(threads >= 1 && threads <= 64, "threads", "must be in [1, 64]");
    v.check(
        sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) >= 0
            && sessionTimeout.compareTo(MAX_SESSION_TIMEOUT) <= 0,
        "session_timeout",
        "must be between 6s and 30m (the broker's group.min/max.session.timeout.ms), got "
            + sessionTimeout.toMillis()
            + " ms");
    for (int i = 0; i < allowedPrivateNetworks.size(); i++) {
      try {
        NetworkRange.parse(allowedPrivateNetworks.get(i));
      } catch (IllegalArgumentException e) {
        v.check(false, "allowed_private_networks[" + i + "]", e.getMessage());
      }
    }
  }
}
