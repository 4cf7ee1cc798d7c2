package com.finpulse.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Finds when an article was first published, most trustworthy source first: JSON-LD {@code
 * datePublished}, the publish-time meta tags CMSs write (OpenGraph {@code article:published_time},
 * Dublin Core, Parse.ly, Sailthru, ...), {@code itemprop=datePublished} and {@code <time datetime>}
 * elements, a prose date in a byline or dateline element, and a date in the URL path. Modification
 * dates are never used: a wrong "published" is worse than none.
 */
final class PublishTimeFinder {

  private static final String[] META_KEYS = {
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "date_published",
    "pubdate",
    "og:pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.published",
    "dc.date.created",
    "dcterms.created",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "citation_publication_date",
    "displaydate",
    "dc.date",
    "dcterms.date",
    "date",
    "pdate",
  };

  private static final Pattern PARSELY_PUB_DATE =
      Pattern.compile("\"pub_date\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern URL_DATE =
      Pattern.compile(
          "/((?:19|20)\\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\\d|3[01])(?:/|[-_.]|$)");
  private static final String DATE_CONTAINERS =
      "[class~=(?i)(^|[-_ ])(date|dateline|time|timestamp|published|publish|posted|pubdate|byline|article-meta|meta)([-_ ]|$)],"
          + "[id~=(?i)(^|[-_ ])(date|dateline|timestamp|published|publish|posted|pubdate|byline)([-_ ]|$)]";

  private PublishTimeFinder() {}

  static @Nullable Instant find(Document doc, MetaTags meta, JsonLd ld, @Nullable URI pageUrl) {
    DateParser.Parsed best = null;
    for (JsonNode n : ld.articles()) {
      best = better(best, DateParser.parse(JsonLd.text(n.get("datePublished"))));
      if (best != null) {
        break;
      }
    }
    if (best == null || best.precision() != DateParser.Precision.ZONED_TIME) {
      for (String key : META_KEYS) {
        for (String v : meta.all(key)) {
          best = better(best, DateParser.parse(v));
        }
        if (best != null && best.precision() == DateParser.Precision.ZONED_TIME) {
          break;
        }
      }
    }
    if (best == null) {
      String parsely = meta.first("parsely-page");
      if (parsely != null) {
        Matcher m = PARSELY_PUB_DATE.matcher(parsely);
        if (m.find()) {
          best = DateParser.parse(m.group(1));
        }
      }
    }
    if (best == null) {
      for (JsonNode n : ld.articles()) {
        best = better(best, DateParser.parse(JsonLd.text(n.get("dateCreated"))));
        best = better(best, DateParser.parse(JsonLd.text(n.get("uploadDate"))));
      }
    }
    if (best == null) {
      best = fromElements(doc);
    }
    if (best == null) {
      best = fromProse(doc);
    }
    if (best == null) {
      best = fromUrl(doc, pageUrl);
    }
    return best == null ? null : best.instant();
  }

  /**
   * Keeps the first candidate unless a later one states the same day more precisely (a meta tag
   * with a zone after a JSON-LD value without one).
   */
  private static DateParser.@Nullable Parsed better(
      DateParser.@Nullable Parsed current, DateParser.@Nullable Parsed next) {
    if (current == null) {
      return next;
    }
    if (next == null || next.precision().compareTo(current.precision()) <= 0) {
      return current;
    }
    long hours =
        Math.abs(next.instant().getEpochSecond() - current.instant().getEpochSecond()) / 3600;
    return hours <= 26 ? next : current;
  }

  private static DateParser.@Nullable Parsed fromElements(Document doc) {
    for (Element e :
        doc.select("[itemprop=datePublished], time[pubdate], [property=datePublished]")) {
      DateParser.Parsed p =
          DateParser.parse(firstNonEmpty(e.attr("datetime"), e.attr("content"), e.text()));
      if (p != null) {
        return p;
      }
    }
    for (Element e : doc.select("time[datetime]")) {
      if (e.closest("nav, aside, footer, [class~=(?i)(related|comment|recommend|sidebar|promo)]")
          != null) {
        continue;
      }
      DateParser.Parsed p = DateParser.parse(e.attr("datetime"));
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static DateParser.@Nullable Parsed fromProse(Document doc) {
    for (Element e : doc.select(DATE_CONTAINERS)) {
      String text = e.text();
      if (text.length() > 200 || e.closest("nav, aside, footer") != null) {
        continue;
      }
      DateParser.Parsed p = DateParser.parseProse(text);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static DateParser.@Nullable Parsed fromUrl(Document doc, @Nullable URI pageUrl) {
    String url = pageUrl != null ? pageUrl.toString() : null;
    if (url == null) {
      Element canonical = doc.selectFirst("link[rel~=(?i)canonical], meta[property=og:url]");
      url =
          canonical == null
              ? null
              : firstNonEmpty(canonical.attr("href"), canonical.attr("content"));
    }
    if (url == null) {
      return null;
    }
    Matcher m = URL_DATE.matcher(url);
    return m.find() ? DateParser.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3)) : null;
  }

  private static @Nullable String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
