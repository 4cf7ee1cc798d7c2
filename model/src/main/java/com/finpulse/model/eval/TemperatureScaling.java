package com.finpulse.model.eval;

import com.finpulse.model.bundle.ModelManifest;
import java.util.List;

/**
 * Temperature scaling (Guo et al., 2017): one positive scalar T per task divides the logits before
 * the softmax, fitted on held-out data by minimising the negative log-likelihood. It changes no
 * prediction, only how confident the probabilities are. Works from probabilities: log p equals the
 * logits up to a per-row constant, which the softmax ignores.
 */
public final class TemperatureScaling {

  static final double MIN_T = 0.05;
  static final double MAX_T = 20.0;
  private static final double FLOOR = 1e-30;

  private TemperatureScaling() {}

  /** Fits T on {@code probabilities} (computed with T = 1) against {@code truth}. */
  public static ModelManifest.Calibration fit(
      List<String> labels, int[] truth, float[][] probabilities) {
    if (truth.length == 0) {
      return new ModelManifest.Calibration(1.0, 0, 0, 0, 0, 0);
    }
    // Golden-section search on log T: the NLL is convex in 1/T, unimodal in log T.
    double lo = Math.log(MIN_T);
    double hi = Math.log(MAX_T);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = nll(truth, probabilities, Math.exp(a));
    double fb = nll(truth, probabilities, Math.exp(b));
    for (int i = 0; i < 80 && hi - lo > 1e-5; i++) {
      if (fa < fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = nll(truth, probabilities, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = nll(truth, probabilities, Math.exp(b));
      }
    }
    double t = Math.exp((lo + hi) / 2);
    double before =
        ClassificationMetrics.compute(labels, truth, probabilities).expectedCalibrationError();
    double after =
        ClassificationMetrics.compute(labels, truth, rescale(probabilities, t))
            .expectedCalibrationError();
    return new ModelManifest.Calibration(
        round(t),
        truth.length,
        round(before),
        round(after),
        round(nll(truth, probabilities, 1.0)),
        round(nll(truth, probabilities, t)));
  }

  /** softmax(log p / T) of every row: the probabilities a temperature T would have given. */
  public static float[][] rescale(float[][] probabilities, double temperature) {
    float[][] out = new float[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      out[i] = rescaleRow(probabilities[i], temperature);
    }
    return out;
  }

  static float[] rescaleRow(float[] p, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    double[] z = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      z[j] = Math.log(Math.max(p[j], FLOOR)) / temperature;
      max = Math.max(max, z[j]);
    }
    double sum = 0;
    for (int j = 0; j < p.length; j++) {
      z[j] = Math.exp(z[j] - max);
      sum += z[j];
    }
    float[] out = new float[p.length];
    for (int j = 0; j < p.length; j++) {
      out[j] = (float) (z[j] / sum);
    }
    return out;
  }

  /** Mean negative log-likelihood of the true labels under temperature T. */
  static double nll(int[] truth, float[][] probabilities, double temperature) {
    double total = 0;
    for (int i = 0; i < truth.length; i++) {
      total -= Math.log(Math.max(rescaleRow(probabilities[i], temperature)[truth[i]], FLOOR));
    }
    return total / truth.length;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
