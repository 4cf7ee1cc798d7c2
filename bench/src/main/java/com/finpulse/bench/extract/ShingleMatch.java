package com.finpulse.bench.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Body-text scoring exactly as scrapinghub/article-extraction-benchmark's {@code evaluate.py}
 * computes it: texts are tokenised into {@code \w+} runs (Unicode letters, digits, underscore; case
 * kept), compared as bags of 4-token shingles; per page, true positives, false positives and false
 * negatives are normalised to sum to one (so long pages weigh no more than short ones); precision
 * and recall are the means over pages (precision over pages where something was predicted or
 * expected, recall likewise) and F1 is their harmonic mean.
 */
final class ShingleMatch {

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final int N = 4;

  /** One page's normalised counts. */
  record Counts(double tp, double fp, double fn) {

    double precision() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fp == 0) {
        return 0;
      }
      return tp / (tp + fp);
    }

    double recall() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fn == 0) {
        return 0;
      }
      return tp / (tp + fn);
    }
  }

  /** Means over pages, as evaluate.py's {@code metrics_from_tp_fp_fns}. */
  record Summary(double precision, double recall, double f1, int pages) {

    static Summary of(List<Counts> pages) {
      double p = 0;
      int np = 0;
      double r = 0;
      int nr = 0;
      for (Counts c : pages) {
        if (c.tp + c.fp > 0) {
          p += c.precision();
          np++;
        }
        if (c.tp + c.fn > 0) {
          r += c.recall();
          nr++;
        }
      }
      double precision = np == 0 ? 0 : p / np;
      double recall = nr == 0 ? 0 : r / nr;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      return new Summary(precision, recall, f1, pages.size());
    }
  }

  private ShingleMatch() {}

  static Counts compare(String expected, String predicted) {
    Map<List<String>, Integer> truth = shingles(expected);
    Map<List<String>, Integer> pred = shingles(predicted);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    Set<List<String>> keys = new HashSet<>(truth.keySet());
    keys.addAll(pred.keySet());
    for (List<String> k : keys) {
      int t = truth.getOrDefault(k, 0);
      int p = pred.getOrDefault(k, 0);
      tp += Math.min(t, p);
      fp += Math.max(0, p - t);
      fn += Math.max(0, t - p);
    }
    double sum = tp + fp + fn;
    return sum > 0 ? new Counts(tp / sum, fp / sum, fn / sum) : new Counts(0, 0, 0);
  }

  /**
   * For a ground truth that is only the article's beginning: the share of the prefix's shingles
   * that the prediction contains (recall; precision cannot be known).
   */
  static double prefixRecall(String expectedPrefix, String predicted) {
    Map<List<String>, Integer> truth = shingles(expectedPrefix);
    Map<List<String>, Integer> pred = shingles(predicted);
    int total = 0;
    int found = 0;
    for (var e : truth.entrySet()) {
      total += e.getValue();
      found += Math.min(e.getValue(), pred.getOrDefault(e.getKey(), 0));
    }
    return total == 0 ? 1 : (double) found / total;
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text == null ? "" : text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** evaluate.py's {@code _ngrams}: texts shorter than N tokens give one shorter shingle. */
  private static Map<List<String>, Integer> shingles(String text) {
    List<String> t = tokens(text);
    Map<List<String>, Integer> out = new HashMap<>();
    for (int i = 0; i < Math.max(1, t.size() - N + 1); i++) {
      List<String> shingle = t.subList(i, Math.min(t.size(), i + N));
      if (!shingle.isEmpty()) {
        out.merge(List.copyOf(shingle), 1, Integer::sum);
      }
    }
    return out;
  }
}
