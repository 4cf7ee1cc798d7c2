package com.finpulse.alerts.detect;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.TrendWindow;
import java.time.Duration;
import java.util.List;

/**
 * How spikes are detected ({@code detection} in {@code alerts.yml}).
 *
 * @param windows trend windows watched
 * @param baselineSpan EWMA span in windows: alpha = 2 / (span + 1)
 * @param warmupWindows closed windows before deviations count
 * @param winsorizeZ closed windows enter the baseline clipped to mean +- this many sigmas
 * @param shareSigmaFloor lower bound of the share's between-window standard deviation
 * @param volumeSigmaFloor lower bound of the negative volume's standard deviation
 * @param closeGrace a window closes this long (in event time) after its end
 * @param resolveAfterWindows consecutive normal closed windows that resolve an alert
 * @param evidenceHeadlines headlines attached to an alert
 * @param idleEviction state of a key without updates for this long is dropped (when no alert is
 *     open)
 */
public record DetectionSettings(
    List<TrendWindow> windows,
    int baselineSpan,
    int warmupWindows,
    double winsorizeZ,
    double shareSigmaFloor,
    double volumeSigmaFloor,
    Duration closeGrace,
    int resolveAfterWindows,
    int evidenceHeadlines,
    Duration idleEviction,
    Thresholds thresholds)
    implements Validated {

  public DetectionSettings {
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  public double alpha() {
    return 2.0 / (baselineSpan + 1);
  }

  public ThresholdProfile defaultProfile() {
    return thresholds.resolve(windows);
  }

  /** These settings with other default thresholds (tests and benchmarks). */
  public DetectionSettings withThresholds(Thresholds t) {
    return new DetectionSettings(
        windows,
        baselineSpan,
        warmupWindows,
        winsorizeZ,
        shareSigmaFloor,
        volumeSigmaFloor,
        closeGrace,
        resolveAfterWindows,
        evidenceHeadlines,
        idleEviction,
        t);
  }

  @Override
  public void validate(Validation v) {
    v.check(!windows.isEmpty(), "windows", "watch at least one window (1m, 5m, 1h)");
    v.check(
        windows.stream().distinct().count() == windows.size(), "windows", "lists a window twice");
    v.check(baselineSpan >= 2, "baseline_span", "must be >= 2");
    v.check(warmupWindows >= 1, "warmup_windows", "must be >= 1");
    v.check(winsorizeZ >= 1, "winsorize_z", "must be >= 1");
    v.range(shareSigmaFloor, 0.001, 1, "share_sigma_floor");
    v.positive(volumeSigmaFloor, "volume_sigma_floor");
    v.check(!closeGrace.isNegative(), "close_grace", "must not be negative");
    v.check(resolveAfterWindows >= 1, "resolve_after_windows", "must be >= 1");
    v.check(
        evidenceHeadlines >= 0 && evidenceHeadlines <= 50,
        "evidence_headlines",
        "must be in [0, 50]");
    v.check(
        idleEviction.compareTo(Duration.ofHours(2)) >= 0, "idle_eviction", "must be at least 2h");
    v.nested("thresholds", thresholds);
    if (thresholds != null) {
      v.check(thresholds.warningZ() != null, "thresholds.warning_z", "must be set");
      v.check(thresholds.criticalZ() != null, "thresholds.critical_z", "must be set");
      for (TrendWindow w : windows) {
        v.check(
            thresholds.minArticles().containsKey(w.label()),
            "thresholds.min_articles",
            "needs a value for every watched window; " + w.label() + " is missing");
      }
    }
  }
}
