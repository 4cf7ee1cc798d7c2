package com.finpulse.bench.extract;

import com.finpulse.bench.Benchmark;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.cli.UsageException;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.extract.ArticlePageExtractor;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.extract.ExtractionException;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import com.finpulse.ingest.ticker.Watchlist;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./finpulse bench extract DIR}: extraction quality and speed over the news-fixtures article
 * pages, per source and overall, against the whole visible text of {@code <body>} as the named
 * alternative.
 */
public final class ExtractBenchmark implements Benchmark {

  @Override
  public String name() {
    return "extract";
  }

  @Override
  public String summary() {
    return "article extraction vs ground truth: body P/R/F1, title, date, pages/s";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    CliArgs cli = CliArgs.parse(args, Set.of("help", "mismatches"));
    if (cli.flag("help")) {
      out.println(
          """
          Usage: ./finpulse bench extract [--rounds N] [--worst N] [--source NAME] DIR

          DIR is the news-fixtures folder (../shared/data/news-fixtures). Scores the article
          extractor on every page with ground truth, per source and overall:
            body P/R/F1   4-token shingle precision/recall/F1 as scrapinghub/
                          article-extraction-benchmark's evaluate.py computes them
                          (goose3's truth is only the article's first sentence: its
                          column is prefix recall, and it stays out of the overall P/R/F1)
            bow F1        the same over single tokens (bag of words), for reference
            title         exact match after whitespace normalisation
            date          publish time: same instant within 60 s when the truth has a
                          zone, same wall-clock time at some UTC offset when it has none,
                          same calendar date when it is a date (see DateTruth)
            pages/s       single thread, after one warm-up pass, over the timed rounds
          The last line is the extractor's body F1 over the whole-body-text baseline's
          (Jsoup body().text()), both measured in this run.

            --rounds N    timed passes for pages/s (default 3)
            --worst N     also list the N pages with the lowest body F1
            --mismatches  also list every title, date and language that did not match
            --source S    only that source""");
      return 0;
    }
    int rounds = cli.intValue("rounds", 3);
    int worst = cli.intValue("worst", 0);
    boolean mismatches = cli.flag("mismatches");
    String only = cli.get("source");
    cli.rejectUnknown();
    if (cli.positional().size() != 1) {
      throw new UsageException("give the news-fixtures folder, e.g. ../shared/data/news-fixtures");
    }
    Path dir = Path.of(cli.positional().get(0));
    List<LabeledPage> pages = new ArrayList<>(FixtureCorpus.load(dir));
    if (only != null) {
      pages.removeIf(p -> !p.source().equals(only));
      if (pages.isEmpty()) {
        throw new UsageException(
            "no pages for --source " + only + "; sources: " + FixtureCorpus.SOURCES);
      }
    }
    List<byte[]> bytes = new ArrayList<>();
    for (LabeledPage p : pages) {
      bytes.add(read(p.html()));
    }
    ArticleExtractor extractor =
        new ArticlePageExtractor(new PatternTickerFinder(Watchlist.defaults()));

    // Quality pass (also the JIT warm-up for the timed rounds).
    List<PageResult> results = new ArrayList<>();
    ProgressBar progress = new ProgressBar(err, "extract", pages.size(), "pages");
    for (int i = 0; i < pages.size(); i++) {
      LabeledPage p = pages.get(i);
      ExtractedArticle a = null;
      String error = null;
      try {
        a = extractor.extract(bytes.get(i), null, uri(p.pageUrl()));
      } catch (ExtractionException e) {
        error = e.getMessage();
      }
      String baseline = wholeBodyText(bytes.get(i));
      results.add(new PageResult(p, a, error, baseline));
      progress.update(i + 1);
    }
    progress.finish(pages.size());

    double extractorRate =
        pagesPerSecond(
            rounds,
            bytes,
            pages,
            b -> {
              try {
                extractor.extract(b.bytes(), null, uri(b.page().pageUrl()));
              } catch (ExtractionException e) {
                // counted in the quality pass
              }
            });
    double baselineRate = pagesPerSecond(rounds, bytes, pages, b -> wholeBodyText(b.bytes()));

    Report report = new Report(results);
    report.print(out, extractorRate, baselineRate);
    if (worst > 0) {
      report.printWorst(out, worst);
    }
    if (mismatches) {
      report.printMismatches(out);
    }
    Report.Row all = report.overall();
    Report.Row base = report.overallBaseline();
    out.printf(
        Locale.ROOT,
        "ratio: extractor body F1 / whole-body-text (Jsoup body().text()) body F1 = %.3f / %.3f = %.2fx%n",
        all.body().f1(),
        base.body().f1(),
        base.body().f1() == 0 ? Double.NaN : all.body().f1() / base.body().f1());
    return 0;
  }

