package com.finpulse.ingest.testing;

import com.finpulse.ingest.ticker.TickerFinder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test double: cashtags and a tiny watchlist, enough to see tickers flow through ingest. */
public final class CashtagTickerFinder implements TickerFinder {

  private static final Pattern CASHTAG = Pattern.compile("\\$([A-Z]{1,5})\\b");
  private final Map<String, String> watchlist;

  public CashtagTickerFinder(Map<String, String> watchlist) {
    this.watchlist = watchlist;
  }

  public CashtagTickerFinder() {
    this(Map.of());
  }

  @Override
  public List<String> find(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CASHTAG.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    watchlist.forEach(
        (name, ticker) -> {
          if (text.contains(name)) {
            out.add(ticker);
          }
        });
    return new ArrayList<>(out);
  }
}
