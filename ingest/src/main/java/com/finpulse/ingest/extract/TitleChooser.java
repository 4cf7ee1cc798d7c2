package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Picks the headline: structured data first (JSON-LD headline, OpenGraph, Twitter card, Dublin
 * Core), then the page's {@code <h1>}, then {@code <title>}; whichever is used loses a site-name
 * suffix or prefix ("Headline | Site") when the separated part is recognisably the site.
 */
final class TitleChooser {

  private static final Pattern SEPARATOR =
      Pattern.compile("\\s+[|\\-–—:·»•/*]\\s+|\\s+(::|--)\\s+");
  private static final Pattern BYLINE_SEGMENT = Pattern.compile("(?i)^by\\s+\\S.{0,60}$");
  private static final Pattern ELLIPSIS = Pattern.compile("(\\.\\.\\.|…)$");

  private TitleChooser() {}

  static @Nullable String choose(Document doc, MetaTags meta, JsonLd ld, Set<String> siteNames) {
    String ldHeadline = clean(firstArticleHeadline(ld));
    String og = clean(meta.first("og:title"));
    String twitter = clean(meta.first("twitter:title"));
    String dc = clean(meta.first("dc.title", "dcterms.title", "parsely-title", "sailthru.title"));
    String h1 = clean(headlineElementText(doc));
    String docTitle = clean(doc.title());

    List<String> structured = new ArrayList<>();
    for (String s : new String[] {og, ldHeadline, twitter, dc}) {
      if (s != null && !s.isEmpty()) {
        structured.add(s);
      }
    }
    String chosen = structured.isEmpty() ? null : structured.get(0);
    if (chosen != null) {
      // Social and SEO titles are sometimes cut to fit ("..."); a longer candidate that starts
      // with the same words is the full headline.
      String cut = ELLIPSIS.matcher(chosen).replaceFirst("").strip();
      boolean truncated =
          !cut.equals(chosen) || (chosen.equals(ldHeadline) && chosen.length() >= 100);
      if (truncated) {
        for (String longer : new String[] {ldHeadline, og, h1, twitter, docTitle}) {
          if (longer != null
              && !ELLIPSIS.matcher(longer).find()
              && longer.length() > cut.length()
              && longer.startsWith(cut)) {
            chosen = longer;
            break;
          }
        }
      }
    }
    if (chosen == null) {
      chosen = h1 != null && !h1.isEmpty() ? h1 : docTitle;
    }
    if (chosen == null || chosen.isEmpty()) {
      return null;
    }
    Set<String> sites = new LinkedHashSet<>(siteNames);
    String host = siteFromTitle(docTitle, og);
    if (host != null) {
      sites.add(host);
    }
    String stripped = stripSiteName(chosen, sites, h1);
    return stripped.isEmpty() ? chosen : stripped;
  }

  private static @Nullable String firstArticleHeadline(JsonLd ld) {
    String h = null;
    for (var n : ld.articlesProper()) {
      h = JsonLd.text(n.get("headline"));
      if (h == null) {
        h = JsonLd.text(n.get("name"));
      }
      if (h != null) {
        break;
      }
    }
    return h;
  }

  private static @Nullable String headlineElementText(Document doc) {
    Element h = doc.selectFirst("[itemprop=headline]:not(meta)");
    if (h == null || h.text().isBlank()) {
      h = doc.selectFirst("article h1");
    }
    if (h == null || h.text().isBlank()) {
      h = doc.selectFirst("h1");
    }
    return h == null ? null : h.text();
  }

  private static @Nullable String clean(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = TextNormalizer.metaText(s);
    return t.isEmpty() ? null : t;
  }

  /**
   * When {@code <title>} is "Headline | Site" and the structured title is "Headline", the separated
   * part of {@code <title>} is the site name.
   */
  private static @Nullable String siteFromTitle(@Nullable String docTitle, @Nullable String og) {
    if (docTitle == null || og == null || docTitle.equals(og) || !docTitle.startsWith(og)) {
      return null;
    }
    String rest = docTitle.substring(og.length());
    var m = SEPARATOR.matcher(rest);
    return m.lookingAt() ? rest.substring(m.end()).strip() : null;
  }

  static String stripSiteName(String title, Set<String> siteNames, @Nullable String h1) {
    var m = SEPARATOR.matcher(title);
    int lastStart = -1;
    int lastEnd = -1;
    int firstStart = -1;
    int firstEnd = -1;
    while (m.find()) {
      if (firstStart < 0) {
        firstStart = m.start();
        firstEnd = m.end();
      }
      lastStart = m.start();
      lastEnd = m.end();
    }
    if (lastStart < 0) {
      return title;
    }
    String head = title.substring(0, lastStart).strip();
    String tail = title.substring(lastEnd).strip();
    if (isSiteName(tail, siteNames)
        || BYLINE_SEGMENT.matcher(tail).matches()
        || (h1 != null && h1.equals(head))) {
      return stripSiteName(head, siteNames, h1);
    }
    String lead = title.substring(0, firstStart).strip();
    String afterLead = title.substring(firstEnd).strip();
    if (isSiteName(lead, siteNames) || (h1 != null && h1.equals(afterLead))) {
      return afterLead;
    }
    return title;
  }

  private static boolean isSiteName(String part, Set<String> siteNames) {
    String p = simplify(part);
    if (p.isEmpty()) {
      return false;
    }
    if (part.matches(
        "(?i)(www\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|co\\.uk|de|fr|es|it|ca|au|in|io)")) {
      return true;
    }
    String firstWordOfPart = part.strip().split("\\s+")[0];
    for (String site : siteNames) {
      String s = simplify(site);
      if (p.equals(s)
          || (p.length() >= 4 && s.length() >= 4 && (p.startsWith(s) || s.startsWith(p)))
          // a section of the site: "CNN Politics" for the site "CNN"
          || simplify(firstWordOfPart).equals(s)) {
        return true;
      }
    }
    return false;
  }

  private static String simplify(String s) {
    return s.toLowerCase(Locale.ROOT)
        .replaceFirst("^(https?://)?(www\\.)?", "")
        .replaceFirst("\\.(com|net|org|co\\.uk)$", "")
        .replaceFirst("^the\\s+", "")
        .replaceAll("[^\\p{L}\\p{N}]+", "");
  }
}
