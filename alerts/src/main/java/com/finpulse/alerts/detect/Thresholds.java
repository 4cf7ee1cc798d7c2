package com.finpulse.alerts.detect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.TrendWindow;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Firing thresholds as written in config. The service defaults ({@code detection.thresholds}) set
 * every value; a subscription's {@code thresholds} sets only what it changes.
 *
 * @param warningZ deviations (in sigmas) that both the negative share and the negative volume must
 *     reach for a warning
 * @param criticalZ the same for critical
 * @param minArticles per window label ({@code 1m}, {@code 5m}, {@code 1h}): novelty-adjusted
 *     articles the window needs before it may fire
 * @param warningShare optional absolute threshold on the novelty-adjusted negative share
 * @param criticalShare optional absolute threshold for critical
 */
public record Thresholds(
    @Nullable Double warningZ,
    @Nullable Double criticalZ,
    Map<String, Integer> minArticles,
    @Nullable Double warningShare,
    @Nullable Double criticalShare)
    implements Validated {

  public Thresholds {
    minArticles = minArticles == null ? Map.of() : Map.copyOf(minArticles);
  }

  /** No overrides. */
  public static Thresholds none() {
    return new Thresholds(null, null, Map.of(), null, null);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return warningZ == null
        && criticalZ == null
        && minArticles.isEmpty()
        && warningShare == null
        && criticalShare == null;
  }

  /** These thresholds with every value {@code override} sets replaced. */
  public Thresholds overriddenBy(@Nullable Thresholds override) {
    if (override == null) {
      return this;
    }
    Map<String, Integer> min = new LinkedHashMap<>(minArticles);
    min.putAll(override.minArticles);
    return new Thresholds(
        override.warningZ != null ? override.warningZ : warningZ,
        override.criticalZ != null ? override.criticalZ : criticalZ,
        min,
        override.warningShare != null ? override.warningShare : warningShare,
        override.criticalShare != null ? override.criticalShare : criticalShare);
  }

  /**
   * The complete profile for {@code windows}.
   *
   * @throws IllegalStateException when a value is missing (the defaults are validated to be
   *     complete, so this means a programming error)
   */
  public ThresholdProfile resolve(List<TrendWindow> windows) {
    if (warningZ == null || criticalZ == null) {
      throw new IllegalStateException("thresholds incomplete: " + this);
    }
    Map<TrendWindow, Integer> min = new EnumMap<>(TrendWindow.class);
    for (TrendWindow w : windows) {
      Integer m = minArticles.get(w.label());
      if (m == null) {
        throw new IllegalStateException("no min_articles for window " + w.label());
      }
      min.put(w, m);
    }
    return new ThresholdProfile(warningZ, criticalZ, min, warningShare, criticalShare);
  }

  /** Checks the values that are set; completeness is the caller's business. */
  @Override
  public void validate(Validation v) {
    if (warningZ != null) {
      v.check(warningZ > 0 && warningZ <= 100, "warning_z", "must be in (0, 100], got " + warningZ);
    }
    if (criticalZ != null) {
      v.check(
          criticalZ > 0 && criticalZ <= 100, "critical_z", "must be in (0, 100], got " + criticalZ);
    }
    if (warningZ != null && criticalZ != null) {
      v.check(criticalZ >= warningZ, "critical_z", "must be >= warning_z (" + warningZ + ")");
    }
    for (Map.Entry<String, Integer> e : minArticles.entrySet()) {
      try {
        TrendWindow.fromLabel(e.getKey());
      } catch (IllegalArgumentException ex) {
        v.check(false, "min_articles", ex.getMessage());
      }
      v.check(
          e.getValue() != null && e.getValue() >= 1,
          "min_articles",
          "window " + e.getKey() + ": must be >= 1, got " + e.getValue());
    }
    if (warningShare != null) {
      v.check(warningShare > 0 && warningShare <= 1, "warning_share", "must be in (0, 1]");
    }
    if (criticalShare != null) {
      v.check(criticalShare > 0 && criticalShare <= 1, "critical_share", "must be in (0, 1]");
    }
    if (warningShare != null && criticalShare != null) {
      v.check(
          criticalShare >= warningShare,
          "critical_share",
          "must be >= warning_share (" + warningShare + ")");
    }
  }
}
