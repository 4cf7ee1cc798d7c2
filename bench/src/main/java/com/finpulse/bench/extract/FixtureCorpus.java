package com.finpulse.bench.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * Reads the article fixtures of {@code news-fixtures} (see its PROVENANCE.md) with each source's
 * ground truth in its own format: zyte-benchmark {@code articleBody}; fundus title, date and body
 * paragraphs; Mozilla Readability's expected HTML and metadata; newspaper4k's expected text and
 * metadata; goose3's expected body prefix, title, date and canonical link.
 */
final class FixtureCorpus {

  static final List<String> SOURCES =
      List.of("zyte-benchmark", "fundus", "readability", "newspaper4k", "goose3");

  private static final ObjectMapper JSON = JsonCodec.mapper();

  private FixtureCorpus() {}

  /** Accepts the news-fixtures folder or its articles/ subfolder. */
  static List<LabeledPage> load(Path dir) throws IOException {
    Path articles = Files.isDirectory(dir.resolve("articles")) ? dir.resolve("articles") : dir;
    for (String source : SOURCES) {
      if (!Files.isDirectory(articles.resolve(source))) {
        throw new IOException(
            articles.resolve(source)
                + " is missing: expected the news-fixtures folder (with articles/"
                + String.join(", articles/", SOURCES)
                + ")");
      }
    }
    List<LabeledPage> pages = new ArrayList<>();
    zyte(articles.resolve("zyte-benchmark"), pages);
    fundus(articles.resolve("fundus"), pages);
    readability(articles.resolve("readability"), pages);
    newspaper4k(articles.resolve("newspaper4k"), pages);
    goose3(articles.resolve("goose3"), pages);
    return pages;
  }

  private static void zyte(Path dir, List<LabeledPage> out) throws IOException {
    for (Path truth : list(dir, ".groundtruth.json")) {
      String id = strip(truth, ".groundtruth.json");
      JsonNode entry = JSON.readTree(truth.toFile()).get(id);
      out.add(
          new LabeledPage(
              "zyte-benchmark",
              id.substring(0, 12),
              dir.resolve(id + ".html.gz"),
              text(entry, "url"),
              text(entry, "articleBody"),
              false,
              null,
              null,
              null,
              null));
    }
  }

  private static void fundus(Path dir, List<LabeledPage> out) throws IOException {
    List<Path> truths;
    try (Stream<Path> s = Files.walk(dir)) {
      truths = s.filter(p -> p.toString().endsWith(".groundtruth.json")).sorted().toList();
    }
    for (Path truth : truths) {
      JsonNode t = JSON.readTree(truth.toFile());
      out.add(
          new LabeledPage(
              "fundus",
              strip(truth, ".groundtruth.json"),
              truth.resolveSibling(t.get("page").asText()),
              text(t, "url"),
              text(t, "body_text"),
              false,
              text(t, "title"),
              text(t, "publishing_date"),
              null,
              // The fixture set holds English-language fundus publishers only (PROVENANCE.md).
              "en"));
    }
  }

  private static void readability(Path dir, List<LabeledPage> out) throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path c : cases) {
      JsonNode meta = JSON.readTree(c.resolve("expected-metadata.json").toFile());
      String expectedHtml = Files.readString(c.resolve("expected.html"), StandardCharsets.UTF_8);
      out.add(
          new LabeledPage(
              "readability",
              c.getFileName().toString(),
              c.resolve("source.html"),
              null,
              Jsoup.parse(expectedHtml).text(),
              false,
              text(meta, "title"),
              text(meta, "publishedTime"),
              null,
              language(text(meta, "lang"))));
    }
  }

  private static void newspaper4k(Path dir, List<LabeledPage> out) throws IOException {
    for (Path html : list(dir, ".html")) {
      String name = strip(html, ".html");
      JsonNode meta = JSON.readTree(dir.resolve(name + ".metadata.json").toFile());
      Path txt = dir.resolve(name + ".expected.txt");
      String canonical = text(meta, "canonical_link");
      out.add(
          new LabeledPage(
              "newspaper4k",
              name,
              html,
              text(meta, "url"),
              Files.exists(txt)
                  ? Files.readString(txt, StandardCharsets.UTF_8)
                  : text(meta, "text"),
              false,
              text(meta, "title"),
              text(meta, "publish_date"),
              canonical != null && canonical.startsWith("http") ? canonical : null,
              language(text(meta, "language"))));
    }
  }

  private static void goose3(Path dir, List<LabeledPage> out) throws IOException {
    for (Path html : list(dir, ".html")) {
      String name = strip(html, ".html");
      JsonNode t = JSON.readTree(dir.resolve(name + ".json").toFile());
      JsonNode e = t.get("expected");
      String canonical = text(e, "canonical_link");
      out.add(
          new LabeledPage(
              "goose3",
              name,
              html,
              text(e, "final_url") != null ? text(e, "final_url") : text(t, "url"),
              text(e, "cleaned_text"),
              true,
              text(e, "title"),
              text(e, "publish_date"),
              canonical != null && canonical.startsWith("http") ? canonical : null,
              language(text(e, "meta_lang"))));
    }
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String strip(Path p, String suffix) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - suffix.length());
  }

  private static @Nullable String text(@Nullable JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() || s.equals("None") || s.equals("null") ? null : s;
  }

  private static @Nullable String language(@Nullable String tag) {
    if (tag == null || tag.length() < 2 || !Character.isLetter(tag.charAt(0))) {
      return null;
    }
    return tag.substring(0, 2).toLowerCase(Locale.ROOT);
  }
}
