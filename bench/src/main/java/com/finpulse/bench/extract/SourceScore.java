package com.finpulse.bench.extract;

import com.finpulse.ingest.extract.ExtractedArticle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of one source (or of all of them): body P/R/F1 over full-body truths, prefix recall
 * over prefix-only truths, and hit rates for title, date, language and canonical URL where the
 * source labels them.
 */
record SourceScore(
    String source,
    int pages,
    int failures,
    ShingleMatch.Summary body,
    double bagOfWordsF1,
    double prefixRecall,
    Rate title,
    Rate date,
    Rate language,
    Rate canonical) {

  /** hits of total; NaN when the source labels nothing. */
  record Rate(int hits, int total) {
    double value() {
      return total == 0 ? Double.NaN : (double) hits / total;
    }

    String show() {
      return total == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d)", value(), total);
    }
  }

  boolean prefixOnly() {
    return body.pages() == 0 && !Double.isNaN(prefixRecall);
  }

  /** Scores the extractor's output. */
  static SourceScore extractor(String source, List<PageResult> results) {
    return score(source, results, PageResult::extractedText, true);
  }

  /** Scores the baseline's text (body figures only). */
  static SourceScore baseline(String source, List<PageResult> results) {
    return score(source, results, PageResult::baseline, false);
  }

  private static SourceScore score(
      String source, List<PageResult> results, Function<PageResult, String> text, boolean fields) {
    List<ShingleMatch.Counts> shingles = new ArrayList<>();
    List<ShingleMatch.Counts> words = new ArrayList<>();
    double prefix = 0;
    int prefixPages = 0;
    int failures = 0;
    int[] title = new int[2];
    int[] date = new int[2];
    int[] language = new int[2];
    int[] canonical = new int[2];
    for (PageResult r : results) {
      LabeledPage p = r.page();
      if (r.article() == null) {
        failures++;
      }
      String predicted = text.apply(r);
      if (p.body() != null) {
        if (p.bodyIsPrefix()) {
          prefix += ShingleMatch.prefixRecall(p.body(), predicted);
          prefixPages++;
        } else {
          shingles.add(ShingleMatch.compare(p.body(), predicted));
          words.add(bagOfWords(p.body(), predicted));
        }
      }
      if (!fields) {
        continue;
      }
      ExtractedArticle a = r.article();
      if (p.title() != null) {
        count(title, a != null && FieldMatch.sameTitle(p.title(), a.title()));
      }
      if (p.published() != null) {
        Boolean ok = DateTruth.matches(p.published(), a == null ? null : a.published());
        if (ok != null) {
          count(date, ok);
        }
      }
      if (p.language() != null) {
        count(language, a != null && p.language().equals(a.language()));
      }
      if (p.canonicalUrl() != null) {
        count(
            canonical,
            a != null
                && a.canonicalUrl() != null
                && FieldMatch.sameUrl(p.canonicalUrl(), a.canonicalUrl()));
      }
    }
    return new SourceScore(
        source,
        results.size(),
        fields ? failures : 0,
        ShingleMatch.Summary.of(shingles),
        ShingleMatch.Summary.of(words).f1(),
        prefixPages == 0 ? Double.NaN : prefix / prefixPages,
        new Rate(title[0], title[1]),
        new Rate(date[0], date[1]),
        new Rate(language[0], language[1]),
        new Rate(canonical[0], canonical[1]));
  }

  private static void count(int[] rate, boolean hit) {
    rate[1]++;
    if (hit) {
      rate[0]++;
    }
  }

  /** The same counts over single tokens instead of 4-token shingles. */
  private static ShingleMatch.Counts bagOfWords(String expected, String predicted) {
    Map<String, Integer> t = new LinkedHashMap<>();
    ShingleMatch.tokens(expected).forEach(x -> t.merge(x, 1, Integer::sum));
    Map<String, Integer> p = new LinkedHashMap<>();
    ShingleMatch.tokens(predicted).forEach(x -> p.merge(x, 1, Integer::sum));
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (var e : t.entrySet()) {
      int q = p.getOrDefault(e.getKey(), 0);
      tp += Math.min(e.getValue(), q);
      fn += Math.max(0, e.getValue() - q);
    }
    for (var e : p.entrySet()) {
      fp += Math.max(0, e.getValue() - t.getOrDefault(e.getKey(), 0));
    }
    double s = tp + fp + fn;
    return s == 0
        ? new ShingleMatch.Counts(0, 0, 0)
        : new ShingleMatch.Counts(tp / s, fp / s, fn / s);
  }
}
