package com.finpulse.ingest.feed;

/** The document kinds ingest reads items from. */
public enum FeedFormat {
  RSS_2,
  RSS_1_RDF,
  ATOM,
  NEWS_SITEMAP,
  SITEMAP_INDEX,
  EDGAR_CURRENT_EVENTS,
  EDGAR_FILING_INDEX
}
