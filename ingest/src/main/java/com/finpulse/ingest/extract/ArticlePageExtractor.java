package com.finpulse.ingest.extract;

import com.finpulse.ingest.ticker.TickerFinder;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article extractor: decodes the bytes (charset sniffing, size cap), parses them with Jsoup,
 * bounds the nesting depth, reads the metadata the page declares (JSON-LD, OpenGraph, meta tags)
 * and finds the body text by scoring blocks for text and link density. Thread-safe: it holds no
 * per-page state.
 */
public final class ArticlePageExtractor implements ArticleExtractor {

  private static final Logger log = LoggerFactory.getLogger(ArticlePageExtractor.class);

  private final TickerFinder tickers;
  private final ExtractionLimits limits;

  public ArticlePageExtractor(TickerFinder tickers) {
    this(tickers, ExtractionLimits.DEFAULT);
  }

  public ArticlePageExtractor(TickerFinder tickers, ExtractionLimits limits) {
    this.tickers = tickers;
    this.limits = limits;
  }

  @Override
  public ExtractedArticle extract(
      byte[] html, @Nullable Charset declaredCharset, @Nullable URI pageUrl)
      throws ExtractionException {
    PageDecoder.DecodedPage page = PageDecoder.decode(html, declaredCharset, limits);
    if (page.truncated()) {
      log.info(
          "{}: page is {} bytes; extracting from the first {} only (extraction byte cap)",
          where(pageUrl),
          html.length,
          limits.maxBytes());
    }
    try {
      return extract(page, pageUrl);
    } catch (RuntimeException e) {
      // A page that trips a bug here must not stop the source it came from: the caller counts
      // and logs it like any unreadable page, with the cause attached.
      throw new ExtractionException("extraction failed on this page: " + e, e);
    }
  }

  private ExtractedArticle extract(PageDecoder.DecodedPage page, @Nullable URI pageUrl)
      throws ExtractionException {
    Document doc = Jsoup.parse(page.html(), pageUrl == null ? "" : pageUrl.toString());
    int flattened = NestingLimiter.limit(doc, limits.maxDepth());
    if (flattened > 0) {
      log.info(
          "{}: {} subtrees nested deeper than {} elements were flattened to their text",
          where(pageUrl),
          flattened,
          limits.maxDepth());
    }
    PageMetadata meta = MetadataReader.read(doc, pageUrl);
    String text = ContentExtractor.extract(doc, meta.title(), meta.structuredBody());
    String title = meta.title() == null ? "" : meta.title();
    if (title.isEmpty() && text.isEmpty()) {
      throw new ExtractionException("no article: the page has neither a title nor body text");
    }
    String language = language(meta.declaredLanguage(), title + "\n" + text);
    List<String> symbols = tickers.find(title + "\n\n" + text);
    return new ExtractedArticle(
        title, meta.published(), text, meta.canonicalUrl(), language, symbols, meta.author());
  }

  private static String where(@Nullable URI pageUrl) {
    return pageUrl == null ? "page" : pageUrl.toString();
  }

  /**
   * The declared language, unless the text plainly says otherwise (site-wide templates that declare
   * {@code lang="en"} around Japanese text, or "de" around an English article, are common); the
   * guess when nothing is declared.
   */
  private static @Nullable String language(@Nullable String declared, String text) {
    if (declared != null) {
      String evidence = LanguageGuesser.overrulingGuess(text);
      return evidence != null ? evidence : declared;
    }
    return LanguageGuesser.guess(text);
  }
}
