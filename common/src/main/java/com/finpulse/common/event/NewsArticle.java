package com.finpulse.common.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One news article as ingest publishes it to {@code news.raw}.
 *
 * @param id stable id: {@link ArticleIds#fromCanonicalUrl} of the canonical URL, or {@link
 *     ArticleIds#fromContent} for a replayed row without one
 * @param source name of the configured source that produced it
 * @param url canonical URL, absent for replayed rows without one
 * @param publishedAt publish time as the page or feed states it; absent when unknown
 * @param fetchedAt when ingest fetched (or replayed) it
 * @param language ISO 639-1 code, when known
 * @param tickers upper-case symbols found in the text or configured for the source
 * @param fingerprint {@link ContentFingerprint} of title and lead, for near-duplicate detection
 */
public record NewsArticle(
    String id,
    String source,
    @Nullable String url,
    String title,
    @Nullable String body,
    @Nullable Instant publishedAt,
    Instant fetchedAt,
    @Nullable String language,
    List<String> tickers,
    @Nullable String author,
    String fingerprint) {

  public static final int SCHEMA_VERSION = 1;

  public NewsArticle {
    tickers = tickers == null ? List.of() : List.copyOf(tickers);
  }

  /**
   * Event time for windowing: the publish time, but never later than the fetch time (a clock-skewed
   * or future-dated page must not land in a window that has not happened yet) and never absent.
   */
  public Instant eventTime() {
    if (publishedAt == null || publishedAt.isAfter(fetchedAt)) {
      return fetchedAt;
    }
    return publishedAt;
  }

  /** Title and body joined the way the model reads an article. */
  public String textForModel() {
    if (body == null || body.isBlank()) {
      return title;
    }
    return title + "\n" + body;
  }
}
