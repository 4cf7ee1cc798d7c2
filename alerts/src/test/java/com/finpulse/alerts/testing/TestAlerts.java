package com.finpulse.alerts.testing;

import com.finpulse.alerts.detect.AlertIds;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import java.util.List;

/** Alerts as the detector emits them, for tests downstream of it. */
public final class TestAlerts {

  private TestAlerts() {}

  public static Alert firing(
      KeyKind kind, String key, TrendWindow window, Severity severity, double share, Instant at) {
    double z = severity == Severity.CRITICAL ? 7.5 : 4.5;
    return new Alert(
        AlertIds.of(kind, key, window, at),
        kind,
        key,
        window,
        severity,
        AlertStatus.FIRING,
        at,
        null,
        at,
        share,
        Math.round(share * 30),
        -0.5,
        0.2,
        0.09,
        z,
        30,
        "Negative news spike on " + kind.label() + " " + key,
        List.of(
            new EvidenceHeadline(
                "a1",
                "Acme <b>profit</b> warning & lenders' worries",
                "https://news.example.com/acme?x=1&y=2",
                "wire",
                -0.93,
                at),
            new EvidenceHeadline("a2", "Beta Bank probe widens", null, "desk", -0.81, at)),
        at,
        30L,
        3.1,
        z + 1);
  }

  /** The same alert with other numbers (an escalation or an update), emitted at {@code at}. */
  public static Alert update(Alert a, Severity severity, double z, Instant at) {
    return new Alert(
        a.id(),
        a.keyKind(),
        a.key(),
        a.window(),
        severity,
        AlertStatus.FIRING,
        a.startsAt(),
        null,
        a.windowStart(),
        a.observedNegativeShare(),
        a.observedNegativeVolume(),
        a.observedMeanScore(),
        a.baselineNegativeShare(),
        a.baselineDeviation(),
        z,
        a.articleCount(),
        a.summary(),
        a.evidence(),
        at,
        a.novelCount(),
        a.baselineNegativeVolume(),
        z + 1);
  }

  /** The same alert with another novelty-adjusted negative volume. */
  public static Alert withNegativeVolume(Alert a, long volume) {
    return new Alert(
        a.id(),
        a.keyKind(),
        a.key(),
        a.window(),
        a.severity(),
        a.status(),
        a.startsAt(),
        a.endsAt(),
        a.windowStart(),
        a.observedNegativeShare(),
        volume,
        a.observedMeanScore(),
        a.baselineNegativeShare(),
        a.baselineDeviation(),
        a.deviation(),
        a.articleCount(),
        a.summary(),
        a.evidence(),
        a.updatedAt(),
        a.novelCount(),
        a.baselineNegativeVolume(),
        a.volumeDeviation());
  }

  public static Alert resolved(Alert a, Instant at) {
    return new Alert(
        a.id(),
        a.keyKind(),
        a.key(),
        a.window(),
        a.severity(),
        AlertStatus.RESOLVED,
        a.startsAt(),
        at,
        a.windowStart(),
        0.2,
        6,
        -0.1,
        a.baselineNegativeShare(),
        a.baselineDeviation(),
        0.1,
        a.articleCount(),
        "Back to normal: " + a.key(),
        a.evidence(),
        at,
        a.novelCount(),
        a.baselineNegativeVolume(),
        0.2);
  }
}
