package com.finpulse.ingest.source;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.dedup.Deduplicator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where sources hand their articles: dedup, then Kafka. Blocks while Kafka is behind
 * (back-pressure).
 */
public interface ArticleSink {

  /** How an offered article ended. */
  enum Settled {
    /** Acknowledged by Kafka. */
    PUBLISHED,
    /** Not new: a duplicate or an item the source delivered before. */
    NOT_NEW,
    /** Refused by Kafka for good (kept in the undeliverable file, counted). */
    FAILED
  }

  /**
   * @param aliases other ids of the same article (the listing link's id when the page named a
   *     different canonical URL)
   * @param nearDuplicateCheck false for items that are distinct by nature even when their texts are
   *     alike (SEC filings: two Form 4s of one company on one day read the same)
   * @return completes once the article is settled
   */
  CompletableFuture<Settled> offer(
      NewsArticle article, List<String> aliases, boolean nearDuplicateCheck)
      throws InterruptedException;

  default CompletableFuture<Settled> offer(NewsArticle article, List<String> aliases)
      throws InterruptedException {
    return offer(article, aliases, true);
  }

  /** Whether a link is already known, before its page is fetched. */
  Deduplicator.Verdict checkLink(String linkId, String source);

  /** Counts a link skipped because it is known (see {@link #checkLink}). */
  void skipped(String source, Deduplicator.Verdict verdict);
}
