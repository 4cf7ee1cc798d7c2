package com.finpulse.alerts.detect;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.SentimentScores;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key both inputs are repartitioned by, so one task sees a key's trend updates and its articles
 * (the evidence): {@code topic:<name>}, {@code ticker:<SYMBOL>} or {@code market}. The market's own
 * key string is whatever the processor uses; every article belongs to it.
 */
public final class PartitionKeys {

  public static final String MARKET = "market";

  private PartitionKeys() {}

  public static String of(KeyKind kind, String key) {
    return kind == KeyKind.MARKET ? MARKET : kind.label() + ":" + key;
  }

  /**
   * The sentiment an article has for one of its keys: toward the ticker for a ticker key (the
   * article's own where the model gave none), the article's for the market and its topic.
   */
  public static SentimentScores sentimentFor(ScoredArticle a, String partitionKey) {
    String tickerPrefix = KeyKind.TICKER.label() + ":";
    return partitionKey.startsWith(tickerPrefix)
        ? a.sentimentToward(partitionKey.substring(tickerPrefix.length()))
        : a.sentimentProbabilities();
  }

  /** Every key an article counts for: its topic, each ticker, and the market. */
  public static List<String> of(ScoredArticle a) {
    Set<String> out = new LinkedHashSet<>();
    if (a.topic() != null && !a.topic().isBlank()) {
      out.add(of(KeyKind.TOPIC, a.topic()));
    }
    for (String t : a.tickers()) {
      if (t != null && !t.isBlank()) {
        out.add(of(KeyKind.TICKER, t));
      }
    }
    out.add(MARKET);
    return new ArrayList<>(out);
  }
}
