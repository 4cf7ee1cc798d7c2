package com.finpulse.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Formats the shared fixtures lack (RSS 1.0, news sitemaps) and broken input. */
class FeedParserTest {

  static byte[] resource(String name) throws IOException {
    try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void rss1Rdf() throws Exception {
    ParsedFeed feed = FeedDocuments.parse(resource("rss1-rdf.xml"), null, null, null);
    assertThat(feed.format()).isEqualTo(FeedFormat.RSS_1_RDF);
    assertThat(feed.title()).isEqualTo("Example Central Bank: press releases");
    assertThat(feed.items()).hasSize(2);
    FeedItem rates = feed.items().get(0);
    assertThat(rates.title()).isEqualTo("Monetary policy decision: rates held at 4.25%");
    assertThat(rates.link()).isEqualTo("https://press.example.org/2024/06/rates.html");
    assertThat(rates.published()).isEqualTo(Instant.parse("2024-06-06T11:15:00Z"));
    assertThat(rates.author()).isEqualTo("Press Office");
    FeedItem speech = feed.items().get(1);
    assertThat(speech.title()).isEqualTo("Speech: inflation & the path ahead");
    assertThat(speech.link())
        .as("rdf:about when there is no <link>")
        .isEqualTo("https://press.example.org/2024/06/speech.html");
    assertThat(speech.summary()).isEqualTo("Remarks by the Governor at a conference.");
    assertThat(speech.published()).isEqualTo(Instant.parse("2024-06-07T00:00:00Z"));
  }

  @Test
  void newsSitemap() throws Exception {
    ParsedFeed feed =
        FeedDocuments.parse(
            resource("news-sitemap.xml"),
            null,
            "application/xml",
            URI.create("https://news.example.com/sitemap-news.xml"));
    assertThat(feed.format()).isEqualTo(FeedFormat.NEWS_SITEMAP);
    assertThat(feed.items()).as("the plain <url> without <news:news> is no article").hasSize(2);
    FeedItem chip = feed.items().get(0);
    assertThat(chip.title()).isEqualTo("Chipmaker raises outlook as AI demand surges");
    assertThat(chip.link())
        .isEqualTo("https://news.example.com/markets/2024/06/07/chipmaker-raises-outlook.html");
    assertThat(chip.published()).isEqualTo(Instant.parse("2024-06-07T17:05:00Z"));
    assertThat(chip.tickers()).containsExactly("AMAT", "TSM");
    assertThat(chip.language()).isEqualTo("en");
    assertThat(chip.publisher()).isEqualTo("Example Business News");
  }

  @Test
  void sitemapIndexListsItsChildren() throws Exception {
    ParsedFeed index =
        FeedDocuments.parse(
            resource("news-sitemap-index.xml"),
            null,
            "application/xml",
            URI.create("https://news.example.com/sitemap.xml"));
    assertThat(index.format()).isEqualTo(FeedFormat.SITEMAP_INDEX);
    assertThat(index.childSitemaps())
        .containsExactly(
            URI.create("https://news.example.com/sitemap-news-1.xml"),
            URI.create("https://news.example.com/sitemap-news-2.xml"));
  }

  @Test
  void truncatedFeedIsReportedButWhatParsedIsKept() throws Exception {
    String xml =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>First story</title><link>https://a.example/1</link></item>"
            + "<item><title>Second story</title><link>https://a.example/2</lin";
    ParsedFeed feed = FeedDocuments.parse(xml.getBytes(StandardCharsets.UTF_8), null, null, null);
    assertThat(feed.problems()).isNotEmpty();
    assertThat(feed.problems().get(0)).startsWith("line 1, column");
    assertThat(feed.items()).extracting(FeedItem::title).contains("First story");
  }

  @Test
  void garbageAndHtmlAreNotFeeds() {
    assertThatThrownBy(() -> FeedDocuments.parse("just some text".getBytes(), null, null, null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("not XML");
    assertThatThrownBy(
            () ->
                FeedDocuments.parse(
                    "<!DOCTYPE html><html><head><title>Home</title></head><body>x</body></html>"
                        .getBytes(),
                    null,
                    null,
                    null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("HTML page, not a feed");
    assertThatThrownBy(
            () -> FeedDocuments.parse("<opml><body/></opml>".getBytes(), null, null, null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("root element is <opml>");
    assertThatThrownBy(() -> FeedDocuments.parse(new byte[0], null, null, null))
        .isInstanceOf(FeedParseException.class);
  }

  @Test
  void entityBombIsRefusedCheaply() throws Exception {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY a")
          .append(i)
          .append(" \"")
          .append(("&a" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append(
        "]><rss><channel><item><title>&a9;</title><link>https://a.example/x</link></item></channel></rss>");
    long t = System.nanoTime();
    ParsedFeed feed =
        FeedDocuments.parse(dtd.toString().getBytes(StandardCharsets.UTF_8), null, null, null);
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(5));
    assertThat(feed.items()).hasSize(1);
    assertThat(feed.items().get(0).title()).as("entities are not expanded").hasSizeLessThan(100);
  }

  @Test
  void deeplyNestedDocumentDoesNotOverflowTheStack() throws Exception {
    int depth = 200_000;
    String xml =
        "<rss><channel><item><title>Deep</title><link>https://a.example/deep</link><description>"
            + "<x>".repeat(depth)
            + "</x>".repeat(depth)
            + "</description></item></channel></rss>";
    ParsedFeed feed = FeedDocuments.parse(xml.getBytes(StandardCharsets.UTF_8), null, null, null);
    assertThat(feed.items()).extracting(FeedItem::title).containsExactly("Deep");
  }
}
