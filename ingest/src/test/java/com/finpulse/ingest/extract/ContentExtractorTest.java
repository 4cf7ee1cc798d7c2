package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The body is the article's paragraphs, and none of the page furniture around them. */
class ContentExtractorTest {

  private static final String ARTICLE_PARAGRAPHS =
      """
      <p>Shares of Acme Corp fell 12% on Tuesday after the company cut its full-year profit
      forecast, citing weaker demand in Europe and higher input costs.</p>
      <h2>Guidance cut</h2>
      <p>The company now expects earnings of $2.10 to $2.30 a share, down from $2.60, it said in a
      statement, adding that it would reduce its workforce by about 5%.</p>
      <figure><img src="ceo.jpg"><figcaption>Acme's chief executive at the annual meeting.</figcaption></figure>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
      <p>Analysts said the warning, the second this year, raised questions about the turnaround plan,
      which was announced in January and relies heavily on cost savings.</p>
      <div class="advertisement">Advertisement</div>
      <p>“We are taking decisive action,” Chief Executive Jane Doe told analysts on a call.</p>
      """;

  private static String page(String article) {
    return """
        <html><head><title>Acme shares slump</title></head><body>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies or manage your settings in our privacy centre.</div>
        <header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/markets">Markets</a></li>
        <li><a href="/companies">Companies</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
        <main><article>
        <h1>Acme shares slump</h1>
        """
        + article
        + """
        <aside class="related-links"><h3>Related</h3><ul>
          <li><a href="/a">Acme's rival posts record quarter as demand for widgets soars in Asia</a></li>
          <li><a href="/b">Why European industrial stocks are struggling this year, explained</a></li></ul></aside>
        <section id="comments"><h3>Comments</h3><p>This company has been mismanaged for years and the board should resign now.</p></section>
        </article></main>
        <div class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Central banks hold rates</a></li>
        <li><a href="/d">Oil climbs on supply fears</a></li></ol></div>
        <footer><p>© 2024 Example News. All rights reserved. Terms of use, privacy policy and cookie policy apply.</p></footer>
        </body></html>""";
  }

  @Test
  void keepsArticleParagraphsAndHeadingsAndDropsFurniture() {
    String text =
        ContentExtractor.extract(Jsoup.parse(page(ARTICLE_PARAGRAPHS)), "Acme shares slump", null);
    assertThat(text)
        .startsWith("Shares of Acme Corp fell 12% on Tuesday")
        .contains("\n\nGuidance cut\n\n")
        .contains("reduce its workforce by about 5%.")
        .contains("relies heavily on cost savings.")
        .endsWith(
            "“We are taking decisive action,” Chief Executive Jane Doe told analysts on a call.");
    assertThat(text)
        .doesNotContain("cookies")
        .doesNotContain("Markets")
        .doesNotContain("Acme shares slump")
        .doesNotContain("chief executive at the annual meeting")
        .doesNotContain("Share on")
        .doesNotContain("Advertisement")
        .doesNotContain("rival posts record quarter")
        .doesNotContain("mismanaged")
        .doesNotContain("Central banks hold rates")
        .doesNotContain("All rights reserved");
  }

  @Test
  void relatedSectionInsideTheArticleContainerIsCut() {
    String article =
        ARTICLE_PARAGRAPHS
            + """
            <h3>More from Example News</h3>
            <p>Retailers brace for a slow holiday season as shoppers cut back on spending again.</p>
            <p>Bond yields rise for a third day as traders price out rate cuts next year.</p>
            """;
    String text = ContentExtractor.extract(Jsoup.parse(page(article)), "Acme shares slump", null);
    assertThat(text)
        .contains("decisive action")
        .doesNotContain("Retailers brace")
        .doesNotContain("Bond yields");
  }

  @Test
  void bylinesDatelinesAndWireCreditsAreDropped() {
    String article =
        "<p class='dateline'>Updated Nov. 19, 2019 8:21 am ET</p>"
            + ARTICLE_PARAGRAPHS
            + "<p>(Reporting by Jane Doe; Editing by John Roe)</p>";
    String text = ContentExtractor.extract(Jsoup.parse(page(article)), null, null);
    assertThat(text).doesNotContain("Updated Nov").doesNotContain("Reporting by");
  }

  @Test
  void structuredBodyReplacesAMarkupThatHoldsFarLess() {
    String body =
        "Paragraph one of the real article with enough words to count as prose. ".repeat(20);
    String html = "<html><body><div id='app'><p>Loading…</p></div></body></html>";
    String text = ContentExtractor.extract(Jsoup.parse(html), null, body + "\n" + body);
    assertThat(text).startsWith("Paragraph one").contains("\n\n");
  }

  @Test
  void hiddenMicrodataCopyIsDroppedButHiddenProseIsKept() {
    String prose =
        "<p>"
            + "The fund returned 8% after fees in the year to March, beating its benchmark. "
                .repeat(8)
            + "</p>";
    String html =
        "<html><body><article><div class='tab-panel' style='display:none'>"
            + prose
            + prose
            + "</div></article><div style='display:none' itemscope itemtype='http://schema.org/NewsArticle'>"
            + "<div itemprop='articleBody'><p>"
            + "Duplicate copy for search engines. ".repeat(30)
            + "</p></div></div></body></html>";
    String text = ContentExtractor.extract(Jsoup.parse(html), null, null);
    assertThat(text).contains("beating its benchmark").doesNotContain("Duplicate copy");
  }
}
