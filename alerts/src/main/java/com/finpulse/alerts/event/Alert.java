package com.finpulse.alerts.event;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A negative-sentiment spike of one key against its own baseline, firing or resolved.
 *
 * @param id stable fingerprint of (key kind, key, window, start): every message about one episode
 *     carries the same id
 * @param observedNegativeShare negative share in the window that fired (or the latest window when
 *     resolved)
 * @param observedNegativeVolume novelty-adjusted negative count in that window
 * @param baselineNegativeShare the key's trailing baseline mean of the negative share
 * @param baselineDeviation the baseline's robust standard deviation
 * @param deviation (observed - baseline) / deviation, the z-like score that passed the threshold
 * @param articleCount articles in the window
 * @param endsAt when it resolved; absent while firing
 * @param evidence the most negative headlines of the window, most negative first
 * @param novelCount novelty-adjusted article count of the window (what the minimum article count is
 *     checked against); absent in alerts written before it was added
 * @param baselineNegativeVolume the key's trailing baseline mean of the novelty-adjusted negative
 *     count
 * @param volumeDeviation (observed negative volume - its baseline) / the volume baseline's robust
 *     standard deviation: the second signal that must pass the threshold with {@code deviation}
 */
public record Alert(
    String id,
    KeyKind keyKind,
    String key,
    TrendWindow window,
    Severity severity,
    AlertStatus status,
    Instant startsAt,
    @Nullable Instant endsAt,
    Instant windowStart,
    double observedNegativeShare,
    long observedNegativeVolume,
    double observedMeanScore,
    double baselineNegativeShare,
    double baselineDeviation,
    double deviation,
    long articleCount,
    String summary,
    List<EvidenceHeadline> evidence,
    Instant updatedAt,
    @Nullable Long novelCount,
    @Nullable Double baselineNegativeVolume,
    @Nullable Double volumeDeviation) {

  public static final int SCHEMA_VERSION = 1;

  public Alert {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /**
   * The same alert with another human-readable summary: the one way to derive an alert (the
   * detector writes the summary from the alert's own numbers).
   */
  public Alert withSummary(String newSummary) {
    return new Alert(
        id,
        keyKind,
        key,
        window,
        severity,
        status,
        startsAt,
        endsAt,
        windowStart,
        observedNegativeShare,
        observedNegativeVolume,
        observedMeanScore,
        baselineNegativeShare,
        baselineDeviation,
        deviation,
        articleCount,
        newSummary,
        evidence,
        updatedAt,
        novelCount,
        baselineNegativeVolume,
        volumeDeviation);
  }
}
