package com.finpulse.ingest.feed;

/** The kind of document a reader expects; decides which parser reads it. */
public enum DocumentKind {
  /** RSS 2.0, RSS 1.0 (RDF) or Atom, the format recognised from the document. */
  FEED,
  /** A news sitemap or a sitemap index, read with crawler-commons. */
  NEWS_SITEMAP,
  /** An SEC EDGAR filings Atom feed, the current-events page or a filing index page. */
  EDGAR,
  /** Any of the above, recognised from the document (files given on the command line). */
  ANY
}
