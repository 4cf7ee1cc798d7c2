package com.finpulse.ingest.feed;

import static com.finpulse.ingest.feed.Markup.absoluteHttp;
import static com.finpulse.ingest.feed.Markup.blankToNull;
import static com.finpulse.ingest.feed.Markup.child;
import static com.finpulse.ingest.feed.Markup.childText;
import static com.finpulse.ingest.feed.Markup.htmlToText;
import static com.finpulse.ingest.feed.Markup.languageCode;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 with Jsoup's XML parser, which reads what it
 * can of a broken document instead of giving up. Handles the extensions feeds in the wild use for
 * the fields that matter: {@code content:encoded}, {@code dc:creator}/{@code dc:date}, {@code
 * feedburner:origLink}, Atom {@code xml:base}, HTML in titles and summaries.
 */
public final class FeedParser {

  private FeedParser() {}

  /** Parses XML text into Jsoup's tree (tolerant; never throws for malformed input). */
  static Document parseXml(String xml, @Nullable URI base) {
    return Jsoup.parse(xml, base == null ? "" : base.toString(), Parser.xmlParser());
  }

  /** The document's first element (the root), or null for a document without elements. */
  static @Nullable Element root(Document doc) {
    for (Element e : doc.children()) {
      return e;
    }
    return null;
  }

