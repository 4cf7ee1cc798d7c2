package com.finpulse.bench.extract;

import com.finpulse.bench.Benchmark;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.ticker.Watchlist;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.extract.ArticlePageExtractor;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.extract.ExtractionException;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.io.ByteArrayInputStream;
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
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./finpulse bench extract DIR}: extraction quality and speed over the news-fixtures article
 * pages, per source and overall, against the whole visible text of {@code <body>} as the named
 * alternative.
 */
public final class ExtractBenchmark implements Benchmark {

  private static final String USAGE =
      """
      Usage: ./finpulse bench extract [--rounds N] [--worst N] [--mismatches] [--source S] DIR

      DIR is the news-fixtures folder (../shared/data/news-fixtures). Scores the article
      extractor on every page with ground truth, per source and overall:
        body P/R/F1   4-token shingle precision/recall/F1 exactly as scrapinghub/
                      article-extraction-benchmark's evaluate.py computes them (tokens are
                      \\w+ runs; per-page counts normalised; means over pages; F1 of the means).
                      goose3's truth is only the article's first sentence: its column shows
                      prefix recall (marked *) and it stays out of the overall P/R/F1
        bowF1         the same over single tokens (bag of words), for reference
        title         exact match after whitespace normalisation
        date          publish time: the same instant within 60 s when the truth has a zone,
                      the same wall-clock time at some UTC offset when it has none, the same
                      calendar date when it is a date alone; pages without a date not counted
        language      ISO 639-1 code; canonical: URL up to scheme, host case, trailing slash
        pages/s       one thread, after a warm-up pass, over the timed rounds
      The last line is the extractor's body F1 over the whole-body-text baseline's
      (Jsoup body().text()), both measured in this run.

        --rounds N    timed passes for pages/s (default 3)
        --worst N     also list the N pages with the lowest body F1
        --mismatches  also list every title, date and language that did not match
        --source S    only that source (zyte-benchmark, fundus, readability, newspaper4k, goose3)""";

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
      out.println(USAGE);
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
    if (rounds < 1) {
      throw new UsageException("--rounds must be at least 1");
    }
    List<LabeledPage> pages = new ArrayList<>(FixtureCorpus.load(Path.of(cli.positional().get(0))));
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
      results.add(new PageResult(p, a, error, wholeBodyText(bytes.get(i))));
      progress.update(i + 1);
    }
    progress.finish(pages.size());

    double extractorRate =
        pagesPerSecond(
            rounds,
            pages.size(),
            i -> {
              try {
                extractor.extract(bytes.get(i), null, uri(pages.get(i).pageUrl()));
              } catch (ExtractionException e) {
                // counted in the quality pass
              }
            });
    double baselineRate = pagesPerSecond(rounds, pages.size(), i -> wholeBodyText(bytes.get(i)));

    Map<String, List<PageResult>> bySource = new LinkedHashMap<>();
    for (PageResult r : results) {
      bySource.computeIfAbsent(r.page().source(), k -> new ArrayList<>()).add(r);
    }
    SourceScore overall = SourceScore.extractor("overall", results);
    SourceScore overallBaseline = SourceScore.baseline("overall", results);

    out.println("Article extraction vs ground truth (rates: hits (pages labelled))");
    out.printf(
        Locale.ROOT,
        "%-15s %5s %4s  %6s %6s %6s %6s  %-11s %-11s %-11s %-11s%n",
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
    for (var e : bySource.entrySet()) {
      printRow(out, SourceScore.extractor(e.getKey(), e.getValue()), true);
    }
    printRow(out, overall, true);
    out.println();
    out.println("Whole-body-text baseline (Jsoup body().text()), body text only:");
    for (var e : bySource.entrySet()) {
      printRow(out, SourceScore.baseline(e.getKey(), e.getValue()), false);
    }
    printRow(out, overallBaseline, false);
    out.println("(* goose3: prefix recall of the expected opening; not in the overall P/R/F1)");
    out.println();
    out.printf(
        Locale.ROOT,
        "throughput (one thread, %d pages x %d rounds): extractor %.1f pages/s, whole-body-text baseline %.1f pages/s%n",
        pages.size(),
        rounds,
        extractorRate,
        baselineRate);
    if (worst > 0) {
      printWorst(out, results, worst);
    }
    if (mismatches) {
      printMismatches(out, results);
    }
    double ratio = overall.body().f1() / overallBaseline.body().f1();
    out.printf(
        Locale.ROOT,
        "ratio: extractor body F1 / whole-body-text (Jsoup body().text()) body F1 = %.3f / %.3f = %.2fx%n",
        overall.body().f1(),
        overallBaseline.body().f1(),
        ratio);
    return 0;
  }

  private static void printRow(PrintStream out, SourceScore s, boolean fields) {
    boolean prefix = s.prefixOnly();
    String label = prefix ? s.source() + "*" : s.source();
    String p = prefix ? "-" : fmt(s.body().precision());
    String r = fmt(prefix ? s.prefixRecall() : s.body().recall());
    String f1 = prefix ? "-" : fmt(s.body().f1());
    String bow = prefix ? "-" : fmt(s.bagOfWordsF1());
    if (!fields) {
      out.printf(
          Locale.ROOT, "%-15s %5d %4s  %6s %6s %6s %6s%n", label, s.pages(), "", p, r, f1, bow);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-15s %5d %4d  %6s %6s %6s %6s  %-11s %-11s %-11s %-11s%n",
        label,
        s.pages(),
        s.failures(),
        p,
        r,
        f1,
        bow,
        s.title().show(),
        s.date().show(),
        s.language().show(),
        s.canonical().show());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static void printWorst(PrintStream out, List<PageResult> results, int n) {
    record Scored(PageResult result, ShingleMatch.Counts counts, double f1) {}
    List<Scored> scored = new ArrayList<>();
    for (PageResult r : results) {
      if (r.page().body() != null && !r.page().bodyIsPrefix()) {
        ShingleMatch.Counts c = ShingleMatch.compare(r.page().body(), r.extractedText());
        double sum = c.precision() + c.recall();
        scored.add(new Scored(r, c, sum == 0 ? 0 : 2 * c.precision() * c.recall() / sum));
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::f1));
    out.println();
    out.println("Lowest body F1:");
    for (Scored s : scored.subList(0, Math.min(n, scored.size()))) {
      out.printf(
          Locale.ROOT,
          "  %.3f  P %.3f R %.3f  %-15s %s%s%n",
          s.f1(),
          s.counts().precision(),
          s.counts().recall(),
          s.result().page().source(),
          s.result().page().id(),
          s.result().error() == null ? "" : "  (" + s.result().error() + ")");
    }
  }

  private static void printMismatches(PrintStream out, List<PageResult> results) {
    out.println();
    out.println("Mismatches (expected | extracted):");
    for (PageResult r : results) {
      LabeledPage p = r.page();
      ExtractedArticle a = r.article();
      String where = p.source() + " " + p.id();
      if (p.title() != null && (a == null || !FieldMatch.sameTitle(p.title(), a.title()))) {
        out.println(
            "  title     "
                + where
                + ": "
                + FieldMatch.normalize(p.title())
                + " | "
                + (a == null ? null : a.title()));
      }
      if (p.published() != null
          && Boolean.FALSE.equals(
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

  private static double pagesPerSecond(int rounds, int pages, IntConsumer work) {
    for (int i = 0; i < pages; i++) {
      work.accept(i); // warm-up, so both contenders are measured compiled
    }
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < pages; i++) {
        work.accept(i);
      }
    }
    return (double) rounds * pages / ((System.nanoTime() - start) / 1e9);
  }

  /** The named alternative: all text of {@code <body>}, with Jsoup's own charset detection. */
  static String wholeBodyText(byte[] html) {
    try {
      var doc = Jsoup.parse(new ByteArrayInputStream(html), null, "");
      return doc.body() == null ? "" : doc.body().text();
    } catch (IOException e) {
      return "";
    }
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
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
}
