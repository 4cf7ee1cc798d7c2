package com.finpulse.ingest.service;

import com.finpulse.common.ticker.Watchlist;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.extract.ArticlePageExtractor;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import com.finpulse.ingest.ticker.TickerFinder;
import java.util.HashMap;
import java.util.Map;

/**
 * The composition root of ingest: the one place where the application's {@link ArticleExtractor}
 * and {@link TickerFinder} are constructed. {@link IngestServiceProvider} ({@code ./finpulse up})
 * and {@code ./finpulse ingest run} both get them from here; everything else receives them through
 * constructors.
 */
public final class IngestComponents implements Collaborators {

  @Override
  public ArticleExtractor articleExtractor(IngestConfig config) {
    return new ArticlePageExtractor(tickerFinder(config));
  }

  /** The built-in watchlist with the configured names added (and winning). */
  @Override
  public TickerFinder tickerFinder(IngestConfig config) {
    Map<String, String> watchlist = new HashMap<>(Watchlist.defaults());
    watchlist.putAll(config.watchlist());
    return new PatternTickerFinder(watchlist);
  }
}
