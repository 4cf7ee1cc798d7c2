package com.finpulse.ingest.service;

import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.ticker.TickerFinder;

/**
 * Builds the parts of ingest that live in other packages, when a source needs them: the simulator
 * needs neither, a replay only the ticker finder, live sources both. Implementations: {@link
 * IngestComponents} (the application), test doubles.
 */
public interface Collaborators {

  ArticleExtractor articleExtractor(IngestConfig config);

  /** Finds symbols by cashtag, {@code EXCHANGE:TICKER} and the config's {@code watchlist}. */
  TickerFinder tickerFinder(IngestConfig config);
}
