package com.finpulse.processor.testing;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trends recomputed from scratch from a set of scored articles, independently of the processor's
 * code: plain grouping, and novelty as the connected components of the near-duplicate graph found
 * by breadth-first search. What the tests compare sentiment.trends and InfluxDB against.
 */
public final class TrendRecomputation {

  /** Expected values of one window of one key. */
  public record Expected(
      long count,
      long negative,
      long neutral,
      long positive,
      double meanScore,
      double negativeShare,
      long novelCount,
      long novelNegativeCount) {

    public static Expected of(TrendPoint p) {
      return new Expected(
          p.count(),
          p.negativeCount(),
          p.neutralCount(),
          p.positiveCount(),
          p.meanScore(),
          p.negativeShare(),
          p.novelCount(),
          p.novelNegativeCount());
    }

    /** Equal, with doubles compared to 1e-9 (sums in another order differ in the last bits). */
    public boolean matches(Expected o) {
      return count == o.count
          && negative == o.negative
          && neutral == o.neutral
          && positive == o.positive
          && Math.abs(meanScore - o.meanScore) < 1e-9
          && Math.abs(negativeShare - o.negativeShare) < 1e-9
          && novelCount == o.novelCount
          && novelNegativeCount == o.novelNegativeCount;
    }
  }

  private TrendRecomputation() {}

  /** Point identity as the InfluxDB sink sees it: {@code kind:key:window@windowStartMillis}. */
  public static String pointKey(KeyKind kind, String key, TrendWindow window, long startMillis) {
    return kind.label() + ":" + key + ":" + window.label() + "@" + startMillis;
  }

  public static String pointKey(TrendPoint p) {
    return pointKey(p.keyKind(), p.key(), p.window(), p.windowStart().toEpochMilli());
  }

  /** The latest point per window in a stream of updates (later updates win). */
  public static Map<String, Expected> latest(Collection<TrendPoint> updates) {
    Map<String, Expected> out = new TreeMap<>();
    for (TrendPoint p : updates) {
      out.put(pointKey(p), Expected.of(p));
    }
    return out;
  }

  public static Map<String, Expected> of(
      Collection<ScoredArticle> articles, List<TrendWindow> windows) {
    Map<String, List<Counted>> groups = new HashMap<>();
    for (ScoredArticle a : articles) {
      List<String> keys = new ArrayList<>();
      keys.add("market\u0000all");
      keys.add("topic\u0000" + a.topic());
      for (String t : new LinkedHashSet<>(a.tickers())) {
        keys.add("ticker\u0000" + t);
      }
      for (TrendWindow w : windows) {
        long size = w.size().toMillis();
        long ts = a.eventTime().toEpochMilli();
        long start = ts - Math.floorMod(ts, size);
        for (String k : keys) {
          String[] parts = k.split("\u0000", 2);
          KeyKind kind = KeyKind.fromLabel(parts[0]);
          // A ticker counts the sentiment toward it; the market and topics the article's.
          SentimentScores s =
              kind == KeyKind.TICKER ? a.sentimentToward(parts[1]) : a.sentimentProbabilities();
          groups
              .computeIfAbsent(pointKey(kind, parts[1], w, start), x -> new ArrayList<>())
              .add(new Counted(a.fingerprint(), s));
        }
      }
    }
    Map<String, Expected> out = new TreeMap<>();
    groups.forEach((key, list) -> out.put(key, expected(list)));
    return out;
  }

  /** One article as one key counts it. */
  private record Counted(String fingerprint, SentimentScores scores) {}

  private static Expected expected(List<Counted> list) {
    long neg = 0;
    long neu = 0;
    long pos = 0;
    double sum = 0;
    for (Counted a : list) {
      switch (a.scores().label()) {
        case NEGATIVE -> neg++;
        case NEUTRAL -> neu++;
        case POSITIVE -> pos++;
      }
      sum += a.scores().score();
    }
    long n = list.size();
    return new Expected(
        n,
        neg,
        neu,
        pos,
        sum / n,
        (double) neg / n,
        components(list.stream().map(Counted::fingerprint).toList()),
        components(
            list.stream()
                .filter(a -> a.scores().label() == Sentiment.NEGATIVE)
                .map(Counted::fingerprint)
                .toList()));
  }

  /** Connected components of the near-duplicate graph over the distinct fingerprints. */
  static long components(List<String> fingerprints) {
    List<String> nodes = new ArrayList<>(new LinkedHashSet<>(fingerprints));
    Set<Integer> visited = new java.util.HashSet<>();
    long count = 0;
    for (int i = 0; i < nodes.size(); i++) {
      if (!visited.add(i)) {
        continue;
      }
      count++;
      ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(i));
      while (!queue.isEmpty()) {
        int n = queue.poll();
        for (int j = 0; j < nodes.size(); j++) {
          if (!visited.contains(j)
              && ContentFingerprint.nearDuplicates(nodes.get(n), nodes.get(j))) {
            visited.add(j);
            queue.add(j);
          }
        }
      }
    }
    return count;
  }
}
