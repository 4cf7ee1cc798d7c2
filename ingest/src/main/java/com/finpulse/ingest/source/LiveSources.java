package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.feed.DocumentKind;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the polled sources of {@code ingest.yml}. The one place a source type decides how the
 * source is read: which source class, which parser reads its document, and whether it is SEC EDGAR
 * (filings, fetched under SEC's rules).
 */
public final class LiveSources {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);

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
    PageReaders pages = new PageReaders(() -> new PageReader(fetcher, extractor.get(), metrics));
    BiFunction<SourceSettings, DocumentKind, NewsSource> feed =
        (s, kind) ->
            new FeedSource(
                s,
                kind,
                politeness,
                fetcher,
                validators,
                assembler,
                // An EDGAR item's page is its filing index, read as a document, not extracted.
                s.fetchArticles() && kind != DocumentKind.EDGAR ? pages.get() : null,
                metrics,
                clock);
    List<NewsSource> out = new ArrayList<>();
    boolean edgar = false;
    for (SourceSettings s : sources) {
      out.add(
          switch (s.type()) {
            case FEED, GOOGLE_NEWS -> feed.apply(s, DocumentKind.FEED);
            case NEWS_SITEMAP -> feed.apply(s, DocumentKind.NEWS_SITEMAP);
            case EDGAR -> {
              edgar = true;
              yield feed.apply(s, DocumentKind.EDGAR);
            }
            case HTML_LISTING ->
                new ListingSource(
                    s, politeness, fetcher, validators, assembler, pages.get(), metrics, clock);
          });
    }
    if (edgar) {
      warnWithoutContact(fetcher.userAgent());
    }
    return out;
  }

  /** SEC answers requests whose User-Agent names no contact e-mail with 403. */
  private static void warnWithoutContact(String userAgent) {
    if (!userAgent.contains("@")) {
      LOG.warn(
          "SEC EDGAR sources are enabled but http.user_agent ('{}') names no contact e-mail; SEC"
              + " answers such requests with 403. Set FINPULSE_USER_AGENT, e.g. 'FinPulse/0.1"
              + " ops@example.com'",
          userAgent);
    }
  }

  /** One page reader for every source that reads article pages, made when the first needs it. */
  private static final class PageReaders implements Supplier<PageReader> {
    private final Supplier<PageReader> make;
    private @Nullable PageReader made;

    PageReaders(Supplier<PageReader> make) {
      this.make = make;
    }

    @Override
    public PageReader get() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }
  }
}
