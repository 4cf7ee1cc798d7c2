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
    Builder b = new Builder(politeness, fetcher, validators, assembler, extractor, metrics, clock);
    List<NewsSource> out = new ArrayList<>();
    boolean edgar = false;
    for (SourceSettings s : sources) {
      out.add(
          switch (s.type()) {
            case FEED, GOOGLE_NEWS -> b.feed(s, DocumentKind.FEED);
            case NEWS_SITEMAP -> b.feed(s, DocumentKind.NEWS_SITEMAP);
            case EDGAR -> {
              edgar = true;
              yield b.feed(s, DocumentKind.EDGAR);
            }
            case HTML_LISTING -> b.listing(s);
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

  /** What every source shares; one page reader for all sources that read article pages. */
  private static final class Builder {
    private final PolitenessSettings politeness;
    private final HttpFetcher fetcher;
    private final ValidatorStore validators;
    private final ArticleAssembler assembler;
    private final Supplier<ArticleExtractor> extractor;
    private final IngestMetrics metrics;
    private final Clock clock;
    private @Nullable PageReader pages;

    Builder(
        PolitenessSettings politeness,
        HttpFetcher fetcher,
        ValidatorStore validators,
        ArticleAssembler assembler,
        Supplier<ArticleExtractor> extractor,
        IngestMetrics metrics,
        Clock clock) {
      this.politeness = politeness;
      this.fetcher = fetcher;
      this.validators = validators;
      this.assembler = assembler;
      this.extractor = extractor;
      this.metrics = metrics;
      this.clock = clock;
    }

    NewsSource feed(SourceSettings s, DocumentKind kind) {
      // An EDGAR item's page is its filing index, read as a document, not extracted.
      boolean readsPages = s.fetchArticles() && kind != DocumentKind.EDGAR;
      return new FeedSource(
          s,
          kind,
          politeness,
          fetcher,
          validators,
          assembler,
          readsPages ? pages() : null,
          metrics,
          clock);
    }

    NewsSource listing(SourceSettings s) {
      return new ListingSource(
          s, politeness, fetcher, validators, assembler, pages(), metrics, clock);
    }

    private PageReader pages() {
      if (pages == null) {
        pages = new PageReader(fetcher, extractor.get(), metrics);
      }
      return pages;
    }
  }
}
