package com.finpulse.alerts.subscription;

import com.finpulse.alerts.detect.Thresholds;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.FinancialTopics;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber's interest: which keys, from which severity, with which thresholds, when, and
 * through which channels.
 *
 * @param topics topic names, or {@code *} for every topic
 * @param tickers ticker symbols (case-insensitive), or {@code *} for every ticker
 * @param market the market-wide alerts too (default false)
 * @param windows trend windows of interest; empty: every watched window
 * @param thresholds overrides of the service's default thresholds, for this subscription only
 */
public record Subscription(
    String name,
    List<String> topics,
    List<String> tickers,
    Boolean market,
    List<TrendWindow> windows,
    Severity minSeverity,
    @Nullable Thresholds thresholds,
    @Nullable QuietHours quietHours,
    Channels channels,
    @Nullable DigestPreference digest)
    implements Validated {

  public static final String ANY = "*";

  public Subscription {
    name = name == null ? "" : name.trim();
    market = market != null && market;
    topics = topics == null ? List.of() : topics.stream().map(String::trim).toList();
    tickers =
        tickers == null
            ? List.of()
            : tickers.stream().map(t -> t.trim().toUpperCase(Locale.ROOT)).toList();
    windows = windows == null ? List.of() : List.copyOf(windows);
    minSeverity = minSeverity == null ? Severity.WARNING : minSeverity;
    channels = channels == null ? new Channels(List.of(), List.of()) : channels;
  }

  /** Whether alerts of this key and window concern the subscriber (before severity). */
  public boolean covers(KeyKind kind, String key, TrendWindow window) {
    if (!windows.isEmpty() && !windows.contains(window)) {
      return false;
    }
    return covers(kind, key);
  }

  public boolean covers(KeyKind kind, String key) {
    return switch (kind) {
      case MARKET -> market;
      case TOPIC -> topics.contains(ANY) || topics.stream().anyMatch(t -> t.equalsIgnoreCase(key));
      case TICKER -> tickers.contains(ANY) || tickers.contains(key.toUpperCase(Locale.ROOT));
    };
  }

  @Override
  public void validate(Validation v) {
    v.check(
        name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
        "name",
        "use 1-64 letters, digits, '_', '.' or '-' (starting with a letter or digit), got '"
            + name
            + "'");
    v.check(
        !topics.isEmpty() || !tickers.isEmpty() || market,
        "topics",
        "subscribe to at least one topic, ticker, or market: true");
    for (int i = 0; i < topics.size(); i++) {
      String topic = topics.get(i);
      // A misspelt topic would silently never match: name the ones that exist.
      v.check(
          topic.equals(ANY) || FinancialTopics.canonical(topic).isPresent(),
          "topics[" + i + "]",
          "unknown topic '"
              + topic
              + "'; topics are: "
              + String.join(", ", FinancialTopics.NAMES)
              + " (or \"*\" for all)");
    }
    for (int i = 0; i < tickers.size(); i++) {
      v.check(
          tickers.get(i).equals(ANY) || tickers.get(i).matches("[A-Z0-9.\\-^=]{1,16}"),
          "tickers[" + i + "]",
          "not a ticker symbol: '" + tickers.get(i) + "'");
    }
    v.check(
        !channels.isEmpty(),
        "channels",
        "needs at least one e-mail address (channels.email) or webhook (channels.webhooks)");
    v.nested("channels", channels);
    v.nested("thresholds", thresholds);
    v.nested("quiet_hours", quietHours);
  }
}
