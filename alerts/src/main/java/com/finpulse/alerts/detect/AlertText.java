package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.common.event.KeyKind;
import java.util.Locale;

/** The one-line wording of an alert, shared by the alert's summary, the console and subjects. */
public final class AlertText {

  private AlertText() {}

  /** {@code topic earnings}, {@code ticker ACME}, {@code market}. */
  public static String subject(KeyKind kind, String key) {
    return kind == KeyKind.MARKET ? "market" : kind.label() + " " + key;
  }

  public static String summary(Alert a) {
    if (a.status() == AlertStatus.RESOLVED) {
      return String.format(
          Locale.ROOT,
          "Negative news on %s (%s) back to normal: %.0f%% negative vs %.0f%% baseline",
          subject(a.keyKind(), a.key()),
          a.window().label(),
          100 * a.observedNegativeShare(),
          100 * a.baselineNegativeShare());
    }
    return String.format(
        Locale.ROOT,
        "Negative news spike on %s (%s): %.0f%% of %d stories negative vs %.0f%% baseline (z %.1f);"
            + " %d negative stories vs %.1f usual (z %.1f)",
        subject(a.keyKind(), a.key()),
        a.window().label(),
        100 * a.observedNegativeShare(),
        a.novelCount() == null ? a.articleCount() : a.novelCount(),
        100 * a.baselineNegativeShare(),
        a.deviation(),
        a.observedNegativeVolume(),
        a.baselineNegativeVolume() == null ? 0.0 : a.baselineNegativeVolume(),
        a.volumeDeviation() == null ? 0.0 : a.volumeDeviation());
  }
}
