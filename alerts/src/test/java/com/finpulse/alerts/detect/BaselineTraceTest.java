package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineTraceTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  private final DetectionSettings settings = DetectorHarness.defaults();

  private static Observation obs(long n, long neg) {
    return Observation.ofCounts(n, n, neg, 0, T0);
  }

  /** 120 steady windows at 20 % negative, then a spike of 10 windows at 80 %, then steady again. */
  private static Map<Instant, Observation> spikeAt(int spikeStart) {
    Map<Instant, Observation> w = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      boolean spike = i >= spikeStart && i < spikeStart + 10;
      w.put(T0.plus(MINUTE.multipliedBy(i)), spike ? obs(20, 16) : obs(20, 4));
    }
    return w;
  }

  @Test
  void eachWindowIsComparedWithTheBaselineBeforeIt() {
    Map<Instant, Observation> w = spikeAt(120);
    List<BaselineTrace.Point> points =
        BaselineTrace.trace(settings, w, MINUTE, List.of(), T0, T0.plus(MINUTE.multipliedBy(150)));
    assertThat(points).hasSize(150);
    assertThat(points.get(0).warm()).isFalse();
    assertThat(points.get(0).share()).isZero();
    // The same fold as the detector's Baseline, window by window.
    Baseline b = Baseline.empty();
    for (int i = 0; i < 120; i++) {
      b = b.absorb(w.get(T0.plus(MINUTE.multipliedBy(i))), settings);
    }
    assertThat(points.get(120).share()).isCloseTo(b.share(), offset(1e-12));
    assertThat(points.get(120).share()).isCloseTo(0.2, offset(0.01));
    assertThat(points.get(120).warm()).isTrue();
  }

  @Test
  void theWindowsOfAnAlertEpisodeDoNotTeachTheBaseline() {
    Map<Instant, Observation> w = spikeAt(120);
    Instant to = T0.plus(MINUTE.multipliedBy(150));
    BaselineTrace.Episode episode =
        new BaselineTrace.Episode(
            T0.plus(MINUTE.multipliedBy(120)), T0.plus(MINUTE.multipliedBy(130)));
    double learning = BaselineTrace.trace(settings, w, MINUTE, List.of(), T0, to).get(130).share();
    double keptOut =
        BaselineTrace.trace(settings, w, MINUTE, List.of(episode), T0, to).get(130).share();
    assertThat(keptOut).isCloseTo(0.2, offset(0.01));
    assertThat(learning).isGreaterThan(keptOut + 0.02);
  }

  @Test
  void missingWindowsAreEmptyWindowsAndOnlyTheRangeIsReported() {
    Map<Instant, Observation> w = new HashMap<>();
    w.put(T0, obs(10, 5));
    w.put(T0.plus(MINUTE.multipliedBy(4)), obs(10, 5));
    List<BaselineTrace.Point> points =
        BaselineTrace.trace(
            settings,
            w,
            MINUTE,
            List.of(),
            T0.plus(MINUTE.multipliedBy(2)),
            T0.plus(MINUTE.multipliedBy(5)));
    assertThat(points)
        .extracting(BaselineTrace.Point::windowStart)
        .containsExactly(
            T0.plus(MINUTE.multipliedBy(2)),
            T0.plus(MINUTE.multipliedBy(3)),
            T0.plus(MINUTE.multipliedBy(4)));
    assertThat(BaselineTrace.trace(settings, Map.of(), MINUTE, List.of(), T0, T0.plusSeconds(60)))
        .isEmpty();
  }
}
