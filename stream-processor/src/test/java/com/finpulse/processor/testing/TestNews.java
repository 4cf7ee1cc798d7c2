package com.finpulse.processor.testing;

import com.finpulse.common.event.NewsArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated headlines with every feature the trends care about: the three sentiments, several
 * topics and tickers, and syndicated copies (same story, other source and casing) that the novelty
 * counts must collapse.
 */
public final class TestNews {

  private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};
  private static final String[] TICKERS = {"ACME", "GLBX", "INTC", "UMBR", "HOOL"};
  private static final String[] EVENTS = {
    "shares soar after record quarterly earnings",
    "stock slump deepens as profit misses estimates",
    "agrees merger deal with a rival",
    "holds annual meeting in Chicago",
    "cuts full-year revenue outlook, shares plunge",
    "beats revenue expectations on strong demand",
    "faces downgrade as inflation hits margins",
    "announces new product line",
  };

  private TestNews() {}

  /**
   * {@code n} articles published between {@code from} and {@code from + span}; about one in six is
   * a syndicated copy of an earlier story.
   */
  public static List<NewsArticle> wave(
      String label, int n, Instant from, Duration span, long seed) {
    Random r = new Random(seed);
    List<NewsArticle> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant published = from.plusMillis((long) (span.toMillis() * (double) i / n));
      if (!out.isEmpty() && r.nextInt(6) == 0) {
        NewsArticle original = out.get(r.nextInt(out.size()));
        out.add(
            Articles.article(
                original.title().toUpperCase(Locale.ROOT) + "!",
                published,
                published.plusSeconds(5),
                "syndicate-" + label + "-" + i,
                original.tickers().toArray(String[]::new)));
        continue;
      }
      int c = r.nextInt(COMPANIES.length);
      String title =
          COMPANIES[c] + " " + EVENTS[r.nextInt(EVENTS.length)] + " (" + label + " #" + i + ")";
      String[] tickers =
          r.nextInt(4) == 0
              ? new String[] {TICKERS[c], TICKERS[(c + 1) % TICKERS.length]}
              : r.nextInt(5) == 0 ? new String[0] : new String[] {TICKERS[c]};
      out.add(Articles.article(title, published, published.plusSeconds(20), "wire", tickers));
    }
    return out;
  }
}
