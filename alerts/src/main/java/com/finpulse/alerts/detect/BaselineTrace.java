package com.finpulse.alerts.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A key's baseline over its past windows, for the console's drill-down: the closed windows (its
 * trend points) folded through the detector's own {@link Baseline} rule and settings, in order,
 * empty windows included, each window compared with the baseline before it, and the windows of an
 * alert episode kept out of it as the detector keeps them out (until the episode is older than the
 * baseline span). Recomputed, not stored: a key's first windows in the range warm it up, so the
 * caller passes history from before the range it shows.
 */
public final class BaselineTrace {

  /**
   * What one window was compared with.
   *
   * @param share the baseline negative share
   * @param shareSigma its standard deviation for a window of this window's novelty-adjusted size
   * @param warm whether the baseline had seen enough windows to judge
   */
  public record Point(Instant windowStart, double share, double shareSigma, boolean warm) {}

  /** An alert episode: its first abnormal window, and the end of its last abnormal one. */
  public record Episode(Instant start, Instant end) {}

  private BaselineTrace() {}

  /**
   * @param windows closed windows of one key and window size by start (missing starts are empty
   *     windows)
   * @param size the window size
   * @param from the first window start to report (earlier windows only warm up the baseline)
   * @param to report windows starting before this
   */
  public static List<Point> trace(
      DetectionSettings settings,
      Map<Instant, Observation> windows,
      Duration size,
      List<Episode> episodes,
      Instant from,
      Instant to) {
    NavigableMap<Instant, Observation> byStart = new TreeMap<>(windows);
    List<Point> out = new ArrayList<>();
    if (byStart.isEmpty()) {
      return out;
    }
    Baseline baseline = Baseline.empty();
    for (Instant start = byStart.firstKey(); start.isBefore(to); start = start.plus(size)) {
      Observation o = byStart.get(start);
      if (o == null) {
        o = Observation.empty(start.plus(size));
      }
      if (!start.isBefore(from)) {
        out.add(
            new Point(
                start,
                baseline.share(),
                baseline.shareSigma(o.novelCount(), settings.shareSigmaFloor()),
                baseline.warm(settings.warmupWindows())));
      }
      if (learnsFrom(settings, episodes, start, size)) {
        baseline = baseline.absorb(o, settings);
      }
    }
    return out;
  }

  private static boolean learnsFrom(
      DetectionSettings settings, List<Episode> episodes, Instant start, Duration size) {
    for (Episode e : episodes) {
      if (!start.isBefore(e.start()) && start.isBefore(e.end())) {
        long windowsIn = Duration.between(e.start(), start).dividedBy(size);
        return windowsIn >= settings.baselineSpan();
      }
    }
    return true;
  }
}
