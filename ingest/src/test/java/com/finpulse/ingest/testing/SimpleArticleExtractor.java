package com.finpulse.ingest.testing;

import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.extract.ExtractionException;
import com.finpulse.ingest.feed.FeedDates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Test double: h1 (else title), paragraphs, rel=canonical, article:published_time. */
public final class SimpleArticleExtractor implements ArticleExtractor {

  @Override
  public ExtractedArticle extract(byte[] html, Charset declaredCharset, URI pageUrl)
      throws ExtractionException {
    Document doc;
    try {
      doc =
          Jsoup.parse(
              new ByteArrayInputStream(html),
              declaredCharset == null ? null : declaredCharset.name(),
              pageUrl == null ? "" : pageUrl.toString());
    } catch (IOException e) {
      throw new ExtractionException("unreadable", e);
    }
    Element h1 = doc.selectFirst("h1");
    String title = h1 != null ? h1.text() : doc.title();
    String text = doc.select("p").stream().map(Element::text).collect(Collectors.joining("\n\n"));
    if (title.isBlank() && text.isBlank()) {
      throw new ExtractionException("no title and no text");
    }
    Element canonical = doc.selectFirst("link[rel=canonical]");
    Element published = doc.selectFirst("meta[property=article:published_time]");
    return new ExtractedArticle(
        title,
        published == null ? null : FeedDates.parse(published.attr("content")),
        text,
        canonical == null ? null : canonical.absUrl("href"),
        doc.selectFirst("html[lang]") == null ? null : doc.selectFirst("html[lang]").attr("lang"),
        List.of(),
        null);
  }
}
