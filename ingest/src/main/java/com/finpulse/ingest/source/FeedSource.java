package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.feed.DocumentKind;
import com.finpulse.ingest.feed.EdgarFilings;
import com.finpulse.ingest.feed.FeedDocuments;
import com.finpulse.ingest.feed.FeedFormat;
import com.finpulse.ingest.feed.FeedItem;
import com.finpulse.ingest.feed.FeedParseException;
import com.finpulse.ingest.feed.FilingIndex;
import com.finpulse.ingest.feed.ParsedFeed;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.fetch.FetchOutcome;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feed-like source: RSS, RSS 1.0, Atom, Google News, news sitemap (index), SEC EDGAR. Each poll
 * fetches the document (conditional GET), reads its items with the parser of its {@link
 * DocumentKind} and offers them; with {@code fetch_articles} each new item's page is fetched and
 * extracted (EDGAR: its filing index), the feed item standing in when that fails.
 */
final class FeedSource extends LiveSource {

  private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);
  static final String ACCEPT_FEED =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9,"
          + " text/xml;q=0.9, */*;q=0.5";

  /** Children of a sitemap index read per poll (news sitemaps list the newest first). */
  static final int MAX_CHILD_SITEMAPS = 5;

  private final DocumentKind kind;
  private final @Nullable PageReader pages;

  /**
   * @param pages null unless the source reads article pages ({@code fetch_articles}, not EDGAR)
   */
  FeedSource(
      SourceSettings settings,
      DocumentKind kind,
      PolitenessSettings politeness,
      HttpFetcher fetcher,
      ValidatorStore validators,
      ArticleAssembler assembler,
      @Nullable PageReader pages,
      IngestMetrics metrics,
      Clock clock) {
    super(settings, politeness, fetcher, validators, assembler, metrics, clock);
    this.kind = kind;
    this.pages = pages;
  }

  @Override
  PollResult poll(ArticleSink sink) throws InterruptedException {
    FetchOutcome outcome = fetchDocument(ACCEPT_FEED);
    PollResult ended = recordFetch(outcome);
    if (!(outcome instanceof FetchOutcome.Fetched fetched)) {
      return ended;
    }
    ParsedFeed feed;
    try {
      feed = read(fetched);
      if (feed.format() == FeedFormat.SITEMAP_INDEX) {
        feed = readChildren(feed);
      }
    } catch (FeedParseException e) {
      metrics.error(name(), FailureKind.PARSE);
      return new PollResult.Failed(FailureKind.PARSE, e.getMessage());
    }
    if (!feed.problems().isEmpty()) {
      metrics.error(name(), FailureKind.PARSE);
      LOG.warn(
          "Source {}: {} is not well-formed XML ({}); the {} item(s) read from it are used anyway",
          name(),
          settings.url(),
          feed.problems().get(0),
          feed.items().size());
    }
    List<FeedItem> items = feed.items();
    if (items.size() > settings.maxItems()) {
      items = items.subList(0, settings.maxItems());
    }
    List<CompletableFuture<ArticleSink.Settled>> settled = new ArrayList<>();
    for (FeedItem item : items) {
      settled.add(offer(item, sink));
    }
    rememberWhenSent(fetched, settled);
    return new PollResult.Done(items.size());
  }

  private ParsedFeed read(FetchOutcome.Fetched f) throws FeedParseException {
    return FeedDocuments.parse(kind, f.body(), f.headerCharset(), f.contentType(), f.finalUri());
  }

  private ParsedFeed readChildren(ParsedFeed index)
      throws InterruptedException, FeedParseException {
    List<FeedItem> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int read = 0;
    for (URI child : index.childSitemaps()) {
      if (read++ >= MAX_CHILD_SITEMAPS || items.size() >= settings.maxItems()) {
        break;
      }
      FetchOutcome o = fetcher.fetch(child, ACCEPT_FEED, null);
      if (o instanceof FetchOutcome.Fetched f) {
        metrics.fetch(name(), "ok", f.latency());
        try {
          items.addAll(read(f).items());
        } catch (FeedParseException e) {
          metrics.error(name(), FailureKind.PARSE);
          problems.add(child + ": " + e.getMessage());
        }
      } else if (o instanceof FetchOutcome.Failed f) {
        metrics.fetch(name(), "error", null);
        metrics.error(name(), f.kind());
        problems.add(child + ": " + f.message());
      }
    }
    if (items.isEmpty() && !problems.isEmpty()) {
      throw new FeedParseException("no child sitemap could be read: " + problems.get(0));
    }
    return new ParsedFeed(
        FeedFormat.NEWS_SITEMAP, index.title(), index.language(), items, List.of(), problems);
  }

  private CompletableFuture<ArticleSink.Settled> offer(FeedItem item, ArticleSink sink)
      throws InterruptedException {
    FeedItem effective = item;
    Optional<ArticleAssembler.Assembled> assembled = Optional.empty();
    if (settings.fetchArticles() && item.link() != null) {
      if (alreadySent(item.link(), sink)) {
        return CompletableFuture.completedFuture(ArticleSink.Settled.NOT_NEW);
      }
      if (kind == DocumentKind.EDGAR) {
        effective = withFilingIndex(item);
      } else {
        PageReader.Result page = Objects.requireNonNull(pages).read(name(), item.link());
        if (page instanceof PageReader.Page p) {
          assembled = fromPage(p, item.link(), item);
        } else if (page instanceof PageReader.Failed f) {
          metrics.error(name(), f.kind());
          LOG.warn(
              "Source {}: article page {} failed ({}: {}); publishing the feed's title and summary"
                  + " instead",
              name(),
              item.link(),
              f.kind().tag(),
              f.message());
        }
      }
    }
    if (assembled.isEmpty()) {
      assembled = assembler.fromItem(effective, name(), settings.tickers(), settings.language());
    }
    if (assembled.isEmpty()) {
      return CompletableFuture.completedFuture(ArticleSink.Settled.NOT_NEW);
    }
    // Every SEC filing is its own event, however alike two filings read.
    return sink.offer(
        assembled.get().article(), assembled.get().aliases(), kind != DocumentKind.EDGAR);
  }

  /** EDGAR: the filing index page gives the acceptance time, the filers and 8-K items. */
  private FeedItem withFilingIndex(FeedItem item) throws InterruptedException {
    FetchOutcome o = fetcher.fetch(URI.create(item.link()), PageReader.ACCEPT_HTML, null);
    if (!(o instanceof FetchOutcome.Fetched f)) {
      metrics.fetch(name(), o instanceof FetchOutcome.Failed ? "error" : "deferred", null);
      return item;
    }
    metrics.fetch(name(), "ok", f.latency());
    try {
      FilingIndex index =
          EdgarFilings.filingIndex(
              Jsoup.parse(
                  new ByteArrayInputStream(f.body()),
                  f.headerCharset() == null ? null : f.headerCharset().name(),
                  f.finalUri().toString()),
              f.finalUri());
      FeedItem detailed = EdgarFilings.toItem(index, item.link());
      return new FeedItem(
          detailed.title(),
          item.link(),
          detailed.published() != null ? detailed.published() : item.published(),
          detailed.summary(),
          item.guid(),
          null,
          item.tickers(),
          "en",
          detailed.publisher());
    } catch (FeedParseException | IOException e) {
      metrics.error(name(), FailureKind.PARSE);
      LOG.warn(
          "Source {}: filing index {} unreadable ({}); using the feed entry",
          name(),
          item.link(),
          e.getMessage());
      return item;
    }
  }
}
