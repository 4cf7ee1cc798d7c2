package com.finpulse.alerts.route;

import com.finpulse.alerts.config.InhibitionSettings;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.common.event.KeyKind;
import java.util.Collection;
import java.util.Optional;

/**
 * A firing MARKET alert inhibits a per-key alert that it explains. Precisely, alert T (of a kind
 * listed in {@code inhibition.kinds}, by default topics) is inhibited while some alert M
 *
 * <ol>
 *   <li>is of kind MARKET and firing,
 *   <li>has the same window as T (a 1m market spike explains 1m topic spikes, not a 1h one),
 *   <li>has a severity at least T's, and
 *   <li>T's negative share exceeds M's by at most {@code inhibition.margin} (default 0.15): a topic
 *       at 90% negative while the market is at 60% has a story of its own and is not inhibited, and
 *   <li>T carries at most {@code inhibition.max_volume_share} (default 0.5) of M's negative volume
 *       (both novelty-adjusted): when one topic's bad news makes up most of the market's, that
 *       topic is the cause of the market spike, and its alert is the one that tells the story.
 * </ol>
 *
 * Evaluated at every flush, as in Alertmanager: when M resolves, T is notified at the next flush if
 * it still fires.
 */
public final class Inhibitor {

  private final InhibitionSettings settings;

  public Inhibitor(InhibitionSettings settings) {
    this.settings = settings;
  }

  /** The MARKET alert that inhibits {@code target}, if any. */
  public Optional<Alert> inhibiting(Alert target, Collection<Alert> alerts) {
    if (!settings.enabled()
        || target.status() != AlertStatus.FIRING
        || !settings.kinds().contains(target.keyKind())) {
      return Optional.empty();
    }
    return alerts.stream()
        .filter(m -> m.keyKind() == KeyKind.MARKET)
        .filter(m -> m.status() == AlertStatus.FIRING)
        .filter(m -> m.window() == target.window())
        .filter(m -> m.severity().atLeast(target.severity()))
        .filter(
            m -> target.observedNegativeShare() - m.observedNegativeShare() <= settings.margin())
        .filter(
            m ->
                target.observedNegativeVolume()
                    <= settings.maxVolumeShare() * m.observedNegativeVolume())
        .findFirst();
  }
}
