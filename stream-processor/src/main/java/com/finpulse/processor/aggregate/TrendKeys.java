package com.finpulse.processor.aggregate;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keys an article counts under: the whole market, its topic, each of its tickers. A key is
 * {@code kind:key} on the repartition topic and in the window stores.
 */
public final class TrendKeys {

  /** The one key of {@link KeyKind#MARKET}: all articles together. */
  public static final String MARKET_KEY = "all";

  private TrendKeys() {}

  public static String of(KeyKind kind, String key) {
    return kind.label() + ":" + key;
  }

  /** The ticker a {@link KeyKind#TICKER} group key names, or null for another kind. */
  public static String tickerOf(String groupKey) {
    return kind(groupKey) == KeyKind.TICKER ? key(groupKey) : null;
  }

  public static List<String> of(ScoredArticle a) {
    List<String> out = new ArrayList<>(2 + a.tickers().size());
    out.add(of(KeyKind.MARKET, MARKET_KEY));
    out.add(of(KeyKind.TOPIC, a.topic()));
    for (String ticker : new LinkedHashSet<>(a.tickers())) {
      out.add(of(KeyKind.TICKER, ticker));
    }
    return out;
  }

  public static KeyKind kind(String groupKey) {
    return KeyKind.fromLabel(groupKey.substring(0, groupKey.indexOf(':')));
  }

  public static String key(String groupKey) {
    return groupKey.substring(groupKey.indexOf(':') + 1);
  }
}
