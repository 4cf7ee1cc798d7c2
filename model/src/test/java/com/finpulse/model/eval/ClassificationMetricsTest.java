package com.finpulse.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  /**
   * Confusion (rows true, columns predicted) for negative/neutral/positive:
   *
   * <pre>
   *            neg neu pos   support
   *   neg       8   2   0    10
   *   neu       1  15   4    20
   *   pos       1   3   6    10
   * </pre>
   *
   * precision: neg 8/10 = 0.8, neu 15/20 = 0.75, pos 6/10 = 0.6. recall: neg 0.8, neu 0.75, pos
   * 0.6. So F1 equals both for each class; macro = (0.8 + 0.75 + 0.6) / 3 = 0.716667; weighted =
   * (0.8*10 + 0.75*20 + 0.6*10) / 40 = 0.725; accuracy 29/40 = 0.725.
   */
  @Test
  void matchesHandComputedFigures() {
    List<String> labels = List.of("negative", "neutral", "positive");
    int[][] cells = {{8, 2, 0}, {1, 15, 4}, {1, 3, 6}};
    int n = 40;
    int[] truth = new int[n];
    float[][] probs = new float[n][];
    int i = 0;
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        for (int c = 0; c < cells[t][p]; c++) {
          truth[i] = t;
          float[] row = {0.1f, 0.1f, 0.1f};
          row[p] = 0.8f;
          probs[i++] = row;
        }
      }
    }
    ClassificationMetrics m = ClassificationMetrics.compute(labels, truth, probs);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{8, 2, 0}, {1, 15, 4}, {1, 3, 6}});
    assertThat(m.accuracy()).isCloseTo(0.725, within(1e-9));
    assertThat(m.macroF1()).isCloseTo((0.8 + 0.75 + 0.6) / 3, within(1e-9));
    assertThat(m.weightedF1()).isCloseTo(0.725, within(1e-9));
    assertThat(m.perClass().get("neutral").precision()).isCloseTo(0.75, within(1e-9));
    assertThat(m.perClass().get("positive").recall()).isCloseTo(0.6, within(1e-9));
    assertThat(m.perClass().get("negative").support()).isEqualTo(10);
    // Every prediction has confidence 0.8 (one bin); accuracy 0.725: ECE = |0.725 - 0.8|.
    assertThat(m.expectedCalibrationError()).isCloseTo(0.075, within(1e-6));
  }

  /** Asymmetric case where precision and recall differ, and a class is never predicted. */
  @Test
  void handlesUnpredictedClassesAndUnequalPrecisionRecall() {
    List<String> labels = List.of("a", "b", "c");
    // true a: 3 predicted a, 1 predicted b; true b: 2 predicted a; true c: 1 predicted b
    long[][] cm = {{3, 1, 0}, {2, 0, 0}, {0, 1, 0}};
    ClassificationMetrics m = ClassificationMetrics.fromConfusion(labels, cm, 0);
    // a: P = 3/5, R = 3/4, F1 = 2*0.6*0.75/1.35 = 0.666667; b and c: F1 0
    assertThat(m.perClass().get("a").f1()).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-9));
    assertThat(m.perClass().get("b").f1()).isZero();
    assertThat(m.perClass().get("c").precision()).isZero();
    assertThat(m.macroF1()).isCloseTo(2 * 0.6 * 0.75 / 1.35 / 3, within(1e-9));
    assertThat(m.weightedF1()).isCloseTo(2 * 0.6 * 0.75 / 1.35 * 4 / 7, within(1e-9));
    assertThat(m.accuracy()).isCloseTo(3.0 / 7, within(1e-9));
    assertThat(m.toJson("sentiment"))
        .containsKeys("task", "n", "accuracy", "macro_f1", "weighted_f1", "per_class", "confusion");
  }
}
