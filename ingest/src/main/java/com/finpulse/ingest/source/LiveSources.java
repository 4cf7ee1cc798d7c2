package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.config.SourceType;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the polled sources of {@code ingest.yml}. */
public final class LiveSources {

  private LiveSources() {}

  /**
   * @param extractor asked for only when a source reads article pages
   */
  public static List<NewsSource> of(
      List<SourceSettings> sources,
      PolitenessSettings politeness,
      HttpFetcher fetcher,
      ValidatorStore validators,
      ArticleAssembler assembler,
      Supplier<ArticleExtractor> extractor,
      IngestMetrics metrics,
      Clock clock) {
    List<NewsSource> out = new ArrayList<>();
    PageReader pages = null;
    for (SourceSettings s : sources) {
      if (pages == null && s.extractsPages() && s.type() != SourceType.EDGAR) {
        pages = new PageReader(fetcher, extractor.get(), metrics);
      }
      PageReader p = pages;
      if (s.type() == SourceType.HTML_LISTING) {
        out.add(
            new ListingSource(s, politeness, fetcher, validators, assembler, p, metrics, clock));
      } else {
        out.add(new FeedSource(s, politeness, fetcher, validators, assembler, p, metrics, clock));
      }
    }
    return out;
  }
}
