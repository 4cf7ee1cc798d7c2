package com.finpulse.ingest.extract;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of article extraction and charset sniffing: any page bytes, with or
 * without a declared charset, give an extracted article or an {@link ExtractionException}; the
 * sniffer always decides a charset. Seeds: {@code ArticleExtractorFuzzTestInputs/fuzz/}.
 */
class ArticleExtractorFuzzTest {

  private static final ArticlePageExtractor EXTRACTOR =
      new ArticlePageExtractor(new PatternTickerFinder(Map.of("Acme Corp", "ACME")));

  private static final List<Charset> DECLARED =
      List.of(
          StandardCharsets.UTF_8,
          StandardCharsets.ISO_8859_1,
          StandardCharsets.UTF_16BE,
          Charset.forName("Shift_JIS"));

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) {
    int c = data.consumeInt(0, DECLARED.size());
    Charset declared = c == DECLARED.size() ? null : DECLARED.get(c);
    URI url = data.consumeBoolean() ? URI.create("https://news.example.com/a/1.html") : null;
    byte[] html = data.consumeRemainingAsBytes();
    CharsetSniffer.Sniffed sniffed = CharsetSniffer.sniff(html, html.length, declared);
    if (sniffed.charset() == null || sniffed.bomLength() < 0 || sniffed.bomLength() > 4) {
      throw new IllegalStateException("sniffer gave " + sniffed);
    }
    try {
      ExtractedArticle a = EXTRACTOR.extract(html, declared, url);
      if (a.title() == null) {
        throw new IllegalStateException("an extracted article without a title");
      }
    } catch (ExtractionException expected) {
      // the documented outcome for a page without an article
    }
  }
}
