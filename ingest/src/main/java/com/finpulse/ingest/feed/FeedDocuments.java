package com.finpulse.ingest.feed;

import com.finpulse.ingest.fetch.DocumentCharset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads any document a feed-like source serves: RSS, RSS 1.0, Atom, news sitemap or sitemap index,
 * SEC EDGAR feeds and pages. A source reads the {@link DocumentKind} its type names, and a document
 * of another kind is an error saying which source type reads it; files on the command line are
 * recognised from the document. Never from the Content-Type (servers label feeds every which way).
 */
public final class FeedDocuments {

  private FeedDocuments() {}

  /** Reads a document of any kind, recognised from the document itself. */
  public static ParsedFeed parse(
      byte[] bytes,
      @Nullable Charset headerCharset,
      @Nullable String contentType,
      @Nullable URI url)
      throws FeedParseException {
    return parse(DocumentKind.ANY, bytes, headerCharset, contentType, url);
  }

  /**
   * @param expected the kind the caller reads; another kind is an error naming what was found
   * @param headerCharset charset of the HTTP Content-Type, if any
   * @param contentType the HTTP Content-Type, if any
   * @param url the document's URL (after redirects) for relative links; null for a local file
   * @throws FeedParseException when nothing of the expected kind can be read from the document
   */
  public static ParsedFeed parse(
      DocumentKind expected,
      byte[] bytes,
      @Nullable Charset headerCharset,
      @Nullable String contentType,
      @Nullable URI url)
      throws FeedParseException {
    if (bytes.length == 0) {
      throw new FeedParseException("empty document");
    }
    DocumentCharset.Decoded decoded = DocumentCharset.decodeXml(bytes, headerCharset);
    String text = decoded.text();
    String head = text.substring(0, Math.min(text.length(), 2048)).toLowerCase(Locale.ROOT);
    if (looksLikeHtml(head)) {
      return switch (expected) {
        case EDGAR, ANY -> edgarPage(bytes, headerCharset, url);
        case FEED, NEWS_SITEMAP -> throw mismatch(expected, "an HTML page", "an html_listing");
      };
    }
    Document doc = FeedParser.parseXml(text, url);
    Element root = FeedParser.root(doc);
    if (root == null) {
      throw new FeedParseException("not XML: no elements (" + preview(text) + ")");
    }
    String rootName = root.tagName().toLowerCase(Locale.ROOT);
    boolean sitemap = rootName.equals("urlset") || rootName.equals("sitemapindex");
    return switch (expected) {
      case NEWS_SITEMAP -> {
        if (!sitemap) {
          throw new FeedParseException(
              "not a sitemap: the root element is <"
                  + root.tagName()
                  + ">, expected urlset or sitemapindex");
        }
        yield NewsSitemaps.parse(bytes, contentType, sitemapUrl(url));
      }
      case FEED, EDGAR -> {
        if (sitemap) {
          throw mismatch(expected, "a sitemap", "a news_sitemap");
        }
        ParsedFeed feed = FeedParser.parse(doc, url, XmlWellFormedness.problems(text));
        yield expected == DocumentKind.EDGAR ? EdgarFilings.fromAtom(doc, feed) : feed;
      }
      case ANY -> {
        if (sitemap) {
          yield NewsSitemaps.parse(bytes, contentType, sitemapUrl(url));
        }
        ParsedFeed feed = FeedParser.parse(doc, url, XmlWellFormedness.problems(text));
        yield looksLikeEdgar(root) ? EdgarFilings.fromAtom(doc, feed) : feed;
      }
    };
  }

  private static FeedParseException mismatch(
      DocumentKind expected, String found, String sourceType) {
    String wanted =
        switch (expected) {
          case FEED -> "a feed";
          case NEWS_SITEMAP -> "a news sitemap";
          case EDGAR -> "an EDGAR feed or page";
          case ANY -> "a feed, sitemap or EDGAR page";
        };
    return new FeedParseException(
        found + ", not " + wanted + "; use " + sourceType + " source for it");
  }

  /** SEC EDGAR's current-events page or a filing index page. */
  private static ParsedFeed edgarPage(
      byte[] bytes, @Nullable Charset headerCharset, @Nullable URI url) throws FeedParseException {
    Document page;
    try {
      page =
          Jsoup.parse(
              new ByteArrayInputStream(bytes),
              headerCharset == null ? null : headerCharset.name(),
              url == null ? "" : url.toString());
    } catch (IOException e) {
      throw new FeedParseException("unreadable HTML: " + e.getMessage(), e);
    }
    URI base = url != null ? url : URI.create("https://www.sec.gov/");
    String title = page.title().toLowerCase(Locale.ROOT);
    if (title.contains("edgar current events")) {
      return EdgarFilings.currentEvents(page, base);
    }
    if (page.selectFirst("#formName") != null && title.contains("edgar filing")) {
      FilingIndex index = EdgarFilings.filingIndex(page, base);
      return new ParsedFeed(
          FeedFormat.EDGAR_FILING_INDEX,
          page.title(),
          "en",
          List.of(EdgarFilings.toItem(index, url == null ? null : url.toString())),
          List.of(),
          List.of());
    }
    throw new FeedParseException(
        "an HTML page, not a feed (title '"
            + page.title()
            + "'); use an html_listing source for it");
  }

  static boolean looksLikeHtml(String lowerHead) {
    String h = lowerHead.stripLeading();
    return h.startsWith("<!doctype html")
        || h.startsWith("<html")
        || (h.contains("<html")
            && !h.contains("<rss")
            && !h.contains("<feed")
            && !h.contains("<rdf:rdf")
            && !h.contains("<urlset")
            && !h.contains("<sitemapindex"));
  }

  /** An EDGAR Atom feed read without its source type (a file given on the command line). */
  private static boolean looksLikeEdgar(Element root) {
    return Markup.child(root, "company-info") != null
        || root.getElementsByTag("entry").stream()
            .limit(1)
            .anyMatch(
                e -> {
                  Element id = Markup.child(e, "id");
                  return id != null && id.text().contains("sec.gov");
                });
  }

  private static URL sitemapUrl(@Nullable URI url) throws FeedParseException {
    try {
      return (url != null ? url : URI.create("file:/sitemap.xml")).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new FeedParseException("sitemap URL " + url + " is not a URL", e);
    }
  }

  private static String preview(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() > 60 ? t.substring(0, 60) + "…" : t;
  }
}
