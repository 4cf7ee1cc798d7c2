package com.finpulse.ingest.source;

import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.extract.ExtractionException;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.fetch.FetchOutcome;
import com.finpulse.ingest.fetch.HttpFetcher;
import java.net.URI;

/** Fetches an article page and runs the {@link ArticleExtractor} on it. */
final class PageReader {

  static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

  /** What reading one page came to. */
  sealed interface Result {}

  record Page(ExtractedArticle article, String finalUrl) implements Result {}

  record Failed(FailureKind kind, String message) implements Result {}

  private final HttpFetcher fetcher;
  private final ArticleExtractor extractor;
  private final IngestMetrics metrics;

  PageReader(HttpFetcher fetcher, ArticleExtractor extractor, IngestMetrics metrics) {
    this.fetcher = fetcher;
    this.extractor = extractor;
    this.metrics = metrics;
  }

  Result read(String source, String url) throws InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return new Failed(FailureKind.HTTP, "not a URL: " + url);
    }
    FetchOutcome outcome = fetcher.fetch(uri, ACCEPT_HTML, null);
    switch (outcome) {
      case FetchOutcome.Fetched f -> {
        metrics.fetch(source, "ok", f.latency());
        try {
          return new Page(
              extractor.extract(f.body(), f.headerCharset(), f.finalUri()),
              f.finalUri().toString());
        } catch (ExtractionException e) {
          return new Failed(FailureKind.EXTRACT, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
          // A pathological page (a nesting bomb) must cost one article, not the source.
          return new Failed(FailureKind.EXTRACT, "extractor failed: " + e);
        }
      }
      case FetchOutcome.NotModified n -> {
        metrics.fetch(source, "not_modified", n.latency());
        return new Failed(FailureKind.HTTP, "304 without validators sent");
      }
      case FetchOutcome.Deferred d -> {
        metrics.fetch(source, "deferred", null);
        return new Failed(FailureKind.HTTP, "deferred: " + d.reason());
      }
      case FetchOutcome.Failed f -> {
        metrics.fetch(source, "error", null);
        return new Failed(f.kind(), f.message());
      }
    }
  }
}
