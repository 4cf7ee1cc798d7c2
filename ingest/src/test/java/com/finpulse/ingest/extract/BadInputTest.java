package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What a fetcher gets instead of a tidy article page: each gives a clear error or an article. */
class BadInputTest {

  private final ArticlePageExtractor extractor =
      new ArticlePageExtractor(new PatternTickerFinder(Map.of()));

  private static final String PARAGRAPH =
      "<p>The central bank left its benchmark rate unchanged on Wednesday, saying inflation,"
          + " while easing, remained above target and that further evidence was needed.</p>\n";

  @Test
  void emptyAndBlankPagesAreRejected() {
    assertThatThrownBy(() -> extractor.extract(new byte[0], null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("empty page");
    assertThatThrownBy(
            () -> extractor.extract(" \n\t\r\n ".getBytes(StandardCharsets.US_ASCII), null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("empty page");
  }

  @Test
  void binaryContentIsRejected() {
    byte[] random = new byte[20_000];
    new Random(42).nextBytes(random);
    assertThatThrownBy(() -> extractor.extract(random, null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("not HTML");
    byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 4096);
    assertThatThrownBy(() -> extractor.extract(png, null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("PNG");
    byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> extractor.extract(pdf, null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("PDF");
  }

  @Test
  void gzippedBytesAreRejectedWithAHint() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(page("Gzip", PARAGRAPH).getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> extractor.extract(bytes.toByteArray(), null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("decompress");
  }

  @Test
  void pageWithoutTitleOrTextIsRejected() {
    byte[] html =
        "<html><head></head><body><div><img src=x.png></div></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> extractor.extract(html, null, null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("neither a title nor body text");
  }

  @Test
  void windows1252PageDeclaredInMeta() throws Exception {
    String html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            + "<title>Caf\u00e9 cr\u00e8me prices rise \u2013 \u20ac3 a cup</title></head><body><article>"
            + "<p>Z\u00fcrich caf\u00e9s raised prices to \u20ac3, the \u201cbiggest\u201d rise in years,"
            + " owners said on Monday in a survey of two hundred caf\u00e9s and bakeries.</p>"
            + PARAGRAPH
            + "</article></body></html>";
    ExtractedArticle a =
        extractor.extract(html.getBytes(Charset.forName("windows-1252")), null, null);
    assertThat(a.title()).isEqualTo("Caf\u00e9 cr\u00e8me prices rise \u2013 \u20ac3 a cup");
    assertThat(a.text())
        .contains("Z\u00fcrich caf\u00e9s raised prices to \u20ac3, the \u201cbiggest\u201d");
  }

  @Test
  void shiftJisPageDeclaredInMeta() throws Exception {
    String body = "日本銀行は水曜日、政策金利を据え置くと発表した。物価上昇率は目標を上回っている。";
    String html =
        "<html><head><meta charset=\"Shift_JIS\"><title>日銀、金利据え置き</title></head><body>"
            + "<article><p>"
            + body
            + "</p><p>"
            + body
            + "</p></article></body></html>";
    ExtractedArticle a = extractor.extract(html.getBytes(Charset.forName("Shift_JIS")), null, null);
    assertThat(a.title()).isEqualTo("日銀、金利据え置き");
    assertThat(a.text()).contains(body);
    assertThat(a.language()).isEqualTo("ja");
  }

  @Test
  void latin1BytesWithoutAnyDeclarationAreReadAsWindows1252() throws Exception {
    String html =
        page(
            "Pr\u00eat-\u00e0-porter sales slump",
            "<p>Les ventes de pr\u00eat-\u00e0-porter ont recul\u00e9 de 4 % au troisi\u00e8me trimestre, selon la f\u00e9d\u00e9ration.</p>"
                + PARAGRAPH);
    ExtractedArticle a = extractor.extract(html.getBytes(StandardCharsets.ISO_8859_1), null, null);
    assertThat(a.title()).isEqualTo("Pr\u00eat-\u00e0-porter sales slump");
    assertThat(a.text()).contains("recul\u00e9 de 4 % au troisi\u00e8me trimestre");
  }

  @Test
  void httpCharsetIsUsedWhenThePageDeclaresNone() throws Exception {
    String html =
        page(
            "\u0426\u0411 \u0441\u043e\u0445\u0440\u0430\u043d\u0438\u043b \u0441\u0442\u0430\u0432\u043a\u0443",
            PARAGRAPH);
    ExtractedArticle a =
        extractor.extract(
            html.getBytes(Charset.forName("KOI8-R")), Charset.forName("KOI8-R"), null);
    assertThat(a.title())
        .isEqualTo(
            "\u0426\u0411 \u0441\u043e\u0445\u0440\u0430\u043d\u0438\u043b \u0441\u0442\u0430\u0432\u043a\u0443");
  }

  @Test
  void fiftyMegabytePageIsCutAtTheByteCapAndStillYieldsTheArticle() throws Exception {
    StringBuilder sb = new StringBuilder(52 * 1024 * 1024);
    sb.append("<html><head><title>Rates on hold</title></head><body><article>");
    while (sb.length() < 50 * 1024 * 1024) {
      sb.append(PARAGRAPH);
    }
    sb.append("<p>THE END MARKER</p></article></body></html>");
    byte[] html = sb.toString().getBytes(StandardCharsets.UTF_8);
    sb.setLength(0);
    assertThat(html.length).isGreaterThanOrEqualTo(50 * 1024 * 1024);

    ExtractedArticle a = extractor.extract(html, null, null);

    assertThat(a.title()).isEqualTo("Rates on hold");
    assertThat(a.text()).startsWith("The central bank left its benchmark rate unchanged");
    assertThat(a.text()).doesNotContain("THE END MARKER");
    assertThat(a.text().length()).isLessThanOrEqualTo(ExtractionLimits.DEFAULT.maxBytes());
  }

  @Test
  void deeplyNestedBombDoesNotOverflowTheStack() throws Exception {
    int depth = 300_000;
    StringBuilder sb = new StringBuilder("<html><head><title>Nested</title></head><body>");
    sb.append("<article>").append(PARAGRAPH).append(PARAGRAPH);
    for (int i = 0; i < depth; i++) {
      sb.append(i % 2 == 0 ? "<div>" : "<span>");
    }
    sb.append("deep text");
    sb.append("</article></body></html>");

    ExtractedArticle a =
        extractor.extract(sb.toString().getBytes(StandardCharsets.UTF_8), null, null);

    assertThat(a.title()).isEqualTo("Nested");
    assertThat(a.text()).contains("The central bank left its benchmark rate unchanged");
  }

  @Test
  void nestedFormattingTagsBombDoesNotOverflowTheStack() throws Exception {
    String html =
        "<html><body><p>" + "<b><i><font>".repeat(100_000) + "Boom" + PARAGRAPH + "</body></html>";
    ExtractedArticle a = extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, null);
    assertThat(a.text()).contains("benchmark rate");
  }

  @Test
  void nestingLimiterFlattensSubtreesBelowTheLimit() {
    var doc = org.jsoup.Jsoup.parse("<div>" + "<div>".repeat(50) + "a<p>b</p>c");
    int flattened = NestingLimiter.limit(doc, 20);
    assertThat(flattened).isEqualTo(1);
    assertThat(doc.body().text())
        .as("text kept, structure below the limit dropped")
        .isEqualTo("abc");
    int[] max = {0};
    org.jsoup.select.NodeTraversor.traverse((n, d) -> max[0] = Math.max(max[0], d), doc);
    assertThat(max[0]).isLessThanOrEqualTo(21);
  }

  @Test
  void malformedHtmlStillYieldsTheArticle() throws Exception {
    String html =
        "<html><head><title>Oil slides <b>5%</title><meta property=og:title content=\"Oil slides 5%\">"
            + "<body><div class=\"article-body\"><p>Brent crude fell 5% on Tuesday after OPEC signalled"
            + " higher output, traders said, extending last week's losses.<p>Prices have dropped for three"
            + " sessions in a row, the longest losing streak since March.</div></div></span>"
            + "<table><tr><td>unclosed cell<div class=nav><a href=/x>Home</a></table>"
            + "<p>Analysts expect volatility to remain high <i>until the next meeting</b>."
            + "<script>var x = '<p>not text</p>';</script></body></html></html>";
    ExtractedArticle a = extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, null);
    assertThat(a.title()).isEqualTo("Oil slides 5%");
    assertThat(a.text())
        .contains("Brent crude fell 5% on Tuesday")
        .contains("longest losing streak since March");
    assertThat(a.text()).doesNotContain("not text");
  }

  private static String page(String title, String body) {
    return "<html><head><title>"
        + title
        + "</title></head><body><article>"
        + body
        + "</article></body></html>";
  }
}
