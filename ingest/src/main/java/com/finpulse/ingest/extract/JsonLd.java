package com.finpulse.ingest.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The schema.org entities of a page's {@code <script type="application/ld+json">} blocks: top level
 * objects, arrays, {@code @graph} members and nested {@code mainEntity} objects, with the article
 * entity (NewsArticle and its relatives) first.
 */
final class JsonLd {

  /**
   * Publishers' JSON-LD is often hand-written: tolerate comments, trailing commas, raw newlines.
   */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
          .build();

  private static final Set<String> NEWS_TYPES =
      Set.of(
          "newsarticle",
          "reportagenewsarticle",
          "analysisnewsarticle",
          "opinionnewsarticle",
          "reviewnewsarticle",
          "backgroundnewsarticle",
          "askpublicnewsarticle",
          "liveblogposting");
  private static final Set<String> ARTICLE_TYPES =
      Set.of(
          "article",
          "blogposting",
          "socialmediaposting",
          "techarticle",
          "scholarlyarticle",
          "report",
          "creativework");
  private static final Set<String> PAGE_TYPES =
      Set.of("webpage", "itempage", "collectionpage", "videoobject", "mediaobject");

  private static final int MAX_SCRIPT_CHARS = 2_000_000;
  private static final int MAX_ENTITIES = 500;

  private final List<JsonNode> articles;
  private final List<JsonNode> all;

  private JsonLd(List<JsonNode> articles, List<JsonNode> all) {
    this.articles = articles;
    this.all = all;
  }

  static JsonLd read(Document doc) {
    List<JsonNode> all = new ArrayList<>();
    for (Element script : doc.select("script[type~=(?i)application/ld\\+json]")) {
      String data = script.data().strip();
      if (data.isEmpty() || data.length() > MAX_SCRIPT_CHARS) {
        continue;
      }
      data = stripWrappers(data);
      try {
        collect(LENIENT.readTree(data), all);
      } catch (JsonProcessingException e) {
        // A broken block is the publisher's bug; the page's other metadata still counts.
      }
    }
    List<JsonNode> articles = new ArrayList<>();
    for (JsonNode n : all) {
      if (rank(n) < 3) {
        articles.add(n);
      }
    }
    articles.sort(Comparator.comparingInt(JsonLd::rank));
    return new JsonLd(articles, all);
  }

  private static String stripWrappers(String data) {
    String s = data;
    if (s.startsWith("<!--")) {
      s = s.substring(4);
    }
    if (s.endsWith("-->")) {
      s = s.substring(0, s.length() - 3);
    }
    s = s.replace("//<![CDATA[", "").replace("//]]>", "");
    return s.strip();
  }

  /** Walks objects, arrays, @graph and nested entities without recursion. */
  private static void collect(JsonNode root, List<JsonNode> out) {
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty() && out.size() < MAX_ENTITIES) {
      JsonNode n = todo.poll();
      if (n.isArray()) {
        n.forEach(todo::add);
      } else if (n.isObject()) {
        if (n.has("@type")) {
          out.add(n);
        }
        for (String nested : new String[] {"@graph", "mainEntity", "mainEntityOfPage", "hasPart"}) {
          JsonNode child = n.get(nested);
          if (child != null && (child.isArray() || child.isObject())) {
            todo.add(child);
          }
        }
      }
    }
  }

  /** 0 news article, 1 article, 2 web page or video, 3 anything else. */
  private static int rank(JsonNode n) {
    int best = 3;
    for (String type : types(n)) {
      if (NEWS_TYPES.contains(type)) {
        best = Math.min(best, 0);
      } else if (ARTICLE_TYPES.contains(type) || type.endsWith("article")) {
        best = Math.min(best, 1);
      } else if (PAGE_TYPES.contains(type)) {
        best = Math.min(best, 2);
      }
    }
    return best;
  }

  private static List<String> types(JsonNode n) {
    JsonNode t = n.get("@type");
    List<String> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    if (t.isArray()) {
      t.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
    } else {
      String s = t.asText().toLowerCase(Locale.ROOT);
      out.add(s.startsWith("http") ? s.substring(s.lastIndexOf('/') + 1) : s);
    }
    return out;
  }

  /** Article-like entities, most specific first (NewsArticle before Article before WebPage). */
  List<JsonNode> articles() {
    return articles;
  }

  /** Entities that are articles proper (not WebPage or VideoObject). */
  List<JsonNode> articlesProper() {
    return articles.stream().filter(n -> rank(n) < 2).toList();
  }

  /** The first text value of a field over the article entities, in their order. */
  @Nullable String articleText(String field) {
    for (JsonNode n : articles) {
      String s = text(n.get(field));
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A publisher or WebSite name, for recognising the site-name suffix of titles. */
  @Nullable String siteName() {
    for (JsonNode n : articles) {
      JsonNode publisher = n.get("publisher");
      String name = publisher == null ? null : name(publisher);
      if (name != null) {
        return name;
      }
    }
    for (JsonNode n : all) {
      if (types(n).contains("website") || types(n).contains("newsmediaorganization")) {
        String name = text(n.get("name"));
        if (name != null) {
          return name;
        }
      }
    }
    return null;
  }

  /** A plain string, or the first string of an array, or an object's name / @id; else null. */
  static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual() || n.isNumber()) {
      String s = n.asText().strip();
      return s.isEmpty() ? null : s;
    }
    if (n.isArray()) {
      for (JsonNode x : n) {
        String s = text(x);
        if (s != null) {
          return s;
        }
      }
      return null;
    }
    if (n.isObject()) {
      String name = name(n);
      return name != null ? name : text(n.get("@id"));
    }
    return null;
  }

  static @Nullable String name(JsonNode n) {
    if (n.isTextual()) {
      return text(n);
    }
    if (n.isArray()) {
      return text(n);
    }
    JsonNode name = n.get("name");
    return name != null && (name.isTextual() || name.isArray()) ? text(name) : null;
  }

  /** Names of a field that may be a string, an object with a name, or an array of those. */
  static List<String> names(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray()) {
      for (JsonNode x : n) {
        String s = x.isObject() ? name(x) : text(x);
        if (s != null) {
          out.add(s);
        }
      }
    } else {
      String s = n.isObject() ? name(n) : text(n);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }
}
