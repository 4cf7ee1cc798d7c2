package com.finpulse.alerts.api;

import com.finpulse.alerts.detect.Thresholds;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.subscription.DigestPreference;
import com.finpulse.alerts.subscription.QuietHours;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.event.TrendWindow;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A subscription as the API shows it: webhooks by redacted name, secrets never. */
record SubscriptionView(
    String name,
    String source,
    List<String> topics,
    List<String> tickers,
    boolean market,
    List<TrendWindow> windows,
    Severity minSeverity,
    @Nullable Thresholds thresholds,
    @Nullable QuietHours quietHours,
    List<String> email,
    List<WebhookView> webhooks,
    @Nullable DigestPreference digest) {

  record WebhookView(String target, String format, boolean signed) {}

  static SubscriptionView of(SubscriptionRegistry.Entry e) {
    Subscription s = e.subscription();
    return new SubscriptionView(
        s.name(),
        e.source().name().toLowerCase(java.util.Locale.ROOT),
        s.topics(),
        s.tickers(),
        s.market(),
        s.windows(),
        s.minSeverity(),
        s.thresholds(),
        s.quietHours(),
        s.channels().email(),
        s.channels().webhooks().stream()
            .map(w -> new WebhookView(w.displayName(), w.format().label(), w.secret() != null))
            .toList(),
        s.digest());
  }
}
