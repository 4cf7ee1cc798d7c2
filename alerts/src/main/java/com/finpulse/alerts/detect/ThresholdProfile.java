package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.Severity;
import com.finpulse.common.event.TrendWindow;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A complete set of thresholds: the defaults, or the defaults with one subscription's overrides.
 * The detector fires an episode as soon as any profile that applies to the key passes, and each
 * subscription then judges the alert's numbers by its own profile.
 */
public record ThresholdProfile(
    double warningZ,
    double criticalZ,
    Map<TrendWindow, Integer> minArticles,
    @Nullable Double warningShare,
    @Nullable Double criticalShare) {

  public ThresholdProfile {
    minArticles = Map.copyOf(minArticles);
  }

  /** Identifies the profile's values; two subscriptions with equal overrides share a profile. */
  public String id() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "w%.3f/c%.3f", warningZ, criticalZ));
    for (TrendWindow w : TrendWindow.values()) {
      Integer m = minArticles.get(w);
      if (m != null) {
        sb.append('/').append(w.label()).append('=').append(m);
      }
    }
    if (warningShare != null) {
      sb.append(String.format(Locale.ROOT, "/ws%.3f", warningShare));
    }
    if (criticalShare != null) {
      sb.append(String.format(Locale.ROOT, "/cs%.3f", criticalShare));
    }
    return sb.toString();
  }

  public int minArticles(TrendWindow window) {
    Integer m = minArticles.get(window);
    return m == null ? Integer.MAX_VALUE : m;
  }

  /**
   * The severity these thresholds give a window, or null when it is normal.
   *
   * @param novelCount novelty-adjusted articles in the window
   * @param share novelty-adjusted negative share
   * @param zShare deviation of the share (ignored unless {@code warm})
   * @param zVolume deviation of the negative volume (ignored unless {@code warm})
   * @param warm whether the baseline has seen enough windows for deviations to count
   */
  public @Nullable Severity classify(
      TrendWindow window,
      long novelCount,
      double share,
      double zShare,
      double zVolume,
      boolean warm) {
    if (novelCount < minArticles(window)) {
      return null;
    }
    Severity out = null;
    if (warm) {
      double z = Math.min(zShare, zVolume);
      if (z >= criticalZ) {
        out = Severity.CRITICAL;
      } else if (z >= warningZ) {
        out = Severity.WARNING;
      }
    }
    if (criticalShare != null && share >= criticalShare) {
      out = Severity.CRITICAL;
    } else if (warningShare != null && share >= warningShare && out == null) {
      out = Severity.WARNING;
    }
    return out;
  }
}
