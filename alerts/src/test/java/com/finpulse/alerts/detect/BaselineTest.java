package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BaselineTest {

  private final DetectionSettings settings = DetectorHarness.defaults();

  private static Observation obs(long n, long neg) {
    return new Observation(n, n, neg, 0, Instant.EPOCH);
  }

  private Baseline steady(int windows) {
    Baseline b = Baseline.empty();
    for (int i = 0; i < windows; i++) {
      b = b.absorb(obs(i % 2 == 0 ? 10 : 14, i % 3 == 0 ? 3 : 2), settings);
    }
    return b;
  }

  @Test
  void learnsTheLevelAndTheVolumeWeightedShare() {
    Baseline b = steady(200);
    assertThat(b.articles().mean()).isCloseTo(12, offset(0.5));
    assertThat(b.negatives().mean()).isCloseTo(2.33, offset(0.2));
    assertThat(b.share()).isCloseTo(2.33 / 12, offset(0.02));
    assertThat(b.warm(settings.warmupWindows())).isTrue();
  }

  @Test
  void aSpikeBarelyMovesTheBaselineButALastingShiftIsAbsorbed() {
    Baseline before = steady(200);
    Baseline afterSpike = before.absorb(obs(60, 55), settings);
    // Winsorized: the spike enters as mean + 3 sigma at most, weighted by alpha (2/61).
    double maxStep =
        settings.alpha() * settings.winsorizeZ() * before.volumeSigma(settings.volumeSigmaFloor());
    assertThat(afterSpike.negatives().mean() - before.negatives().mean())
        .isLessThanOrEqualTo(maxStep + 1e-9);
    assertThat(afterSpike.share()).isLessThan(before.share() + 0.03);

    Baseline shifted = before;
    for (int i = 0; i < 4 * settings.baselineSpan(); i++) {
      shifted = shifted.absorb(obs(12, 6), settings);
    }
    assertThat(shifted.share()).isCloseTo(0.5, offset(0.05));
  }

  @Test
  void aWindowOfTheUsualMixScoresNearZeroAndSharesAreJudgedByWindowSize() {
    Baseline b = steady(200);
    SpikeScore normal = b.score(obs(12, 2), settings);
    assertThat(normal.zShare()).isBetween(-1.0, 1.0);
    assertThat(normal.zVolume()).isBetween(-1.0, 1.0);
    // The same 60% share: weak evidence from 5 stories, strong from 50.
    SpikeScore small = b.score(obs(5, 3), settings);
    SpikeScore large = b.score(obs(50, 30), settings);
    assertThat(small.zShare()).isLessThan(3);
    assertThat(large.zShare()).isGreaterThan(5);
  }

  @Test
  void coldBaselinesDoNotScore() {
    Baseline cold = steady(3);
    SpikeScore s = cold.score(obs(40, 40), settings);
    assertThat(s.warm()).isFalse();
    assertThat(s.zShare()).isZero();
    assertThat(
            settings
                .defaultProfile()
                .classify(com.finpulse.common.event.TrendWindow.ONE_MINUTE, 40, 1.0, 0, 0, false))
        .isNull();
  }
}
