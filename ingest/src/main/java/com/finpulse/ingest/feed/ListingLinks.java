package com.finpulse.ingest.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jspecify.annotations.Nullable;

/**
 * The article links of an HTML listing page: the elements a CSS selector picks (links themselves,
 * or elements containing one), made absolute, optionally filtered by a pattern, in page order and
 * without repeats.
 */
public final class ListingLinks {

  private ListingLinks() {}

  public static List<String> extract(
      Document page, String selector, @Nullable Pattern pattern, @Nullable URI base, int max) {
    Elements picked = page.select(selector);
    Set<String> links = new LinkedHashSet<>();
    for (Element e : picked) {
      Element a = e.is("a[href]") ? e : e.selectFirst("a[href]");
      if (a == null) {
        continue;
      }
      String href = Markup.absoluteHttp(a.attr("href"), base);
      if (href == null) {
        continue;
      }
      int hash = href.indexOf('#');
      if (hash >= 0) {
        href = href.substring(0, hash);
      }
      if (pattern != null && !pattern.matcher(href).matches()) {
        continue;
      }
      links.add(href);
      if (links.size() >= max) {
        break;
      }
    }
    return new ArrayList<>(links);
  }
}
