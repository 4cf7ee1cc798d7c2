package com.finpulse.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.ingest.testing.SharedData;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real feed and SEC page of the shared fixtures parses, and what comes out matches what the
 * file says: item counts, titles and dates are re-read from the raw text with plain regular
 * expressions (independent of Jsoup), and each file's peculiarity is checked by hand.
 */
class FeedFixturesTest {

  private static final Pattern ITEM =
      Pattern.compile("<(item|entry)[\\s>].*?</\\1>", Pattern.DOTALL);
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.DOTALL);
  private static final Pattern PUB_DATE =
      Pattern.compile("<pubDate>(.*?)</pubDate>", Pattern.DOTALL);

  static Stream<Path> feeds() throws IOException {
    try (Stream<Path> s = Files.list(SharedData.feeds())) {
      List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
      assertThat(files).as("feed fixtures").hasSize(11);
      return files.stream();
    }
  }

  static ParsedFeed parse(Path file) throws Exception {
    return FeedDocuments.parse(Files.readAllBytes(file), null, null, null);
  }

  /** The file's text as its bytes really are (two fixtures are not UTF-8). */
  static String raw(Path file) throws IOException {
    String name = file.getFileName().toString();
    Charset cs =
        name.startsWith("uol") || name.startsWith("sec-edgar")
            ? Charset.forName("windows-1252")
            : StandardCharsets.UTF_8;
    return Files.readString(file, cs);
  }

  static String plain(String markup) {
    String s = markup.strip();
    if (s.startsWith("<![CDATA[")) {
      s = s.substring(9, s.length() - 3);
    } else {
      s = Parser.unescapeEntities(s, false);
    }
    return Jsoup.parseBodyFragment(s).text().replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
  }

  @ParameterizedTest
  @MethodSource("feeds")
  void everyFeedParsesWithItemsMatchingTheFile(Path file) throws Exception {
    ParsedFeed feed = parse(file);
    String text = raw(file);
    List<String> blocks = new ArrayList<>();
    Matcher m = ITEM.matcher(text);
    while (m.find()) {
      blocks.add(m.group());
    }
    assertThat(feed.problems()).as("well-formed").isEmpty();
    assertThat(feed.items()).as("one item per <item>/<entry>").hasSize(blocks.size());
    boolean edgar = file.getFileName().toString().startsWith("sec-edgar");
    for (int i = 0; i < blocks.size(); i++) {
      FeedItem item = feed.items().get(i);
      Matcher t = TITLE.matcher(blocks.get(i));
      assertThat(t.find()).isTrue();
      String rawTitle = plain(t.group(1));
      if (edgar) {
        // EDGAR titles are rewritten around the company and the form type.
        Matcher form = Pattern.compile("<filing-type>(.*?)</filing-type>").matcher(blocks.get(i));
        assertThat(form.find()).isTrue();
        assertThat(item.title()).startsWith("TWITTER, INC. files Form " + form.group(1) + ": ");
      } else if (item.publisher() != null && rawTitle.endsWith(" - " + item.publisher())) {
        assertThat(item.title() + " - " + item.publisher()).isEqualTo(rawTitle);
      } else {
        assertThat(item.title()).as("title of item %d", i).isEqualTo(rawTitle);
      }
      Matcher d = PUB_DATE.matcher(blocks.get(i));
      if (d.find() && d.group(1).matches(".*(GMT|[+-]0000)\\s*")) {
        Instant expected =
            ZonedDateTime.parse(d.group(1).strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(item.published()).as("pubDate of item %d", i).isEqualTo(expected);
      }
      assertThat(item.link()).as("link of item %d", i).isNotNull().startsWith("http");
    }
  }

  @Test
  void latin1FeedWithoutDeclarationReadsRight() throws Exception {
    ParsedFeed feed = parse(SharedData.feeds().resolve("uol-noticias.rss.xml"));
    assertThat(feed.title()).isEqualTo("UOL Noticias");
    FeedItem first = feed.items().get(0);
    assertThat(first.title())
        .isEqualTo("Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno");
    assertThat(first.summary()).startsWith("Líder na pesquisa Ibope de intenção de voto");
    assertThat(feed.items()).allSatisfy(i -> assertThat(i.title()).doesNotContain("\uFFFD"));
    // "Seg, 24 Set 2018 19:42:40 -0300": Portuguese day and month names.
    assertThat(first.published()).isEqualTo(Instant.parse("2018-09-24T22:42:40Z"));
  }

  @Test
  void rssWithExtensions() throws Exception {
    ParsedFeed nyt = parse(SharedData.feeds().resolve("nytimes-business.rss.xml"));
    assertThat(nyt.title()).isEqualTo("NYT > Business");
    assertThat(nyt.language()).isEqualTo("en");
    FeedItem first = nyt.items().get(0);
    assertThat(first.title())
        .isEqualTo("Oil Prices Surge Above $100 a Barrel for the First Time in Almost Four Years");
    assertThat(first.link())
        .isEqualTo(
            "https://www.nytimes.com/2026/03/08/business/energy-environment/oil-prices-iran-100-dollars-barrel.html");
    assertThat(first.author()).isEqualTo("Rebecca F. Elliott and Joe Rennison");
    assertThat(first.published()).isEqualTo(Instant.parse("2026-03-08T23:24:20Z"));

    ParsedFeed cnbc = parse(SharedData.feeds().resolve("cnbc-international-top-news.rss.xml"));
    assertThat(cnbc.items().get(0).title())
        .isEqualTo(
            "Oil surges above $100 a barrel; Trump says 'small price to pay' for defeating Iran");
    assertThat(cnbc.items().get(0).guid()).isEqualTo("108275158");
    assertThat(cnbc.items().get(0).summary()).startsWith("Gulf Arab oil producers are cutting");
  }

  @Test
  void feedburnerOriginalLinksWinOverTrackingRedirects() throws Exception {
    ParsedFeed tc = parse(SharedData.feeds().resolve("techcrunch.rss.xml"));
    assertThat(tc.items().get(0).link())
        .isEqualTo(
            "http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/");
    ParsedFeed typepad = parse(SharedData.feeds().resolve("typepad-news.atom.xml"));
    assertThat(typepad.items().get(0).link())
        .isEqualTo("http://everything.typepad.com/blog/2013/02/spotlight-friday-favorites.html");
    ParsedFeed wapo = parse(SharedData.feeds().resolve("washingtonpost-wellness.rss.xml"));
    assertThat(wapo.items().get(0).link())
        .startsWith("http://www.washingtonpost.com/lifestyle/wellness/schools-minister");
    // "Tue, 21 Aug 2012 10:33:00 EST" is UTC-5.
    assertThat(wapo.items().get(0).published()).isEqualTo(Instant.parse("2012-08-21T15:33:00Z"));
    assertThat(wapo.items().get(0).author()).isEqualTo("Lenny Bernstein");
  }

  @Test
  void atomRelativeLinksResolveAgainstTheFeed() throws Exception {
    ParsedFeed tpm = parse(SharedData.feeds().resolve("talkingpointsmemo.atom.xml"));
    assertThat(tpm.format()).isEqualTo(FeedFormat.ATOM);
    FeedItem first = tpm.items().get(0);
    assertThat(first.link())
        .isEqualTo(
            "http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist");
    assertThat(first.published()).isEqualTo(Instant.parse("2017-11-08T23:15:58Z"));
    assertThat(first.summary())
        .startsWith("Fox News star host Sean Hannity on Wednesday announced");
    assertThat(first.guid()).isEqualTo("tag:talkingpointsmemo.com,2005:ArticleDecorator/270060");
  }

  @Test
  void googleFeedsGiveThePublishersHeadlineAndLink() throws Exception {
    ParsedFeed news =
        parse(SharedData.feeds().resolve("google-news-search-reuters-markets.rss.xml"));
    FeedItem first = news.items().get(0);
    assertThat(first.title())
        .isEqualTo("Canada's labor market dips sharply in February, unemployment rate up");
    assertThat(first.publisher()).isEqualTo("Reuters");
    assertThat(first.summary()).as("the description only repeats the headline").isNull();
    assertThat(first.link()).startsWith("https://news.google.com/rss/articles/CBMi4gFBVV95");
    assertThat(first.published()).isEqualTo(Instant.parse("2026-03-13T12:33:03Z"));

    ParsedFeed alerts = parse(SharedData.feeds().resolve("google-alerts.atom.xml"));
    assertThat(alerts.items().get(1).title())
        .isEqualTo("Slack Stock Has a Compelling Story and the Numbers to Back It Up");
    assertThat(alerts.items().get(1).link())
        .as("google.com/url?url=... unwrapped")
        .isEqualTo("https://investorplace.com/2019/07/slack-stock-truly-compelling/");
  }

  @Test
  void edgarCompanyFeed() throws Exception {
    ParsedFeed sec = parse(SharedData.feeds().resolve("sec-edgar-company-twitter.atom.xml"));
    FeedItem tenK = sec.items().get(1);
    assertThat(tenK.title())
        .isEqualTo(
            "TWITTER, INC. files Form 10-K: Annual report [Section 13 and 15(d), not S-K Item 405]");
    assertThat(tenK.link())
        .isEqualTo(
            "http://www.sec.gov/Archives/edgar/data/1418091/000156459016013646/0001564590-16-013646-index.htm");
    assertThat(tenK.published()).isEqualTo(Instant.parse("2016-02-29T12:01:57Z"));
    assertThat(tenK.summary()).contains("CIK 0001418091").contains("filed 2016-02-29");
    assertThat(tenK.guid()).isEqualTo("urn:tag:sec.gov,2008:accession-number=0001564590-16-013646");
  }

  @Test
  void edgarCurrentEventsPage() throws Exception {
    ParsedFeed page = parse(SharedData.secPages().resolve("edgar-current-events.html"));
    assertThat(page.format()).isEqualTo(FeedFormat.EDGAR_CURRENT_EVENTS);
    // "The total number of matches for 2021-04-16 is 24"
    assertThat(page.items()).hasSize(24);
    FeedItem first = page.items().get(0);
    assertThat(first.title()).isEqualTo("ADVANCED CONTAINER TECHNOLOGIES, INC. files Form 10-K");
    assertThat(first.link())
        .isEqualTo(
            "https://www.sec.gov/Archives/edgar/data/1096950/0001721868-21-000228-index.html");
    assertThat(first.guid()).isEqualTo("0001721868-21-000228");
    assertThat(first.published()).isEqualTo(Instant.parse("2021-04-16T04:00:00Z"));
    assertThat(page.items().get(3).title()).isEqualTo("BorrowMoney.com, Inc. files Form 10-K/A");
    assertThat(page.items().get(23).title()).isEqualTo("Yunhong CTI Ltd. files Form 10-K");
  }

  @Test
  void edgarFilingIndexPages() throws Exception {
    ParsedFeed form4 =
        parse(SharedData.secPages().resolve("filing-index-0001562180-17-002633.html"));
    FeedItem f4 = form4.items().get(0);
    assertThat(f4.title())
        .isEqualTo(
            "INTERNATIONAL BUSINESS MACHINES CORP files Form 4: Statement of changes in beneficial ownership of securities");
    assertThat(f4.guid()).isEqualTo("0001562180-17-002633");
    // Accepted 2017-08-09 15:24:40, US Eastern (EDT).
    assertThat(f4.published()).isEqualTo(Instant.parse("2017-08-09T19:24:40Z"));

    FilingIndex tenK =
        EdgarFilings.filingIndex(
            Jsoup.parse(
                SharedData.secPages().resolve("filing-index-0001628280-17-000327.html").toFile(),
                "UTF-8",
                "https://www.sec.gov/Archives/edgar/data/920760/000162828017000327/0001628280-17-000327-index.htm"),
            java.net.URI.create("https://www.sec.gov/"));
    assertThat(tenK.form()).isEqualTo("10-K");
    assertThat(tenK.description())
        .isEqualTo("Annual report [Section 13 and 15(d), not S-K Item 405]");
    assertThat(tenK.filingDate()).hasToString("2017-01-20");
    assertThat(tenK.periodOfReport()).hasToString("2016-11-30");
    assertThat(tenK.filers())
        .extracting(FilingIndex.Filer::name)
        .containsExactly("LENNAR CORP /NEW/");
    assertThat(tenK.filers().get(0).cik()).isEqualTo("0000920760");
    assertThat(tenK.primaryDocument())
        .isEqualTo(
            "https://www.sec.gov/Archives/edgar/data/920760/000162828017000327/len-20161130x10k.htm");
  }
}