  record Timed(LabeledPage page, byte[] bytes) {}

  private static double pagesPerSecond(
      int rounds,
      List<byte[]> bytes,
      List<LabeledPage> pages,
      java.util.function.Consumer<Timed> work) {
    // one untimed pass so both contenders are measured warm
    for (int i = 0; i < pages.size(); i++) {
      work.accept(new Timed(pages.get(i), bytes.get(i)));
    }
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < pages.size(); i++) {
        work.accept(new Timed(pages.get(i), bytes.get(i)));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return rounds * pages.size() / seconds;
  }

  /**
   * The named alternative: every visible text node of {@code <body>}, Jsoup's own charset sniffing.
   */
  static String wholeBodyText(byte[] html) {
    try {
      var doc = Jsoup.parse(new java.io.ByteArrayInputStream(html), null, "");
      return doc.body() == null ? "" : doc.body().text();
    } catch (IOException e) {
      return "";
    }
  }

  static byte[] read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return in.readAllBytes();
    }
  }

  private static @Nullable URI uri(@Nullable String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url.strip().replace(" ", "%20"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One page's outcome. */
  record PageResult(
      LabeledPage page,
      @Nullable ExtractedArticle article,
      @Nullable String error,
      String baseline) {}

  /** Aggregates per source. */
  static final class Report {

    record Row(
        String source,
        int pages,
        int failures,
        ShingleMatch.Summary body,
        double bowF1,
        double prefixRecall,
        Ratio title,
        Ratio date,
        Ratio language,
        Ratio canonical) {}

    record Ratio(int hits, int total) {
      double value() {
        return total == 0 ? Double.NaN : (double) hits / total;
      }

      String show() {
        return total == 0
            ? "   -   "
            : String.format(Locale.ROOT, "%.3f %-3s", value(), "(" + total + ")").strip();
      }
    }

    private final List<PageResult> results;

    Report(List<PageResult> results) {
      this.results = results;
    }

    Row row(String source, List<PageResult> rs, boolean baseline) {
      List<ShingleMatch.Counts> counts = new ArrayList<>();
      List<ShingleMatch.Counts> bow = new ArrayList<>();
      double prefix = 0;
      int prefixPages = 0;
      int failures = 0;
      int[] title = new int[2];
      int[] date = new int[2];
      int[] lang = new int[2];
      int[] canon = new int[2];
      for (PageResult r : rs) {
        LabeledPage p = r.page();
        if (!baseline && r.article() == null) {
          failures++;
        }
        String predicted = baseline ? r.baseline() : r.article() == null ? "" : r.article().text();
        if (p.body() != null) {
          if (p.bodyIsPrefix()) {
            prefix += ShingleMatch.prefixRecall(p.body(), predicted);
            prefixPages++;
          } else {
            counts.add(ShingleMatch.compare(p.body(), predicted));
            bow.add(bagOfWords(p.body(), predicted));
          }
        }
        ExtractedArticle a = r.article();
        if (p.title() != null) {
          title[1]++;
          if (a != null && normalize(a.title()).equals(normalize(p.title()))) {
            title[0]++;
          }
        }
        if (p.published() != null) {
          Boolean ok = DateTruth.matches(p.published(), a == null ? null : a.published());
          if (ok != null) {
            date[1]++;
            if (ok) {
              date[0]++;
            }
          }
        }
        if (p.language() != null) {
          lang[1]++;
          if (a != null && p.language().equals(a.language())) {
            lang[0]++;
          }
        }
        if (p.canonicalUrl() != null) {
          canon[1]++;
          if (a != null
              && a.canonicalUrl() != null
              && sameUrl(p.canonicalUrl(), a.canonicalUrl())) {
            canon[0]++;
          }
        }
      }
      return new Row(
          source,
          rs.size(),
          failures,
          ShingleMatch.Summary.of(counts),
          ShingleMatch.Summary.of(bow).f1(),
          prefixPages == 0 ? Double.NaN : prefix / prefixPages,
          new Ratio(title[0], title[1]),
          new Ratio(date[0], date[1]),
          new Ratio(lang[0], lang[1]),
          new Ratio(canon[0], canon[1]));
    }

    private static ShingleMatch.Counts bagOfWords(String expected, String predicted) {
      Map<String, Integer> t = new LinkedHashMap<>();
      ShingleMatch.tokens(expected).forEach(x -> t.merge(x, 1, Integer::sum));
      Map<String, Integer> p = new LinkedHashMap<>();
      ShingleMatch.tokens(predicted).forEach(x -> p.merge(x, 1, Integer::sum));
      double tp = 0;
      double fp = 0;
      double fn = 0;
      for (var e : t.entrySet()) {
        int q = p.getOrDefault(e.getKey(), 0);
        tp += Math.min(e.getValue(), q);
        fn += Math.max(0, e.getValue() - q);
      }
      for (var e : p.entrySet()) {
        fp += Math.max(0, e.getValue() - t.getOrDefault(e.getKey(), 0));
      }
      double s = tp + fp + fn;
      return s == 0
          ? new ShingleMatch.Counts(0, 0, 0)
          : new ShingleMatch.Counts(tp / s, fp / s, fn / s);
    }

    Row overall() {
      return row("overall", fullBodySources(), false);
    }

    Row overallBaseline() {
      return row("overall", fullBodySources(), true);
    }

    /** All pages; goose3's prefix-only bodies do not enter P/R/F1 (scored by their own rule). */
    private List<PageResult> fullBodySources() {
      return results;
    }

    void print(PrintStream out, double extractorRate, double baselineRate) {
      Map<String, List<PageResult>> bySource = new LinkedHashMap<>();
      for (String s : FixtureCorpus.SOURCES) {
        bySource.put(s, new ArrayList<>());
      }
      results.forEach(r -> bySource.get(r.page().source()).add(r));
      bySource.values().removeIf(List::isEmpty);
      String header =
          String.format(
              Locale.ROOT,
              "%-15s %5s %4s  %6s %6s %6s %6s  %-11s %-11s %-11s %-11s",
              "source",
              "pages",
              "fail",
              "body P",
              "body R",
              "F1",
              "bowF1",
              "title",
              "date",
              "language",
              "canonical");
      out.println(
          "Article extraction vs ground truth (ratios: hits/total where the source labels it)");
      out.println(header);
      for (var e : bySource.entrySet()) {
        printRow(out, row(e.getKey(), e.getValue(), false));
      }
      printRow(out, overall());
      out.println();
      out.println("Whole-body-text baseline (Jsoup body().text()), body text only:");
      for (var e : bySource.entrySet()) {
        printRow(out, row(e.getKey(), e.getValue(), true), true);
      }
      printRow(out, overallBaseline(), true);
      out.println();
      out.printf(
          Locale.ROOT,
          "throughput: extractor %.1f pages/s, whole-body-text baseline %.1f pages/s (single thread, %d pages)%n",
          extractorRate,
          baselineRate,
          results.size());
    }

    private static void printRow(PrintStream out, Row r) {
      printRow(out, r, false);
    }

    private static void printRow(PrintStream out, Row r, boolean bodyOnly) {
      boolean prefixOnly = r.body().pages() == 0 && !Double.isNaN(r.prefixRecall());
      String p = prefixOnly ? "   -  " : String.format(Locale.ROOT, "%6.3f", r.body().precision());
      String rec =
          prefixOnly
              ? String.format(Locale.ROOT, "%6.3f", r.prefixRecall())
              : String.format(Locale.ROOT, "%6.3f", r.body().recall());
      String f1 = prefixOnly ? "   -  " : String.format(Locale.ROOT, "%6.3f", r.body().f1());
      String bow = prefixOnly ? "   -  " : String.format(Locale.ROOT, "%6.3f", r.bowF1());
      String label = prefixOnly ? r.source() + "*" : r.source();
      if (bodyOnly) {
        out.printf(
            Locale.ROOT, "%-15s %5d %4s  %s %s %s %s%n", label, r.pages(), "", p, rec, f1, bow);
        return;
      }
      out.printf(
          Locale.ROOT,
          "%-15s %5d %4d  %s %s %s %s  %-11s %-11s %-11s %-11s%n",
          label,
          r.pages(),
          r.failures(),
          p,
          rec,
          f1,
          bow,
          r.title().show(),
          r.date().show(),
          r.language().show(),
          r.canonical().show());
    }

    void printMismatches(PrintStream out) {
      out.println();
      out.println("Mismatches (expected | extracted):");
      for (PageResult r : results) {
        LabeledPage p = r.page();
        ExtractedArticle a = r.article();
        String where = p.source() + " " + p.id();
        if (p.title() != null
            && (a == null || !normalize(a.title()).equals(normalize(p.title())))) {
          out.println(
              "  title     "
                  + where
                  + ": "
                  + normalize(p.title())
                  + " | "
                  + (a == null ? null : normalize(a.title())));
        }
        if (p.published() != null
            && !Boolean.TRUE.equals(
                DateTruth.matches(p.published(), a == null ? null : a.published()))) {
          out.println(
              "  date      "
                  + where
                  + ": "
                  + p.published()
                  + " | "
                  + (a == null ? null : a.published()));
        }
        if (p.language() != null && (a == null || !p.language().equals(a.language()))) {
          out.println(
              "  language  "
                  + where
                  + ": "
                  + p.language()
                  + " | "
                  + (a == null ? null : a.language()));
        }
      }
    }

    void printWorst(PrintStream out, int n) {
      List<Map.Entry<PageResult, Double>> scored = new ArrayList<>();
      for (PageResult r : results) {
        if (r.page().body() == null || r.page().bodyIsPrefix()) {
          continue;
        }
        ShingleMatch.Counts c =
            ShingleMatch.compare(r.page().body(), r.article() == null ? "" : r.article().text());
        double f =
            c.precision() + c.recall() == 0
                ? 0
                : 2 * c.precision() * c.recall() / (c.precision() + c.recall());
        scored.add(Map.entry(r, f));
      }
      scored.sort(Comparator.comparingDouble(Map.Entry::getValue));
      out.println();
      out.println("Lowest body F1:");
      for (var e : scored.subList(0, Math.min(n, scored.size()))) {
        PageResult r = e.getKey();
        ShingleMatch.Counts c =
            ShingleMatch.compare(r.page().body(), r.article() == null ? "" : r.article().text());
        out.printf(
            Locale.ROOT,
            "  %.3f  P %.3f R %.3f  %-15s %s%s%n",
            e.getValue(),
            c.precision(),
            c.recall(),
            r.page().source(),
            r.page().id(),
            r.error() == null ? "" : "  (" + r.error() + ")");
      }
    }
  }

  static String normalize(@Nullable String s) {
    if (s == null) {
      return "";
    }
    // Every Unicode space (NBSP, the ideographic space of CJK titles) counts as whitespace.
    StringBuilder sb = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = true;
      } else {
        if (space && sb.length() > 0) {
          sb.append(' ');
        }
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean sameUrl(String a, String b) {
    return canonicalForm(a).equals(canonicalForm(b));
  }

  private static String canonicalForm(String url) {
    String u = url.strip().replaceFirst("^https?://", "").replaceFirst("#.*$", "");
    int slash = u.indexOf('/');
    String host = slash < 0 ? u : u.substring(0, slash);
    String path = slash < 0 ? "" : u.substring(slash);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT) + path;
  }
}
