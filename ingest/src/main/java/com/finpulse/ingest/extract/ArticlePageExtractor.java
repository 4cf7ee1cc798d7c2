package com.finpulse.ingest.extract;

import com.finpulse.ingest.ticker.TickerFinder;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * The article extractor: decodes the bytes (charset sniffing, size cap), parses them with Jsoup,
 * bounds the nesting depth, reads the metadata the page declares (JSON-LD, OpenGraph, meta tags)
 * and finds the body text by scoring blocks for text and link density. Thread-safe: it holds no
 * per-page state.
 */
public final class ArticlePageExtractor implements ArticleExtractor {

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
    Document doc;
    try {
      doc = Jsoup.parse(page.html(), pageUrl == null ? "" : pageUrl.toString());
    } catch (RuntimeException e) {
      throw new ExtractionException("HTML parser failed: " + e, e);
    }
    NestingLimiter.limit(doc, limits.maxDepth());
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

  /**
   * The declared language, unless the text's script plainly says otherwise (templates that declare
   * {@code lang="en"} around Japanese text are common); the guess when nothing is declared.
   */
  private static @Nullable String language(@Nullable String declared, String text) {
    String byScript = LanguageGuesser.byScript(text);
    if (declared != null) {
      return byScript != null && !byScript.equals(declared) ? byScript : declared;
    }
    return LanguageGuesser.guess(text);
  }
}
