package com.finpulse.ingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a configured source is read. */
public enum SourceType {
  /** An RSS 2.0, RSS 1.0 (RDF) or Atom feed; the format is recognised from the document. */
  @JsonProperty("feed")
  FEED,
  /**
   * A Google News RSS feed: like {@link #FEED}, with the publisher's name taken off the end of each
   * title (it is in {@code <source>}).
   */
  @JsonProperty("google_news")
  GOOGLE_NEWS,
  /** A news sitemap ({@code <news:news>} entries), read with crawler-commons. */
  @JsonProperty("news_sitemap")
  NEWS_SITEMAP,
  /** An SEC EDGAR filings Atom feed (current events or one company), or the current-events page. */
  @JsonProperty("edgar")
  EDGAR,
  /** An HTML page listing articles: links picked by a CSS selector, each page then extracted. */
  @JsonProperty("html_listing")
  HTML_LISTING;

  public String configName() {
    try {
      return SourceType.class.getField(name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
