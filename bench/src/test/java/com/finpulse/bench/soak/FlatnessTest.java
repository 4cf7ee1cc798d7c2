package com.finpulse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatnessTest {

  private static double[] minutes(int n) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = i + 1;
    }
    return m;
  }

  @Test
  void aFlatSeriesWithNoiseIsFlat() {
    Random random = new Random(7);
    double[] rss = new double[60];
    for (int i = 0; i < rss.length; i++) {
      rss[i] = 800 + 40 * random.nextGaussian(); // MB, 5% noise
    }
    Flatness.Fit fit = Flatness.fit(minutes(60), rss, 10);

    assertThat(fit.points()).isEqualTo(50);
    assertThat(fit.level()).isBetween(780.0, 820.0);
    assertThat(Flatness.verdict(fit, Flatness.Limit.relative(0.05)))
        .isEqualTo(Flatness.Verdict.FLAT);
  }

  @Test
  void aSteadilyGrowingSeriesIsGrowing() {
    Random random = new Random(7);
    double[] rss = new double[60];
    for (int i = 0; i < rss.length; i++) {
      rss[i] = 800 + 2 * i + 5 * random.nextGaussian(); // 120 MB/h on 800 MB: 15%/h
    }
    Flatness.Fit fit = Flatness.fit(minutes(60), rss, 10);

    assertThat(fit.slopePerHour()).isBetween(110.0, 130.0);
    assertThat(Flatness.verdict(fit, Flatness.Limit.relative(0.05)))
        .isEqualTo(Flatness.Verdict.GROWING);
  }

  @Test
  void growthBelowTheLimitIsFlat() {
    double[] lag = new double[30];
    for (int i = 0; i < lag.length; i++) {
      lag[i] = 10 + i; // 60 records/h, exactly on a line
    }
    Flatness.Fit fit = Flatness.fit(minutes(30), lag, 0);

    assertThat(fit.slopePerHour()).isCloseTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(fit.standardError()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Flatness.verdict(fit, Flatness.Limit.absolute(1800)))
        .isEqualTo(Flatness.Verdict.FLAT);
    assertThat(Flatness.verdict(fit, Flatness.Limit.absolute(30)))
        .isEqualTo(Flatness.Verdict.GROWING);
  }

  @Test
  void aSlopeWithinItsNoiseIsFlat() {
    // Above the limit on paper, but two standard errors wide: noise, not growth.
    double[] p99 = {100, 300, 90, 320, 110};
    Flatness.Fit fit = Flatness.fit(minutes(5), p99, 0);

    assertThat(fit.slopePerHour()).isGreaterThan(Flatness.Limit.relative(0.1).perHour(fit.level()));
    assertThat(Flatness.verdict(fit, Flatness.Limit.relative(0.1)))
        .isEqualTo(Flatness.Verdict.FLAT);
  }

  @Test
  void minutesWithoutAMeasurementAreLeftOut() {
    double[] values = {Double.NaN, 5, 5, Double.NaN, 5};
    assertThat(Flatness.fit(minutes(5), values, 0).points()).isEqualTo(3);
  }

  @Test
  void tooFewPointsAfterTheWarmUpIsAClearError() {
    assertThatThrownBy(() -> Flatness.fit(minutes(12), new double[12], 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a slope needs at least 3 points after the warm-up of 10 min, got 2");
  }
}
