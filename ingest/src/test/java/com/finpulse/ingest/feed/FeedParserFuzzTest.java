package com.finpulse.ingest.feed;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of feed parsing (RSS, RDF, Atom, news sitemaps, EDGAR indexes, HTML
 * listings): any bytes must give a parsed feed or a {@link FeedParseException}, nothing else.
 * Seeds: {@code FeedParserFuzzTestInputs/fuzz/} (the first bytes pick the declared charset and
 * whether a URL is known).
 */
class FeedParserFuzzTest {

  private static final List<Charset> DECLARED =
      List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16);

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) {
    int c = data.consumeInt(0, DECLARED.size());
    Charset declared = c == DECLARED.size() ? null : DECLARED.get(c);
    URI url =
        data.consumeBoolean()
            ? URI.create("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent")
            : data.consumeBoolean() ? URI.create("https://news.example.com/feed.xml") : null;
    String contentType = data.consumeBoolean() ? "application/rss+xml" : null;
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      ParsedFeed feed = FeedDocuments.parse(bytes, declared, contentType, url);
      feed.items().forEach(FeedItem::toString);
    } catch (FeedParseException expected) {
      // the documented outcome for bytes that are no feed
    }
  }
}