  /**
   * @param base the document's URL, for relative links; null for a local file
   * @throws FeedParseException when the root is not rss, rdf:RDF or feed
   */
  public static ParsedFeed parse(Document doc, @Nullable URI base, List<String> problems)
      throws FeedParseException {
    Element root = root(doc);
    if (root == null) {
      throw new FeedParseException("empty document: no XML elements");
    }
    String name = root.tagName().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "rss" -> rss(root, base, FeedFormat.RSS_2, problems);
      case "rdf:rdf", "rdf" -> rss(root, base, FeedFormat.RSS_1_RDF, problems);
      case "feed" -> atom(root, base, problems);
      default ->
          throw new FeedParseException(
              "not a feed: the root element is <"
                  + root.tagName()
                  + ">, expected rss, rdf:RDF or feed");
    };
  }

  private static ParsedFeed rss(
      Element root, @Nullable URI base, FeedFormat format, List<String> problems) {
    Element channel = child(root, "channel");
    String title = channel == null ? null : htmlToText(childText(channel, "title"));
    String language =
        channel == null ? null : languageCode(childText(channel, "language", "dc:language"));
    List<FeedItem> items = new ArrayList<>();
    for (Element item : root.getElementsByTag("item")) {
      FeedItem it = rssItem(item, base, language);
      if (it != null) {
        items.add(it);
      }
    }
    return new ParsedFeed(format, title, language, items, List.of(), problems);
  }

  private static @Nullable FeedItem rssItem(
      Element item, @Nullable URI base, @Nullable String feedLanguage) {
    String title = htmlToText(childText(item, "title", "dc:title"));
    String guid = childText(item, "guid");
    Element guidEl = child(item, "guid");
    boolean guidIsLink =
        guidEl != null && !"false".equalsIgnoreCase(guidEl.attr("isPermaLink").strip());
    String link =
        firstNonNull(
            absoluteHttp(childText(item, "feedburner:origLink", "pheedo:origLink"), base),
            Markup.unwrapRedirect(absoluteHttp(childText(item, "link"), base)),
            absoluteHttp(item.attr("rdf:about"), base),
            guidIsLink ? absoluteHttp(guid, base) : null);
    String summary =
        htmlToText(
            firstNonNull(
                childText(item, "description", "dc:description"),
                childText(item, "content:encoded")));
    if (title == null && summary == null) {
      return null;
    }
    Instant published =
        FeedDates.parse(
            firstNonNull(
                childText(item, "pubDate", "dc:date"),
                childText(item, "a10:updated", "atom:updated")));
    String author =
        htmlToText(firstNonNull(childText(item, "dc:creator"), childText(item, "author")));
    Element source = child(item, "source");
    String publisher = source == null ? null : blankToNull(source.text());
    if (publisher != null && title != null && title.endsWith(" - " + publisher)) {
      // Aggregators (Google News) append the publisher to the headline and repeat both as the
      // description: keep the headline, drop the echo.
      title = title.substring(0, title.length() - publisher.length() - 3).strip();
      if (summary != null && summary.replace(publisher, "").strip().equals(title)) {
        summary = null;
      }
    }
    return new FeedItem(
        title != null ? title : firstSentence(summary),
        link,
        published,
        summary,
        guid,
        author,
        List.of(),
        firstNonNull(languageCode(childText(item, "dc:language")), feedLanguage),
        publisher);
  }

  private static ParsedFeed atom(Element feed, @Nullable URI base, List<String> problems) {
    URI feedBase = xmlBase(feed, base);
    if (feedBase == null) {
      // A local file: relative links resolve against the feed's own home or self link.
      String home = atomLink(feed, null);
      feedBase = home == null ? null : URI.create(home);
    }
    String title = atomText(child(feed, "title", "atom:title"));
    String language = languageCode(feed.attr("xml:lang"));
    List<FeedItem> items = new ArrayList<>();
    for (Element entry : feed.getElementsByTag("entry")) {
      URI entryBase = xmlBase(entry, feedBase);
      String entryTitle = atomText(child(entry, "title", "atom:title"));
      String summary =
          firstNonNull(
              atomText(child(entry, "summary", "atom:summary")),
              atomText(child(entry, "content", "atom:content")));
      if (entryTitle == null && summary == null) {
        continue;
      }
      String link =
          firstNonNull(
              absoluteHttp(childText(entry, "feedburner:origLink"), entryBase),
              Markup.unwrapRedirect(atomLink(entry, entryBase)));
      String id = childText(entry, "id", "atom:id");
      if (link == null && id != null) {
        link = absoluteHttp(id, null);
      }
      Element author = child(entry, "author", "atom:author");
      if (author == null) {
        author = child(feed, "author", "atom:author");
      }
      String authorName = author == null ? null : childText(author, "name", "atom:name");
      Instant published =
          FeedDates.parse(
              firstNonNull(
                  childText(entry, "published", "atom:published", "issued"),
                  childText(entry, "updated", "atom:updated", "modified")));
      items.add(
          new FeedItem(
              entryTitle != null ? entryTitle : firstSentence(summary),
              link,
              published,
              summary,
              id,
              authorName,
              List.of(),
              firstNonNull(languageCode(entry.attr("xml:lang")), language),
              null));
    }
    return new ParsedFeed(FeedFormat.ATOM, title, language, items, List.of(), problems);
  }

  /** Atom text constructs: type text, html (escaped markup) or xhtml (inline markup). */
  private static @Nullable String atomText(@Nullable Element e) {
    if (e == null) {
      return null;
    }
    String type = e.attr("type").toLowerCase(Locale.ROOT);
    if (type.equals("xhtml")) {
      return blankToNull(e.text());
    }
    return type.contains("html") ? htmlToText(e.text()) : blankToNull(e.text());
  }

  private static @Nullable String atomLink(Element entry, @Nullable URI base) {
    String fallback = null;
    for (Element l : entry.children()) {
      String tag = l.tagName().toLowerCase(Locale.ROOT);
      if (!tag.equals("link") && !tag.equals("atom:link")) {
        continue;
      }
      String rel = l.attr("rel").strip().toLowerCase(Locale.ROOT);
      String href = absoluteHttp(l.attr("href"), base);
      if (href == null) {
        continue;
      }
      if (rel.isEmpty() || rel.equals("alternate")) {
        return href;
      }
      if (fallback == null
          && !rel.equals("self")
          && !rel.equals("edit")
          && !rel.equals("replies")) {
        fallback = href;
      }
    }
    return fallback;
  }

  private static @Nullable URI xmlBase(Element e, @Nullable URI inherited) {
    String b = blankToNull(e.attr("xml:base"));
    if (b == null) {
      return inherited;
    }
    try {
      return inherited == null ? URI.create(b) : inherited.resolve(b);
    } catch (IllegalArgumentException ex) {
      return inherited;
    }
  }

  private static @Nullable String firstSentence(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int cut = text.indexOf(". ");
    String s = cut > 0 && cut < 200 ? text.substring(0, cut + 1) : text;
    return s.length() > 200 ? s.substring(0, 200).strip() + "…" : s;
  }

  @SafeVarargs
  static <T> @Nullable T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
