package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class MetadataReaderTest {

  private static PageMetadata read(String html, String url) {
    return MetadataReader.read(
        Jsoup.parse(html, url == null ? "" : url), url == null ? null : URI.create(url));
  }

  @Test
  void jsonLdGraphArticleIsPreferredAndReadCompletely() {
    String html =
        """
        <html lang="en-GB"><head><title>Acme cuts forecast | Example News</title>
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Example News","url":"https://news.example"},
          {"@type":["NewsArticle","Article"],"headline":"Acme cuts forecast",
           "datePublished":"2024-03-05T07:30:00-05:00","dateModified":"2024-03-06T09:00:00Z",
           "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
           "articleBody":"Acme cut its forecast.",
           "mainEntityOfPage":{"@type":"WebPage","@id":"https://news.example/acme-cuts"}},
        ]}
        </script></head><body><h1>Acme cuts forecast</h1></body></html>""";
    PageMetadata m = read(html, null);
    assertThat(m.title()).isEqualTo("Acme cuts forecast");
    assertThat(m.published()).isEqualTo(Instant.parse("2024-03-05T12:30:00Z"));
    assertThat(m.author()).isEqualTo("Jane Doe, John Roe");
    assertThat(m.canonicalUrl()).isEqualTo("https://news.example/acme-cuts");
    assertThat(m.declaredLanguage()).isEqualTo("en");
    assertThat(m.structuredBody()).isEqualTo("Acme cut its forecast.");
  }

  @Test
  void openGraphAndMetaTagsWithoutStructuredData() {
    String html =
        """
        <html><head><title>Rates held - Example Times</title>
        <meta property="og:title" content="Rates held &amp;#8211; again">
        <meta property="og:site_name" content="Example Times">
        <meta property="og:locale" content="de_DE">
        <meta property="article:published_time" content="2023-11-06T10:00:00+01:00">
        <meta name="author" content="By Max Muster">
        <link rel="canonical" href="/wirtschaft/zinsen">
        </head><body><p>Text</p></body></html>""";
    PageMetadata m = read(html, "https://www.example.de/a?utm_source=x");
    assertThat(m.title()).isEqualTo("Rates held – again");
    assertThat(m.published()).isEqualTo(Instant.parse("2023-11-06T09:00:00Z"));
    assertThat(m.author()).isEqualTo("Max Muster");
    assertThat(m.canonicalUrl()).isEqualTo("https://www.example.de/wirtschaft/zinsen");
    assertThat(m.declaredLanguage()).isEqualTo("de");
  }

  @Test
  void siteNameIsStrippedFromTheDocumentTitle() {
    String html =
        "<html><head><title>Fed holds rates steady | Example Wire</title>"
            + "<meta property=og:site_name content='Example Wire'></head><body></body></html>";
    assertThat(read(html, null).title()).isEqualTo("Fed holds rates steady");
    String withByline =
        "<html><head><meta property=og:title content='Markets rally | Example Wire | by Ann Lee'>"
            + "<meta property=og:site_name content='Example Wire'></head></html>";
    assertThat(read(withByline, null).title()).isEqualTo("Markets rally");
    String domain = "<html><head><title>Oil jumps 4% - example.com</title></head></html>";
    assertThat(read(domain, null).title()).isEqualTo("Oil jumps 4%");
    String headlineWithDash =
        "<html><head><title>Stocks fall - and bonds too</title></head></html>";
    assertThat(read(headlineWithDash, null).title()).isEqualTo("Stocks fall - and bonds too");
  }

  @Test
  void truncatedStructuredTitleIsCompletedFromALongerCandidate() {
    String html =
        "<html><head><meta property=og:title content='Who is the new chair of the central bank and what...'>"
            + "</head><body><h1>Who is the new chair of the central bank and what will she do first?</h1></body></html>";
    assertThat(read(html, null).title())
        .isEqualTo("Who is the new chair of the central bank and what will she do first?");
  }

  @Test
  void publishTimeFallsBackToTimeElementsProseAndTheUrl() {
    assertThat(
            read(
                    "<html><body><article><time datetime='2022-02-01T08:00:00Z'>Feb 1</time></article></body></html>",
                    null)
                .published())
        .isEqualTo(Instant.parse("2022-02-01T08:00:00Z"));
    assertThat(
            read(
                    "<html><body><div class='article-date'>Published November 6, 2023 3:05 PM EST</div></body></html>",
                    null)
                .published())
        .isEqualTo(Instant.parse("2023-11-06T20:05:00Z"));
    assertThat(
            read(
                    "<html><body><p>No date here</p></body></html>",
                    "https://news.example/2021/07/14/story.html")
                .published())
        .isEqualTo(Instant.parse("2021-07-14T00:00:00Z"));
    assertThat(
            read(
                    "<html><head><meta property='article:modified_time' content='2020-01-01T00:00:00Z'></head></html>",
                    null)
                .published())
        .as("a modification time is not a publish time")
        .isNull();
  }

  @Test
  void brokenJsonLdIsIgnoredAndLenientJsonLdIsRead() {
    String html =
        """
        <html><head>
        <script type="application/ld+json">{ this is not json </script>
        <script type="application/ld+json">
        // a comment, then a raw newline inside a string
        {"@type":"NewsArticle","headline":"Line one
        continued","datePublished":"2020-05-05",}
        </script></head><body></body></html>""";
    PageMetadata m = read(html, null);
    assertThat(m.title()).isEqualTo("Line one continued");
    assertThat(m.published()).isEqualTo(Instant.parse("2020-05-05T00:00:00Z"));
  }

  @Test
  void languageCodesAreNormalised() {
    assertThat(MetadataReader.languageCode("en-US")).isEqualTo("en");
    assertThat(MetadataReader.languageCode("pt_BR")).isEqualTo("pt");
    assertThat(MetadataReader.languageCode("FR")).isEqualTo("fr");
    assertThat(MetadataReader.languageCode("english")).isNull();
    assertThat(MetadataReader.languageCode("")).isNull();
  }

  @Test
  void relativeCanonicalWithoutBaseUsesOgUrl() {
    String html =
        "<html><head><meta property=og:url content='https://site.example/news/1'>"
            + "<link rel=canonical href='/news/1?amp=0'></head></html>";
    assertThat(read(html, null).canonicalUrl()).isEqualTo("https://site.example/news/1?amp=0");
    assertThat(
            read("<html><head><link rel=canonical href='/x'></head></html>", null).canonicalUrl())
        .as("nothing absolute to resolve against")
        .isNull();
  }
}
