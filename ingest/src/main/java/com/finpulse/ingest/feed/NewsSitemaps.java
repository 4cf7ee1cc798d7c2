package com.finpulse.ingest.feed;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * News sitemaps ({@code <url>} entries with a {@code <news:news>} block: title, publication date,
 * language, stock tickers) and sitemap indexes, read with crawler-commons. DOCTYPEs are refused and
 * no external entity is resolved.
 */
public final class NewsSitemaps {

  private NewsSitemaps() {}

  /**
   * @param url where the sitemap came from (a {@code file:} URL for local files)
   */
  public static ParsedFeed parse(byte[] bytes, @Nullable String contentType, URL url)
      throws FeedParseException {
    SiteMapParser parser = new SiteMapParser(false);
    parser.enableExtension(Extension.NEWS);
    AbstractSiteMap map;
    try {
      map = parser.parseSiteMap(contentType == null ? "application/xml" : contentType, bytes, url);
    } catch (UnknownFormatException | IOException | RuntimeException e) {
      throw new FeedParseException("not a readable sitemap: " + e.getMessage(), e);
    }
    if (map instanceof SiteMapIndex index) {
      List<URI> children = new ArrayList<>();
      for (AbstractSiteMap child : index.getSitemaps()) {
        URI u = Markup.uriOrNull(child.getUrl().toString());
        if (u != null) {
          children.add(u);
        }
      }
      return new ParsedFeed(FeedFormat.SITEMAP_INDEX, null, null, List.of(), children, List.of());
    }
    List<FeedItem> items = new ArrayList<>();
    for (SiteMapURL entry : ((SiteMap) map).getSiteMapUrls()) {
      ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
      if (news == null || news.length == 0 || !(news[0] instanceof NewsAttributes n)) {
        // A plain sitemap entry has no title: it is no news item.
        continue;
      }
      String title = Markup.blankToNull(n.getTitle());
      if (title == null) {
        continue;
      }
      Instant published =
          n.getPublicationDateTime() != null
              ? n.getPublicationDateTime().toInstant()
              : entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
      String link = entry.getUrl().toString();
      items.add(
          new FeedItem(
              title,
              link,
              published,
              null,
              link,
              null,
              tickers(n.getStockTickers()),
              Markup.languageCode(n.getLanguage()),
              Markup.blankToNull(n.getName())));
    }
    return new ParsedFeed(FeedFormat.NEWS_SITEMAP, null, null, items, List.of(), List.of());
  }

  /** {@code NASDAQ:AMAT, NYSE:IBM} → {@code [AMAT, IBM]}. */
  static List<String> tickers(String @Nullable [] declared) {
    if (declared == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String d : declared) {
      for (String part : d.split(",")) {
        String p = part.strip();
        int colon = p.lastIndexOf(':');
        String symbol = (colon >= 0 ? p.substring(colon + 1) : p).strip().toUpperCase(Locale.ROOT);
        if (symbol.matches("[A-Z0-9.\\-]{1,12}")) {
          out.add(symbol);
        }
      }
    }
    return List.copyOf(out);
  }
}
