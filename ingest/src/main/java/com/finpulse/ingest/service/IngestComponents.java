package com.finpulse.ingest.service;

import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.ticker.TickerFinder;

/**
 * The composition root of ingest: the one place where the application's {@link ArticleExtractor}
 * and {@link TickerFinder} are constructed. {@link IngestServiceProvider} ({@code ./finpulse up})
 * and {@code ./finpulse ingest run} both get them from here; everything else receives them through
 * constructors.
 */
public final class IngestComponents implements Collaborators {

  @Override
  public ArticleExtractor articleExtractor(IngestConfig config) {
    // >>> COMPOSITION ROOT: construct the production ArticleExtractor here (package extract). <<<
    throw new IllegalStateException(
        "no ArticleExtractor is wired in IngestComponents.articleExtractor; live sources cannot"
            + " run in this build (simulate:SCENARIO can)");
  }

  @Override
  public TickerFinder tickerFinder(IngestConfig config) {
    // >>> COMPOSITION ROOT: construct the production TickerFinder here (package ticker), from
    // config.watchlist() (company name -> symbol). <<<
    throw new IllegalStateException(
        "no TickerFinder is wired in IngestComponents.tickerFinder; live and replay sources cannot"
            + " run in this build (simulate:SCENARIO can)");
  }
}
