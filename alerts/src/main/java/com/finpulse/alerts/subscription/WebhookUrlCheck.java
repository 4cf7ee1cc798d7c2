package com.finpulse.alerts.subscription;

import org.jspecify.annotations.Nullable;

/**
 * Says whether delivery would refuse a webhook URL, so that a subscription added through the API is
 * refused at once rather than dead-lettered at its first alert. The webhook channel's SSRF guard
 * implements it: one rule for both.
 */
@FunctionalInterface
public interface WebhookUrlCheck {

  /**
   * @return why a delivery to {@code url} would be refused, naming the rule; null when it would be
   *     attempted
   */
  @Nullable String refusal(String url);
}
