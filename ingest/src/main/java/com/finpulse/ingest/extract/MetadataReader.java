package com.finpulse.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/** Reads {@link PageMetadata} from the head and the structured data of a parsed page. */
final class MetadataReader {

  private static final Pattern LANGUAGE_CODE = Pattern.compile("^([a-zA-Z]{2})(?:[-_].*)?$");
  private static final Pattern BY_PREFIX = Pattern.compile("(?i)^(by|von|par|por|di|door)\\s+");
  private static final int MAX_AUTHORS = 6;

  private MetadataReader() {}

  static PageMetadata read(Document doc, @Nullable URI pageUrl) {
    MetaTags meta = MetaTags.of(doc);
    JsonLd ld = JsonLd.read(doc);
    Set<String> siteNames = new LinkedHashSet<>();
    for (String s :
        new String[] {meta.first("og:site_name"), meta.first("application-name"), ld.siteName()}) {
      if (s != null && !s.isBlank()) {
        siteNames.add(TextNormalizer.metaText(s));
      }
    }
    String canonical = canonicalUrl(doc, meta, ld, pageUrl);
    return new PageMetadata(
        TitleChooser.choose(doc, meta, ld, siteNames),
        PublishTimeFinder.find(doc, meta, ld, pageUrl),
        canonical,
        declaredLanguage(doc, meta, ld),
        author(doc, meta, ld),
        structuredBody(ld));
  }

  private static @Nullable String canonicalUrl(
      Document doc, MetaTags meta, JsonLd ld, @Nullable URI pageUrl) {
    String og = absolute(meta.first("og:url"), pageUrl);
    URI base = pageUrl;
    if (base == null && og != null) {
      base = URI.create(og);
    }
    for (Element link : doc.select("link[rel~=(?i)^canonical$][href]")) {
      String url = absolute(link.attr("href"), base);
      if (url != null) {
        return url;
      }
    }
    if (og != null) {
      return og;
    }
    for (JsonNode n : ld.articlesProper()) {
      String url = absolute(JsonLd.text(n.get("url")), base);
      if (url == null) {
        JsonNode page = n.get("mainEntityOfPage");
        url =
            absolute(
                page == null
                    ? null
                    : page.isObject() ? JsonLd.text(page.get("@id")) : JsonLd.text(page),
                base);
      }
      if (url != null) {
        return url;
      }
    }
    return pageUrl == null ? null : pageUrl.toString();
  }

  /** The URL made absolute against the base; null unless it ends up http(s). */
  static @Nullable String absolute(@Nullable String url, @Nullable URI base) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI u = new URI(url.strip().replace(" ", "%20"));
      if (!u.isAbsolute()) {
        if (base == null) {
          return null;
        }
        u = base.resolve(u);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
          ? u.toString()
          : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable String declaredLanguage(Document doc, MetaTags meta, JsonLd ld) {
    Element html = doc.selectFirst("html");
    String[] candidates = {
      html == null ? null : html.attr("lang"),
      html == null ? null : html.attr("xml:lang"),
      meta.first("content-language", "language", "dc.language", "dcterms.language"),
      meta.first("og:locale"),
      ld.articleText("inLanguage"),
    };
    for (String c : candidates) {
      String code = languageCode(c);
      if (code != null) {
        return code;
      }
    }
    return null;
  }

  static @Nullable String languageCode(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String first = value.split("[,;\\s]+")[0].strip();
    var m = LANGUAGE_CODE.matcher(first);
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private static @Nullable String author(Document doc, MetaTags meta, JsonLd ld) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : ld.articlesProper()) {
      for (String name : JsonLd.names(n.get("author"))) {
        addAuthor(names, name);
      }
      if (!names.isEmpty()) {
        break;
      }
    }
    if (names.isEmpty()) {
      for (String key :
          new String[] {
            "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"
          }) {
        for (String v : meta.all(key)) {
          addAuthor(names, v);
        }
        if (!names.isEmpty()) {
          break;
        }
      }
    }
    if (names.isEmpty()) {
      for (Element e :
          doc.select("[itemprop=author] [itemprop=name], [rel=author], [itemprop=author]")) {
        addAuthor(names, e.hasAttr("content") ? e.attr("content") : e.text());
        if (names.size() >= MAX_AUTHORS) {
          break;
        }
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static void addAuthor(Set<String> names, @Nullable String raw) {
    if (raw == null || names.size() >= MAX_AUTHORS) {
      return;
    }
    String s = BY_PREFIX.matcher(TextNormalizer.metaText(raw)).replaceFirst("").strip();
    // Profile URLs and long blurbs are not names.
    if (s.isEmpty() || s.length() > 80 || s.contains("://") || s.startsWith("www.")) {
      return;
    }
    names.add(s);
  }

  private static @Nullable String structuredBody(JsonLd ld) {
    String body = null;
    for (JsonNode n : ld.articlesProper()) {
      String b = JsonLd.text(n.get("articleBody"));
      if (b != null && (body == null || b.length() > body.length())) {
        body = b;
      }
    }
    return body;
  }
}
