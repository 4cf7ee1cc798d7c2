package com.finpulse.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.config.SourceType;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each source type reaches the parser its documentation (README, {@code ingest.yml}) names, decided
 * by the type alone: the URLs here are loopback ones, so nothing can be guessed from the host.
 */
class SourceTypeDispatchTest extends LoopbackSourceTest {

  /** What a source of one type is served, and the headline its parser makes of it. */
  record Served(String path, String contentType, byte[] body, String title) {}

  static final String RSS =
      """
      <rss version="2.0"><channel><title>Markets</title><item>
        <title>Chipmaker raises outlook as AI demand surges - Example Wire</title>
        <link>https://news.example.com/markets/chip.html</link>
        <source url="https://wire.example.com">Example Wire</source>
        <description>Chipmaker raises outlook as AI demand surges Example Wire</description>
      </item></channel></rss>""";

  static final String SITEMAP =
      """
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
              xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>https://news.example.com/markets/chip.html</loc><news:news>
          <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
          <news:publication_date>2024-06-07T13:05:00Z</news:publication_date>
          <news:title>Chipmaker raises outlook as AI demand surges</news:title>
        </news:news></url>
      </urlset>""";

  Served served(SourceType type) throws Exception {
    return switch (type) {
      // A plain feed keeps the title as the feed writes it (no <source> echo in RSS 2.0 proper).
      case FEED ->
          new Served(
              "/feed.xml",
              "application/rss+xml",
              RSS.replace(" - Example Wire", "").getBytes(StandardCharsets.UTF_8),
              "Chipmaker raises outlook as AI demand surges");
      // Google News: the publisher's name comes off the end of the headline.
      case GOOGLE_NEWS ->
          new Served(
              "/rss/search",
              "application/rss+xml",
              RSS.getBytes(StandardCharsets.UTF_8),
              "Chipmaker raises outlook as AI demand surges");
      // crawler-commons' news sitemap reader.
      case NEWS_SITEMAP ->
          new Served(
              "/sitemap_news.xml",
              "application/xml",
              SITEMAP.getBytes(StandardCharsets.UTF_8),
              "Chipmaker raises outlook as AI demand surges");
      // EDGAR's Atom feed, retitled by the filings reader although the host is not sec.gov.
      case EDGAR ->
          new Served(
              "/cgi-bin/browse-edgar",
              "application/atom+xml",
              Files.readAllBytes(SharedData.feeds().resolve("sec-edgar-company-twitter.atom.xml")),
              "TWITTER, INC. files Form S-8: Securities to be offered to employees in employee"
                  + " benefit plans");
      // A listing page: its links are fetched and extracted.
      case HTML_LISTING -> {
        server.serve(
            "/news/chip.html",
            "text/html",
            "<html><body><h1>Chipmaker raises outlook</h1><p>Full text.</p></body></html>"
                .getBytes(StandardCharsets.UTF_8));
        yield new Served(
            "/news/",
            "text/html",
            "<html><body><ul class=\"s\"><li><a href=\"/news/chip.html\">Chip</a></li></ul></body></html>"
                .getBytes(StandardCharsets.UTF_8),
            "Chipmaker raises outlook");
      }
    };
  }

  SourceSettings settings(SourceType type, String url) {
    boolean listing = type == SourceType.HTML_LISTING;
    return new SourceSettings(
        type.configName(),
        type,
        url,
        true,
        Duration.ofMinutes(10),
        listing,
        listing ? "ul.s a" : null,
        null,
        List.of(),
        "en",
        50);
  }

  @ParameterizedTest
  @EnumSource(SourceType.class)
  void eachSourceTypeReachesItsParser(SourceType type) throws Exception {
    Served s = served(type);
    server.serve(s.path(), s.contentType(), s.body());
    LiveSource source = harness.source(settings(type, server.base() + s.path()));
    assertThat(source)
        .isInstanceOf(type == SourceType.HTML_LISTING ? ListingSource.class : FeedSource.class);
    assertThat(source.poll(sink)).isInstanceOf(PollResult.Done.class);
    assertThat(sink.published).extracting(NewsArticle::title).first().isEqualTo(s.title());
  }

  @Test
  void aFeedSourceServedASitemapSaysWhichTypeReadsIt() throws Exception {
    server.serve("/feed.xml", "application/xml", SITEMAP.getBytes(StandardCharsets.UTF_8));
    PollResult r =
        harness.source(settings(SourceType.FEED, server.base() + "/feed.xml")).poll(sink);
    assertThat(r).isInstanceOf(PollResult.Failed.class);
    assertThat(((PollResult.Failed) r).kind()).isEqualTo(FailureKind.PARSE);
    assertThat(((PollResult.Failed) r).message())
        .isEqualTo("a sitemap, not a feed; use a news_sitemap source for it");
  }

  @Test
  void aNewsSitemapSourceServedAFeedIsRefused() throws Exception {
    server.serve("/sitemap.xml", "application/xml", RSS.getBytes(StandardCharsets.UTF_8));
    PollResult r =
        harness
            .source(settings(SourceType.NEWS_SITEMAP, server.base() + "/sitemap.xml"))
            .poll(sink);
    assertThat(((PollResult.Failed) r).message())
        .isEqualTo("not a sitemap: the root element is <rss>, expected urlset or sitemapindex");
  }

  @Test
  void anEdgarFeedUnderTypeFeedIsReadAsPlainAtom() throws Exception {
    Served edgar = served(SourceType.EDGAR);
    server.serve(edgar.path(), edgar.contentType(), edgar.body());
    harness.source(settings(SourceType.FEED, server.base() + edgar.path())).poll(sink);
    assertThat(sink.published).isNotEmpty();
    assertThat(sink.published).extracting(NewsArticle::title).doesNotContain(edgar.title());
  }
}
