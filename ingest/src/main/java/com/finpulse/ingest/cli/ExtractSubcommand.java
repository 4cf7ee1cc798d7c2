package com.finpulse.ingest.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.common.ticker.Watchlist;
import com.finpulse.ingest.extract.ArticlePageExtractor;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.extract.ExtractionException;
import com.finpulse.ingest.extract.ExtractionLimits;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./finpulse ingest extract FILE…}: one JSON line per article page on stdout; a file that
 * cannot be read or yields no article gets one line on stderr, the others go on, and the exit code
 * is 1 if any failed.
 */
public final class ExtractSubcommand implements IngestSubcommand {

  /** The printed line, field order as documented. */
  @JsonPropertyOrder({"file", "title", "published", "text", "canonical_url", "language", "tickers"})
  record Line(
      String file,
      String title,
      @Nullable Instant published,
      String text,
      @Nullable String canonicalUrl,
      @Nullable String language,
      List<String> tickers) {}

  @Override
  public String name() {
    return "extract";
  }

  @Override
  public String summary() {
    return "extract title, publish time, body text, canonical URL, language and tickers from HTML files";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    CliArgs cli = CliArgs.parse(args, Set.of("help"));
    if (cli.flag("help")) {
      out.println(
          """
          Usage: ./finpulse ingest extract [--watchlist FILE] FILE...

          Prints one JSON line per HTML file (.gz files are decompressed):
            {"file","title","published","text","canonical_url","language","tickers"}
          published is ISO-8601 UTC or null. Unreadable files are reported on stderr and
          skipped; the exit code is then 1.

            --watchlist FILE   CSV of 'company name,TICKER' lines for ticker detection
                               (default: the watchlist shipped with ingest)""");
      return 0;
    }
    Path watchlistFile = cli.path("watchlist");
    cli.rejectUnknown();
    List<String> files = cli.positional();
    if (files.isEmpty()) {
      throw new UsageException("give at least one HTML file (see --help)");
    }
    Map<String, String> watchlist =
        watchlistFile == null ? Watchlist.defaults() : Watchlist.load(watchlistFile);
    ExtractionLimits limits = ExtractionLimits.DEFAULT;
    ArticlePageExtractor extractor =
        new ArticlePageExtractor(new PatternTickerFinder(watchlist), limits);
    ObjectMapper json = JsonCodec.mapper();
    int failed = 0;
    for (String file : files) {
      try {
        byte[] bytes = read(Path.of(file), limits.maxBytes());
        ExtractedArticle a = extractor.extract(bytes, null, null);
        out.println(
            json.writeValueAsString(
                new Line(
                    file,
                    a.title(),
                    a.published(),
                    a.text(),
                    a.canonicalUrl(),
                    a.language(),
                    a.tickers())));
      } catch (IOException | ExtractionException e) {
        failed++;
        err.println("finpulse ingest extract: " + file + ": " + describe(e) + "; skipped");
      }
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.util.zip.ZipException) {
      return "not a valid gzip file (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * Reads at most {@code cap + 1} bytes (the extractor truncates at the cap), decompressing gzip
   * when the name ends in .gz or the bytes start with the gzip magic number.
   */
  static byte[] read(Path file, int cap) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("is a directory");
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new java.io.BufferedInputStream(raw)) {
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      boolean gzip = file.toString().endsWith(".gz") || (b1 == 0x1F && b2 == 0x8B);
      InputStream body = gzip ? new GZIPInputStream(in) : in;
      return body.readNBytes(cap + 1);
    }
  }
}
