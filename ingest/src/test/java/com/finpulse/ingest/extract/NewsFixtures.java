package com.finpulse.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.ticker.Watchlist;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The article pages of {@code shared/data/news-fixtures} (see its PROVENANCE.md) with their
 * ground-truth files, found through the {@code finpulse.shared.dir} system property that surefire
 * sets. Missing data is a failure, not a skip: CI has it.
 */
final class NewsFixtures {

  /** One page: its source, file, fetch URL and the source's ground-truth JSON. */
  record Page(String source, String id, Path html, @Nullable String url, JsonNode truth) {
    @Override
    public String toString() {
      return source + "/" + id;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArticleExtractor EXTRACTOR =
      new ArticlePageExtractor(new PatternTickerFinder(Watchlist.defaults()));
  private static final Map<Path, ExtractedArticle> EXTRACTED = new ConcurrentHashMap<>();
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");

  private NewsFixtures() {}

  static Path root() {
    String shared = System.getProperty("finpulse.shared.dir");
    if (shared == null) {
      throw new AssertionError(
          "system property finpulse.shared.dir is not set: run the tests through Maven (surefire"
              + " sets it to <repo>/../shared)");
    }
    Path root = Path.of(shared, "data", "news-fixtures");
    if (!Files.isDirectory(root.resolve("articles"))) {
      throw new AssertionError(
          "news fixtures missing: " + root.resolve("articles") + " does not exist (shared data)");
    }
    return root;
  }

  static List<Page> articles() {
    try {
      Path a = root().resolve("articles");
      List<Page> pages = new ArrayList<>();
      for (Path truth : list(a.resolve("zyte-benchmark"), ".groundtruth.json")) {
        String id = name(truth, ".groundtruth.json");
        JsonNode t = JSON.readTree(truth.toFile()).get(id);
        pages.add(
            new Page(
                "zyte-benchmark",
                id.substring(0, 12),
                a.resolve("zyte-benchmark/" + id + ".html.gz"),
                t.get("url").asText(),
                t));
      }
      List<Path> fundus;
      try (Stream<Path> s = Files.walk(a.resolve("fundus"))) {
        fundus = s.filter(p -> p.toString().endsWith(".groundtruth.json")).sorted().toList();
      }
      for (Path truth : fundus) {
        JsonNode t = JSON.readTree(truth.toFile());
        pages.add(
            new Page(
                "fundus",
                name(truth, ".groundtruth.json"),
                truth.resolveSibling(t.get("page").asText()),
                t.get("url").asText(),
                t));
      }
      List<Path> cases;
      try (Stream<Path> s = Files.list(a.resolve("readability"))) {
        cases = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path c : cases) {
        JsonNode t = JSON.readTree(c.resolve("expected-metadata.json").toFile());
        pages.add(
            new Page("readability", c.getFileName().toString(), c.resolve("source.html"), null, t));
      }
      for (Path html : list(a.resolve("newspaper4k"), ".html")) {
        String n = name(html, ".html");
        JsonNode t = JSON.readTree(html.resolveSibling(n + ".metadata.json").toFile());
        pages.add(new Page("newspaper4k", n, html, t.path("url").asText(null), t));
      }
      for (Path html : list(a.resolve("goose3"), ".html")) {
        String n = name(html, ".html");
        JsonNode t = JSON.readTree(html.resolveSibling(n + ".json").toFile()).get("expected");
        pages.add(new Page("goose3", n, html, t.path("final_url").asText(null), t));
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Page> articles(String source) {
    return articles().stream().filter(p -> p.source().equals(source)).toList();
  }

  /** The SEC EDGAR pages: HTML, but filing indexes and an 8-K rather than news articles. */
  static List<Path> secPages() {
    return list(root().resolve("sec"), ".html");
  }

  /** Extracts once per test JVM (several test classes look at the same pages). */
  static ExtractedArticle extracted(Page page) {
    return EXTRACTED.computeIfAbsent(
        page.html(),
        p -> {
          try {
            return EXTRACTOR.extract(
                read(p), null, page.url() == null ? null : URI.create(page.url()));
          } catch (ExtractionException e) {
            throw new AssertionError(page + ": " + e.getMessage(), e);
          }
        });
  }

  static byte[] read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bag-of-words recall and precision of a predicted text against an expected one. */
  record Overlap(double recall, double precision) {
    double f1() {
      return recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
    }
  }

  static Overlap overlap(String expected, String predicted) {
    Map<String, Integer> t = counts(expected);
    Map<String, Integer> p = counts(predicted);
    int truthTotal = t.values().stream().mapToInt(Integer::intValue).sum();
    int predTotal = p.values().stream().mapToInt(Integer::intValue).sum();
    int common = 0;
    for (var e : t.entrySet()) {
      common += Math.min(e.getValue(), p.getOrDefault(e.getKey(), 0));
    }
    return new Overlap(
        truthTotal == 0 ? 1 : (double) common / truthTotal,
        predTotal == 0 ? 0 : (double) common / predTotal);
  }

  private static Map<String, Integer> counts(String text) {
    Map<String, Integer> out = new HashMap<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.merge(m.group(), 1, Integer::sum);
    }
    return out;
  }

  static String normalizeSpace(String s) {
    return TextNormalizer.collapse(s).strip();
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path p, String suffix) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - suffix.length());
  }
}
