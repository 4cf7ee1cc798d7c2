package com.finpulse.alerts.detect;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything the detector keeps for one (key kind, key, window): the baseline, the windows still
 * open, and the open episode. Stored in the {@value DetectionTopology#DETECTOR_STORE} store, whose
 * changelog restores it after a restart together with the alerts already emitted (exactly-once): a
 * restart neither re-fires nor forgets an open alert.
 *
 * @param nextToClose start (epoch ms) of the earliest window not yet closed; updates of earlier
 *     windows are late
 * @param open windows with data that are not closed yet, by start (epoch ms)
 * @param lastEpisodeEnd end (epoch ms) of the last resolved episode: late updates of windows before
 *     it never start a new one
 * @param lastUpdateWallMs wall-clock time of the last update, for eviction of idle keys
 */
public record DetectorState(
    KeyKind keyKind,
    String key,
    TrendWindow window,
    Baseline baseline,
    long nextToClose,
    Map<Long, OpenWindow> open,
    @Nullable Episode episode,
    long lastEpisodeEnd,
    long lastUpdateWallMs) {

  public DetectorState {
    open = open == null ? new TreeMap<>() : new TreeMap<>(open);
  }

  public static DetectorState start(
      KeyKind kind, String key, TrendWindow window, Instant firstWindowStart, long wallMs) {
    return new DetectorState(
        kind,
        key,
        window,
        Baseline.empty(),
        firstWindowStart.toEpochMilli(),
        Map.of(),
        null,
        Long.MIN_VALUE,
        wallMs);
  }

  /** The open windows in order (a copy). */
  public NavigableMap<Long, OpenWindow> openWindows() {
    return new TreeMap<>(open);
  }

  public DetectorState with(
      Baseline baseline,
      long nextToClose,
      Map<Long, OpenWindow> open,
      @Nullable Episode episode,
      long lastEpisodeEnd,
      long lastUpdateWallMs) {
    return new DetectorState(
        keyKind,
        key,
        window,
        baseline,
        nextToClose,
        open,
        episode,
        lastEpisodeEnd,
        lastUpdateWallMs);
  }

  public String storeKey() {
    return storeKey(keyKind, key, window);
  }

  public static String storeKey(KeyKind kind, String key, TrendWindow window) {
    return kind.label() + ":" + key + ":" + window.label();
  }
}
