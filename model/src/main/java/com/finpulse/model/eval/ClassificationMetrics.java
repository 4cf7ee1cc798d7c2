package com.finpulse.model.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy, macro and weighted F1, per-class precision/recall/F1, the confusion matrix (rows =
 * true, columns = predicted) and the expected calibration error (15 equal-width confidence bins).
 */
public record ClassificationMetrics(
    List<String> labels,
    long[][] confusion,
    double accuracy,
    double macroF1,
    double weightedF1,
    Map<String, ClassScores> perClass,
    double expectedCalibrationError) {

  /** Precision, recall, F1 and support of one class. */
  public record ClassScores(double precision, double recall, double f1, long support) {}

  public static final int CALIBRATION_BINS = 15;

  /**
   * @param truth label index per example
   * @param probabilities class probabilities per example (argmax is the prediction)
   */
  public static ClassificationMetrics compute(
      List<String> labels, int[] truth, float[][] probabilities) {
    int k = labels.size();
    int n = truth.length;
    if (probabilities.length != n) {
      throw new IllegalArgumentException(
          n + " labels but " + probabilities.length + " predictions");
    }
    long[][] cm = new long[k][k];
    double[] binConf = new double[CALIBRATION_BINS];
    double[] binAcc = new double[CALIBRATION_BINS];
    long[] binCount = new long[CALIBRATION_BINS];
    for (int i = 0; i < n; i++) {
      int pred = argmax(probabilities[i]);
      cm[truth[i]][pred]++;
      double conf = probabilities[i][pred];
      int bin = Math.min(CALIBRATION_BINS - 1, (int) (conf * CALIBRATION_BINS));
      binConf[bin] += conf;
      binAcc[bin] += pred == truth[i] ? 1 : 0;
      binCount[bin]++;
    }
    double ece = 0;
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      if (binCount[b] > 0) {
        ece += Math.abs(binAcc[b] - binConf[b]) / n;
      }
    }
    return fromConfusion(labels, cm, n == 0 ? 0 : ece);
  }

  /** Metrics of a confusion matrix (rows true, columns predicted); ECE as given. */
  public static ClassificationMetrics fromConfusion(List<String> labels, long[][] cm, double ece) {
    int k = labels.size();
    long n = 0;
    long correct = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        n += cm[i][j];
      }
      correct += cm[i][i];
    }
    Map<String, ClassScores> per = new LinkedHashMap<>();
    double macro = 0;
    double weighted = 0;
    for (int c = 0; c < k; c++) {
      long tp = cm[c][c];
      long predicted = 0;
      long actual = 0;
      for (int i = 0; i < k; i++) {
        predicted += cm[i][c];
        actual += cm[c][i];
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = actual == 0 ? 0 : (double) tp / actual;
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      per.put(labels.get(c), new ClassScores(p, r, f1, actual));
      macro += f1;
      weighted += f1 * actual;
    }
    return new ClassificationMetrics(
        List.copyOf(labels),
        cm,
        n == 0 ? 0 : (double) correct / n,
        k == 0 ? 0 : macro / k,
        n == 0 ? 0 : weighted / n,
        per,
        ece);
  }

  public long count() {
    long n = 0;
    for (long[] row : confusion) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The readable report: headline figures, per-class table, confusion matrix. */
  public String report(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append(title).append(String.format(Locale.ROOT, "  (n = %d)%n", count()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  accuracy %.4f   macro-F1 %.4f   weighted-F1 %.4f   ECE %.4f%n%n",
            accuracy,
            macroF1,
            weightedF1,
            expectedCalibrationError));
    int w = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(5) + 2);
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-" + w + "s %9s %9s %9s %9s%n",
            "class",
            "precision",
            "recall",
            "f1",
            "support"));
    perClass.forEach(
        (name, s) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "  %-" + w + "s %9.4f %9.4f %9.4f %9d%n",
                    name,
                    s.precision(),
                    s.recall(),
                    s.f1(),
                    s.support())));
    sb.append("\n  confusion matrix (rows = true, columns = predicted, in class order above)\n");
    for (int i = 0; i < confusion.length; i++) {
      StringBuilder row = new StringBuilder("  ");
      for (long v : confusion[i]) {
        row.append(String.format(Locale.ROOT, "%6d", v));
      }
      sb.append(row).append("   ").append(labels.get(i)).append('\n');
    }
    return sb.toString();
  }

  /** The JSON object of {@code eval --json}. */
  public Map<String, Object> toJson(String task) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("n", count());
    m.put("accuracy", accuracy);
    m.put("macro_f1", macroF1);
    m.put("weighted_f1", weightedF1);
    m.put("ece", expectedCalibrationError);
    Map<String, Object> per = new LinkedHashMap<>();
    perClass.forEach(
        (name, s) -> {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("precision", s.precision());
          c.put("recall", s.recall());
          c.put("f1", s.f1());
          c.put("support", s.support());
          per.put(name, c);
        });
    m.put("per_class", per);
    m.put("labels", labels);
    List<List<Long>> cm = new ArrayList<>();
    for (long[] row : confusion) {
      List<Long> r = new ArrayList<>();
      for (long v : row) {
        r.add(v);
      }
      cm.add(r);
    }
    m.put("confusion", cm);
    return m;
  }
}
