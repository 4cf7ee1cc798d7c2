package com.finpulse.ingest.feed;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a feed, sitemap or listing, as the document states it.
 *
 * @param title plain text (markup and entities undone)
 * @param link absolute URL of the article: the publisher's original when the feed names one ({@code
 *     feedburner:origLink}), else the item's link, else a permalink guid
 * @param published publish (else update) time, when the document states one
 * @param summary plain-text description or content, when given
 * @param guid the item's own id (guid, Atom id), when given
 * @param author byline, when given
 * @param tickers symbols the document attaches to the item (news sitemap stock_tickers)
 * @param language ISO 639-1 code of the item or its feed, when stated
 * @param publisher the original publisher when the feed is an aggregator (Google News)
 */
public record FeedItem(
    String title,
    @Nullable String link,
    @Nullable Instant published,
    @Nullable String summary,
    @Nullable String guid,
    @Nullable String author,
    List<String> tickers,
    @Nullable String language,
    @Nullable String publisher) {

  public FeedItem {
    tickers = tickers == null ? List.of() : List.copyOf(tickers);
  }

  public FeedItem withTitle(String newTitle) {
    return new FeedItem(
        newTitle, link, published, summary, guid, author, tickers, language, publisher);
  }

  public FeedItem withSummary(@Nullable String newSummary) {
    return new FeedItem(
        title, link, published, newSummary, guid, author, tickers, language, publisher);
  }
}
