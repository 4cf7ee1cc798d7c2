package com.finpulse.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.finpulse.model.bundle.ModelManifest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

  private static final List<String> LABELS = List.of("a", "b", "c");

  /** Predictions right 70% of the time but 97% sure: over-confident. */
  private static float[][] overconfident(int[] truth, Random rnd) {
    float[][] p = new float[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = rnd.nextInt(3);
      int pred = rnd.nextDouble() < 0.7 ? truth[i] : (truth[i] + 1 + rnd.nextInt(2)) % 3;
      p[i] = new float[] {0.015f, 0.015f, 0.015f};
      p[i][pred] = 0.97f;
    }
    return p;
  }

  @Test
  void overConfidentProbabilitiesGetATemperatureAboveOneAndALowerError() {
    int[] truth = new int[3000];
    float[][] p = overconfident(truth, new Random(1));
    ModelManifest.Calibration c = TemperatureScaling.fit(LABELS, truth, p);
    assertThat(c.temperature()).isGreaterThan(1.5);
    assertThat(c.eceBefore()).isGreaterThan(0.2);
    assertThat(c.eceAfter()).isLessThan(0.05);
    assertThat(c.nllAfter()).isLessThan(c.nllBefore());
    assertThat(c.devRows()).isEqualTo(3000);
  }

  @Test
  void rescalingKeepsTheArgmaxAndRoundTrips() {
    float[] p = {0.1f, 0.7f, 0.2f};
    float[] hot = TemperatureScaling.rescaleRow(p, 0.5);
    float[] back = TemperatureScaling.rescaleRow(hot, 2.0);
    assertThat(hot[1]).isGreaterThan(p[1]);
    for (int j = 0; j < 3; j++) {
      assertThat(back[j]).isCloseTo(p[j], within(1e-5f));
    }
  }

  @Test
  void noDataFitsTheIdentity() {
    assertThat(TemperatureScaling.fit(LABELS, new int[0], new float[0][]).temperature())
        .isEqualTo(1.0);
  }
}
