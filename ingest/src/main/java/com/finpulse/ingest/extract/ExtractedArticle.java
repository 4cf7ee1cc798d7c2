package com.finpulse.ingest.extract;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What extraction found in one article page.
 *
 * @param title the article's headline (not the page title with the site name appended)
 * @param published publish time, when the page states one
 * @param text body text: paragraphs separated by blank lines, no navigation or boilerplate
 * @param canonicalUrl the page's canonical URL (link rel=canonical, og:url), absolute
 * @param language ISO 639-1 code, when known
 * @param tickers upper-case symbols found in title and text
 */
public record ExtractedArticle(
    String title,
    @Nullable Instant published,
    String text,
    @Nullable String canonicalUrl,
    @Nullable String language,
    List<String> tickers,
    @Nullable String author) {

  public ExtractedArticle {
    tickers = List.copyOf(tickers);
  }
}
