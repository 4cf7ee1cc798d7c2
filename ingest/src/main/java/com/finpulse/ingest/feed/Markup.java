package com.finpulse.ingest.feed;

import java.net.URI;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/** Small helpers over Jsoup elements of feed documents. */
final class Markup {

  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private Markup() {}

  /** The first direct child with one of the qualified names (case-insensitive), or null. */
  static @Nullable Element child(Element parent, String... names) {
    for (Element c : parent.children()) {
      String tag = c.tagName();
      for (String n : names) {
        if (tag.equalsIgnoreCase(n)) {
          return c;
        }
      }
    }
    return null;
  }

  /** Trimmed text of the first matching child; null when absent or blank. */
  static @Nullable String childText(Element parent, String... names) {
    Element c = child(parent, names);
    return c == null ? null : blankToNull(c.text());
  }

  /** Plain text of a value that may hold HTML (escaped or in CDATA). */
  static @Nullable String htmlToText(@Nullable String maybeHtml) {
    if (maybeHtml == null) {
      return null;
    }
    if (maybeHtml.indexOf('<') < 0 && maybeHtml.indexOf('&') < 0) {
      return blankToNull(maybeHtml);
    }
    return blankToNull(Jsoup.parseBodyFragment(maybeHtml).text());
  }

  /** Trimmed, no-break spaces made plain, runs of whitespace made one space; null when blank. */
  static @Nullable String blankToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = WHITESPACE.matcher(s.replace('\u00A0', ' ')).replaceAll(" ").strip();
    return t.isEmpty() ? null : t;
  }

  /** {@code en-us} → {@code en}; null for blank or malformed codes. */
  static @Nullable String languageCode(@Nullable String tag) {
    if (tag == null) {
      return null;
    }
    String t = tag.strip().toLowerCase(Locale.ROOT);
    int cut = t.indexOf('-');
    if (cut < 0) {
      cut = t.indexOf('_');
    }
    String primary = cut < 0 ? t : t.substring(0, cut);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }

  /** {@code href} resolved against {@code base}; null when it cannot be made an http(s) URL. */
  static @Nullable String absoluteHttp(@Nullable String href, @Nullable URI base) {
    String h = blankToNull(href);
    if (h == null) {
      return null;
    }
    h = h.replace(" ", "%20");
    try {
      URI u = base == null ? new URI(h) : base.resolve(h);
      String scheme = u.getScheme();
      if (scheme == null || u.getHost() == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? u.toString() : null;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The target of a known click-tracking wrapper ({@code https://www.google.com/url?...&url=X}, as
   * Google Alerts links), else the link itself.
   */
  static @Nullable String unwrapRedirect(@Nullable String link) {
    if (link == null) {
      return null;
    }
    int star = link.indexOf("/*http");
    if (star > 0) {
      // Redirectors that append the target after "*" (redir.folha.com.br/redir/.../*https://...).
      String target = absoluteHttp(link.substring(star + 2), null);
      if (target != null) {
        return target;
      }
    }
    URI u = uriOrNull(link);
    if (u == null || u.getHost() == null || u.getRawQuery() == null) {
      return link;
    }
    String host = u.getHost().toLowerCase(Locale.ROOT);
    if (!(host.equals("www.google.com") || host.equals("google.com"))
        || !"/url".equals(u.getPath())) {
      return link;
    }
    for (String pair : u.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && (pair.startsWith("url=") || pair.startsWith("q="))) {
        String target =
            java.net.URLDecoder.decode(
                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        String abs = absoluteHttp(target, null);
        if (abs != null) {
          return abs;
        }
      }
    }
    return link;
  }

  static @Nullable URI uriOrNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s.strip().replace(" ", "%20"));
      return u.isAbsolute() ? u : null;
    } catch (Exception e) {
      return null;
    }
  }
}
