package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.feed.ListingLinks;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.fetch.FetchOutcome;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTML page listing articles: the links its {@code link_selector} (and {@code link_pattern})
 * picks are fetched, unless already known, and each page goes through the article extractor. A link
 * whose page keeps failing is given up after {@link #MAX_PAGE_FAILURES} tries.
 */
final class ListingSource extends LiveSource {

  private static final Logger LOG = LoggerFactory.getLogger(ListingSource.class);
  static final int MAX_PAGE_FAILURES = 3;

  private final PageReader pages;
  private final Pattern linkPattern;

  /** Links whose page failed, with the number of failures (bounded, oldest dropped). */
  private final Map<String, Integer> failedLinks =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > 10_000;
        }
      };

  ListingSource(
      SourceSettings settings,
      PolitenessSettings politeness,
      HttpFetcher fetcher,
      ValidatorStore validators,
      ArticleAssembler assembler,
      PageReader pages,
      IngestMetrics metrics,
      Clock clock) {
    super(settings, politeness, fetcher, validators, assembler, metrics, clock);
    this.pages = pages;
    this.linkPattern =
        settings.linkPattern() == null ? null : Pattern.compile(settings.linkPattern());
  }

  @Override
  PollResult poll(ArticleSink sink) throws InterruptedException {
    FetchOutcome outcome = fetchDocument(PageReader.ACCEPT_HTML);
    PollResult ended = recordFetch(outcome);
    if (!(outcome instanceof FetchOutcome.Fetched fetched)) {
      return ended;
    }
    List<String> links;
    try {
      Document page =
          Jsoup.parse(
              new ByteArrayInputStream(fetched.body()),
              fetched.headerCharset() == null ? null : fetched.headerCharset().name(),
              fetched.finalUri().toString());
      links =
          ListingLinks.extract(
              page, settings.linkSelector(), linkPattern, fetched.finalUri(), settings.maxItems());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      metrics.error(name(), FailureKind.PARSE);
      return new PollResult.Failed(FailureKind.PARSE, "listing page unreadable: " + e);
    }
    if (links.isEmpty()) {
      metrics.error(name(), FailureKind.PARSE);
      return new PollResult.Failed(
          FailureKind.PARSE,
          "no links match link_selector '" + settings.linkSelector() + "' (page layout changed?)");
    }
    List<CompletableFuture<ArticleSink.Settled>> settled = new ArrayList<>();
    boolean complete = true;
    for (String link : links) {
      if (alreadySent(link, sink)) {
        continue;
      }
      int failures = failedLinks.getOrDefault(link, 0);
      if (failures >= MAX_PAGE_FAILURES) {
        continue;
      }
      PageReader.Result r = pages.read(name(), link);
      if (r instanceof PageReader.Failed f) {
        complete = false;
        metrics.error(name(), f.kind());
        failedLinks.put(link, failures + 1);
        LOG.warn(
            "Source {}: article page {} failed ({}: {}); {}",
            name(),
            link,
            f.kind().tag(),
            f.message(),
            failures + 1 >= MAX_PAGE_FAILURES
                ? "giving it up after " + MAX_PAGE_FAILURES + " tries"
                : "retried at the next poll");
        continue;
      }
      PageReader.Page p = (PageReader.Page) r;
      failedLinks.remove(link);
      Optional<ArticleAssembler.Assembled> a = fromPage(p, link, null);
      if (a.isPresent()) {
        settled.add(sink.offer(a.get().article(), a.get().aliases()));
      }
    }
    if (complete) {
      rememberWhenSent(fetched, settled);
    }
    return new PollResult.Done(settled.size());
  }
}
