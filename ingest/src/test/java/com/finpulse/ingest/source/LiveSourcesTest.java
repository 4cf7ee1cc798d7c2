package com.finpulse.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.config.SourceType;
import com.finpulse.ingest.dedup.DuplicateKind;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.testing.LoopbackServer;
import com.finpulse.ingest.testing.SharedData;
import com.finpulse.ingest.testing.TestSettings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feed and listing sources end to end against a loopback server serving the real fixtures: what is
 * offered, what is skipped, what is counted, what survives a restart of the source.
 */
class LiveSourcesTest extends LoopbackSourceTest {

  static final Charset CP1252 = Charset.forName("windows-1252");

  byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(SharedData.feeds().resolve(name));
  }

  @Test
  void feedIsReadThenNotModifiedEvenAfterARestart() throws Exception {
    byte[] nyt = fixture("nytimes-business.rss.xml");
    AtomicInteger full = new AtomicInteger();
    server.on(
        "/nyt.xml",
        ex -> {
          if ("\"nyt-1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            LoopbackServer.send(ex, 304, null, new byte[0]);
            return;
          }
          full.incrementAndGet();
          ex.getResponseHeaders().set("ETag", "\"nyt-1\"");
          LoopbackServer.send(ex, 200, "application/rss+xml; charset=UTF-8", nyt);
        });
    SourceSettings s = TestSettings.feed("nyt-business", server.base() + "/nyt.xml");
    LiveSource source = harness.source(s);
    assertThat(source.poll(sink)).isEqualTo(new PollResult.Done(50));
    assertThat(sink.published).hasSize(50);
    NewsArticle first = sink.published.get(0);
    assertThat(first.source()).isEqualTo("nyt-business");
    assertThat(first.title())
        .isEqualTo("Oil Prices Surge Above $100 a Barrel for the First Time in Almost Four Years");
    assertThat(first.url())
        .isEqualTo(
            "https://www.nytimes.com/2026/03/08/business/energy-environment/oil-prices-iran-100-dollars-barrel.html");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-03-08T23:24:20Z"));
    assertThat(first.body()).startsWith("The jump was a sign of growing concern");
    assertThat(first.author()).isEqualTo("Rebecca F. Elliott and Joe Rennison");
    assertThat(first.language()).isEqualTo("en");
    assertThat(first.id()).hasSize(32);

    assertThat(source.poll(sink)).isEqualTo(new PollResult.Done(0));
    assertThat(harness.count(MeterNames.INGEST_FETCHES, "outcome", "not_modified")).isEqualTo(1);

    // A new source object and a new store over the same state directory: the ETag survived.
    try (SourceHarness restarted = new SourceHarness(state)) {
      assertThat(restarted.source(s).poll(sink)).isEqualTo(new PollResult.Done(0));
    }
    assertThat(full.get()).isEqualTo(1);
  }

  @Test
  void reListedItemsAreKnownNotDuplicates() throws Exception {
    server.serve(
        "/cnbc.xml", "application/rss+xml", fixture("cnbc-international-top-news.rss.xml"));
    LiveSource source = harness.source(TestSettings.feed("cnbc", server.base() + "/cnbc.xml"));
    source.poll(sink);
    assertThat(sink.published).hasSize(30);
    source.poll(sink);
    assertThat(sink.published).hasSize(30);
    assertThat(sink.rejected)
        .hasSize(30)
        .allSatisfy(v -> assertThat(v.kind()).isEqualTo(DuplicateKind.KNOWN));
  }

  @Test
  void sameStoryFromTwoSourcesIsPublishedOnce() throws Exception {
    String a =
        """
        <rss version="2.0"><channel><title>A</title>
        <item><title>Exxon Mobil to buy shale rival in $60 billion deal, creating US oil giant</title>
        <link>https://www.energy.example/deals/exxon-shale?utm_source=rss</link>
        <description>The all-stock deal is the largest in the industry in two decades.</description>
        <pubDate>Wed, 11 Oct 2023 12:00:00 GMT</pubDate></item>
        <item><title>Fed holds rates steady and signals one more hike this year</title>
        <link>https://www.energy.example/macro/fed</link>
        <pubDate>Wed, 11 Oct 2023 13:00:00 GMT</pubDate></item>
        </channel></rss>""";
    String b =
        """
        <rss version="2.0"><channel><title>B</title>
        <item><title>Exxon Mobil to buy shale rival in $60 billion deal, creating US oil giant</title>
        <link>https://aggregator.example/r/12345</link>
        <pubDate>Wed, 11 Oct 2023 12:30:00 GMT</pubDate></item>
        <item><title>Other story entirely about European gas storage levels</title>
        <link>http://WWW.ENERGY.EXAMPLE:80/macro/fed#comments</link>
        <pubDate>Wed, 11 Oct 2023 13:00:00 GMT</pubDate></item>
        </channel></rss>""";
    server.serve("/a.xml", "application/rss+xml", a.getBytes(StandardCharsets.UTF_8));
    server.serve("/b.xml", "application/rss+xml", b.getBytes(StandardCharsets.UTF_8));
    harness.source(TestSettings.feed("source-a", server.base() + "/a.xml")).poll(sink);
    harness.source(TestSettings.feed("source-b", server.base() + "/b.xml")).poll(sink);
    assertThat(sink.published)
        .extracting(NewsArticle::source)
        .containsExactly("source-a", "source-a");
    assertThat(sink.published.get(0).tickers()).contains("XOM");
    assertThat(sink.published.get(0).url())
        .isEqualTo("https://www.energy.example/deals/exxon-shale");
    assertThat(sink.rejected)
        .extracting(v -> v.kind())
        .containsExactlyInAnyOrder(DuplicateKind.NEAR, DuplicateKind.EXACT);
  }

  @Test
  void latin1FeedServedWithoutCharsetReadsRight() throws Exception {
    server.serve("/uol.xml", "application/rss+xml", fixture("uol-noticias.rss.xml"));
    server.serve(
        "/uol-mislabelled.xml", "text/xml; charset=utf-8", fixture("uol-noticias.rss.xml"));
    harness.source(TestSettings.feed("uol", server.base() + "/uol.xml")).poll(sink);
    // Item 9 repeats item 8 behind a redirector link (.../*https://www1.folha...): one article.
    assertThat(sink.published).hasSize(14);
    assertThat(sink.rejected).extracting(v -> v.kind()).containsExactly(DuplicateKind.KNOWN);
    assertThat(sink.published.get(0).title())
        .isEqualTo("Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno");
    RecordingSink other = new RecordingSink();
    harness.source(TestSettings.feed("uol2", server.base() + "/uol-mislabelled.xml")).poll(other);
    assertThat(other.published.get(0).title()).isEqualTo(sink.published.get(0).title());
  }

  @Test
  void malformedXmlIsCountedAndWhatParsedIsKept() throws Exception {
    server.serve(
        "/broken.xml",
        "application/rss+xml",
        "<rss><channel><item><title>Readable headline before the break</title><link>https://x.example/1</link></item><item><title>Cut off"
            .getBytes(StandardCharsets.UTF_8));
    server.serve(
        "/garbage.xml", "application/rss+xml", "\u0000\u0001 not a feed at all".getBytes());
    PollResult r =
        harness.source(TestSettings.feed("broken", server.base() + "/broken.xml")).poll(sink);
    assertThat(r).isInstanceOf(PollResult.Done.class);
    assertThat(sink.published)
        .extracting(NewsArticle::title)
        .contains("Readable headline before the break");
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "source", "broken", "kind", "parse"))
        .isEqualTo(1);

    PollResult g =
        harness.source(TestSettings.feed("garbage", server.base() + "/garbage.xml")).poll(sink);
    assertThat(g).isInstanceOf(PollResult.Failed.class);
    assertThat(((PollResult.Failed) g).kind()).isEqualTo(FailureKind.PARSE);
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "source", "garbage", "kind", "parse"))
        .isEqualTo(1);
  }

  @Test
  void robotsAndRateLimitsShapeThePolls() throws Exception {
    server.serve("/robots.txt", "text/plain", "User-agent: *\nDisallow: /blocked/\n".getBytes());
    server.serve(
        "/blocked/feed.xml", "application/rss+xml", fixture("cnbc-international-top-news.rss.xml"));
    LiveSource blocked =
        harness.source(TestSettings.feed("blocked", server.base() + "/blocked/feed.xml"));
    PollResult r = blocked.poll(sink);
    assertThat(((PollResult.Failed) r).kind()).isEqualTo(FailureKind.ROBOTS);
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "kind", "robots")).isEqualTo(1);

    server.on(
        "/busy.xml",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "120");
          LoopbackServer.send(ex, 429, "text/plain", "busy");
        });
    LiveSource busy = harness.source(TestSettings.feed("busy", server.base() + "/busy.xml"));
    PollResult first = busy.poll(sink);
    assertThat(first).isInstanceOf(PollResult.Failed.class);
    Duration wait = busy.nextWait(first);
    assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    PollResult second = busy.poll(sink);
    assertThat(second).isInstanceOf(PollResult.Deferred.class);
    // Retry-After 120s, capped at backoff_max (30s in these tests).
    assertThat(busy.nextWait(second)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(35));
    assertThat(server.requests("/busy.xml")).hasSize(1);
  }

  @Test
  void failuresBackOffAndRecover() throws Exception {
    LiveSource s = harness.source(TestSettings.feed("flaky", server.base() + "/flaky.xml"));
    PollResult.Failed f = new PollResult.Failed(FailureKind.HTTP, "HTTP 500");
    // poll interval 1m, backoff 1s doubling, capped at 30s: the interval is the floor.
    assertThat(s.nextWait(f)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.nextWait(f)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.nextWait(new PollResult.Done(3))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void listingPageLinksAreFetchedExtractedAndNotFetchedTwice() throws Exception {
    String listing =
        "<html><head><meta charset=\"windows-1252\"><title>Markets – news</title></head><body>"
            + "<nav><a href=\"/about.html\">About</a></nav><ul class=\"stories\">"
            + "<li><a href=\"/news/story-1.html?utm_campaign=home\">Story one</a></li>"
            + "<li><a href=\"/news/story-2.html\">Story two</a></li>"
            + "<li><a href=\"/news/huge.html\">Huge</a></li>"
            + "<li><a href=\"/news/bomb.html\">Bomb</a></li>"
            + "<li><a href=\"/news/missing.html\">Missing</a></li>"
            + "<li><a href=\"https://elsewhere.example/x\">Offsite</a></li>"
            + "</ul></body></html>";
    server.serve("/news/", "text/html", listing.getBytes(CP1252));
    server.serve(
        "/news/story-1.html",
        "text/html",
        ("<html lang=\"fr\"><head><meta charset=\"windows-1252\"><link rel=\"canonical\" href=\"/news/story-1.html\">"
                + "<meta property=\"article:published_time\" content=\"2024-06-07T09:00:00Z\"></head>"
                + "<body><h1>Crédit bancaire : la BCE maintient ses taux à 4 %</h1><p>La Banque centrale européenne a laissé ses taux inchangés.</p></body></html>")
            .getBytes(CP1252));
    server.serve(
        "/news/story-2.html",
        "text/html; charset=utf-8",
        "<html><body><h1>Chipmaker $LMRA raises outlook on AI demand surge</h1><p>Shares rose 8%.</p></body></html>"
            .getBytes(StandardCharsets.UTF_8));
    server.on(
        "/news/huge.html",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, 0);
          try (var out = ex.getResponseBody()) {
            out.write("<html><body><h1>Huge</h1><p>".getBytes());
            byte[] chunk = "lorem ipsum ".repeat(5000).getBytes();
            for (int i = 0; i < 50 * 1024 * 1024 / chunk.length; i++) {
              out.write(chunk);
            }
          }
        });
    int depth = 100_000;
    server.serve(
        "/news/bomb.html",
        "text/html",
        ("<html><body><h1>Nested page survives</h1>"
                + "<div>".repeat(depth)
                + "<p>deep text</p>"
                + "</div>".repeat(depth)
                + "</body></html>")
            .getBytes(StandardCharsets.UTF_8));

    SourceSettings s =
        new SourceSettings(
            "listing",
            SourceType.HTML_LISTING,
            server.base() + "/news/",
            true,
            Duration.ofMinutes(1),
            true,
            "ul.stories li",
            ".*/news/.*",
            List.of(),
            "en",
            50);
    LiveSource source = harness.source(s);
    source.poll(sink);
    assertThat(sink.published)
        .extracting(NewsArticle::title)
        .containsExactlyInAnyOrder(
            "Crédit bancaire : la BCE maintient ses taux à 4 %",
            "Chipmaker $LMRA raises outlook on AI demand surge", "Nested page survives");
    NewsArticle fr =
        sink.published.stream()
            .filter(a -> a.title().startsWith("Crédit"))
            .findFirst()
            .orElseThrow();
    assertThat(fr.url()).isEqualTo(server.base() + "/news/story-1.html");
    assertThat(fr.language()).isEqualTo("fr");
    assertThat(fr.publishedAt()).isEqualTo(Instant.parse("2024-06-07T09:00:00Z"));
    NewsArticle chip =
        sink.published.stream()
            .filter(a -> a.title().startsWith("Chipmaker"))
            .findFirst()
            .orElseThrow();
    assertThat(chip.tickers()).containsExactly("LMRA");
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "kind", "too_large")).isEqualTo(1);
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "kind", "http")).as("the 404").isEqualTo(1);
    assertThat(server.requests("/about.html")).isEmpty();

    int before = server.requests().size();
    source.poll(sink);
    List<String> again =
        server.requests().subList(before, server.requests().size()).stream()
            .map(LoopbackServer.Request::path)
            .toList();
    assertThat(again)
        .as("known links are not fetched again; failed ones are retried")
        .doesNotContain("/news/story-1.html", "/news/story-2.html", "/news/bomb.html")
        .contains("/news/", "/news/huge.html", "/news/missing.html");
    assertThat(sink.published).hasSize(3);
  }

  @Test
  void listingWithoutMatchingLinksSaysSo() throws Exception {
    server.serve("/empty/", "text/html", "<html><body><p>No links</p></body></html>".getBytes());
    PollResult r =
        harness
            .source(TestSettings.listing("empty", server.base() + "/empty/", "ul.stories a"))
            .poll(sink);
    assertThat(((PollResult.Failed) r).message()).contains("no links match link_selector");
  }

  @Test
  void feedWithFetchArticlesFallsBackToTheItem() throws Exception {
    String feed =
        "<rss><channel><title>F</title>"
            + "<item><title>Feed headline one about a central bank decision</title><link>"
            + server.base()
            + "/a/1.html</link><description>Feed summary one.</description></item>"
            + "<item><title>Feed headline two about an earnings report today</title><link>"
            + server.base()
            + "/a/2.html</link><description>Feed summary two.</description></item>"
            + "</channel></rss>";
    server.serve("/f.xml", "application/rss+xml", feed.getBytes(StandardCharsets.UTF_8));
    server.serve(
        "/a/1.html",
        "text/html",
        "<html><body><h1>Page headline one about a central bank decision</h1><p>Full text of the article one.</p></body></html>"
            .getBytes());
    server.on("/a/2.html", ex -> LoopbackServer.send(ex, 500, "text/plain", "oops"));
    SourceSettings s =
        new SourceSettings(
            "full",
            SourceType.FEED,
            server.base() + "/f.xml",
            true,
            Duration.ofMinutes(1),
            true,
            null,
            null,
            List.of("CB"),
            "en",
            50);
    harness.source(s).poll(sink);
    assertThat(sink.published).hasSize(2);
    assertThat(sink.published.get(0).body()).isEqualTo("Full text of the article one.");
    assertThat(sink.published.get(0).tickers()).containsExactly("CB");
    assertThat(sink.published.get(1).title())
        .isEqualTo("Feed headline two about an earnings report today");
    assertThat(sink.published.get(1).body()).isEqualTo("Feed summary two.");
    assertThat(harness.count(MeterNames.INGEST_ERRORS, "kind", "http")).isEqualTo(1);
  }

  @Test
  void edgarFeedServedLive() throws Exception {
    server.serve(
        "/cgi-bin/browse-edgar",
        "application/atom+xml",
        Files.readAllBytes(SharedData.feeds().resolve("sec-edgar-company-twitter.atom.xml")));
    SourceSettings s =
        new SourceSettings(
            "edgar",
            SourceType.EDGAR,
            server.base() + "/cgi-bin/browse-edgar?action=getcompany&CIK=0001418091&output=atom",
            true,
            Duration.ofMinutes(10),
            false,
            null,
            null,
            List.of("TWTR"),
            "en",
            40);
    harness.source(s).poll(sink);
    assertThat(sink.published).hasSize(40);
    assertThat(sink.published.get(0).title())
        .isEqualTo(
            "TWITTER, INC. files Form S-8: Securities to be offered to employees in employee benefit plans");
    assertThat(sink.published).allSatisfy(a -> assertThat(a.tickers()).contains("TWTR"));
    assertThat(Pattern.matches("[0-9a-f]{32}", sink.published.get(0).id())).isTrue();
  }

  @Test
  void newsSitemapIndexIsFollowedToItsChildren() throws Exception {
    String child =
        """
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
          <url><loc>%s/markets/chip.html</loc><news:news>
            <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
            <news:publication_date>2024-06-07T13:05:00Z</news:publication_date>
            <news:title>Chipmaker raises outlook as AI demand surges</news:title>
            <news:stock_tickers>NASDAQ:AMAT</news:stock_tickers></news:news></url>
        </urlset>"""
            .formatted(server.base());
    server.serve(
        "/sitemap.xml",
        "application/xml",
        ("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>"
                + server.base()
                + "/sitemap-news-1.xml</loc></sitemap></sitemapindex>")
            .getBytes(StandardCharsets.UTF_8));
    server.serve("/sitemap-news-1.xml", "application/xml", child.getBytes(StandardCharsets.UTF_8));
    SourceSettings s =
        new SourceSettings(
            "sitemap",
            SourceType.NEWS_SITEMAP,
            server.base() + "/sitemap.xml",
            true,
            Duration.ofMinutes(15),
            false,
            null,
            null,
            List.of(),
            null,
            50);
    harness.source(s).poll(sink);
    assertThat(sink.published).hasSize(1);
    NewsArticle a = sink.published.get(0);
    assertThat(a.title()).isEqualTo("Chipmaker raises outlook as AI demand surges");
    assertThat(a.tickers()).containsExactly("AMAT");
    assertThat(a.language()).isEqualTo("en");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2024-06-07T13:05:00Z"));
  }
}
