package com.finpulse.processor.testing;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Builds test articles the way ingest would. */
public final class Articles {

  private Articles() {}

  public static NewsArticle article(String title, Instant publishedAt, String... tickers) {
    return article(title, publishedAt, publishedAt.plusSeconds(30), "wire", tickers);
  }

  public static NewsArticle article(
      String title, Instant publishedAt, Instant fetchedAt, String source, String... tickers) {
    String id = ArticleIds.fromContent(title, publishedAt, source);
    return new NewsArticle(
        id,
        source,
        "https://news.example.test/" + id,
        title,
        "Body of: " + title,
        publishedAt,
        fetchedAt,
        "en",
        List.of(tickers),
        null,
        ContentFingerprint.of(title, null));
  }

  public static byte[] json(NewsArticle a) {
    return EventSerdes.newsArticle().serialize("news.raw", a);
  }

  public static byte[] key(NewsArticle a) {
    return a.id().getBytes(StandardCharsets.UTF_8);
  }
}
