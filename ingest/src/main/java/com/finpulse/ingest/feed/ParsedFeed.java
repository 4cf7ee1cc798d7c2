package com.finpulse.ingest.feed;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a feed document holds.
 *
 * @param items in document order
 * @param childSitemaps sitemaps a sitemap index points to (empty otherwise)
 * @param problems well-formedness errors found while reading (the items are what could be read
 *     anyway); empty for a clean document
 */
public record ParsedFeed(
    FeedFormat format,
    @Nullable String title,
    @Nullable String language,
    List<FeedItem> items,
    List<URI> childSitemaps,
    List<String> problems) {

  public ParsedFeed {
    items = List.copyOf(items);
    childSitemaps = List.copyOf(childSitemaps);
    problems = List.copyOf(problems);
  }
}
