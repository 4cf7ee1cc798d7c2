package com.finpulse.ingest.service;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.dedup.Deduplicator;
import com.finpulse.ingest.fetch.FailureKind;
import com.finpulse.ingest.publish.ArticlePublisher;
import com.finpulse.ingest.source.ArticleSink;
import com.finpulse.ingest.source.IngestMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sources hand articles to: dedup claims the article, the publisher sends it, and when Kafka
 * acknowledges it the claim is confirmed (journal) and counted. Refused articles are released,
 * counted as {@code publish} errors and kept in the undeliverable file.
 */
final class IngestPipeline implements ArticleSink {

  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final Deduplicator dedup;
  private final ArticlePublisher publisher;
  private final IngestMetrics metrics;
  private final UndeliverableLog undeliverable;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean closing;

  IngestPipeline(
      Deduplicator dedup,
      ArticlePublisher publisher,
      IngestMetrics metrics,
      UndeliverableLog undeliverable) {
    this.dedup = dedup;
    this.publisher = publisher;
    this.metrics = metrics;
    this.undeliverable = undeliverable;
  }

  @Override
  public CompletableFuture<Settled> offer(
      NewsArticle article, List<String> aliases, boolean nearDuplicateCheck)
      throws InterruptedException {
    Deduplicator.Verdict verdict = dedup.claim(article, aliases, nearDuplicateCheck);
    if (!verdict.isNew()) {
      skipped(article.source(), verdict);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} duplicate from {}: '{}' (first seen as {} from {})",
            verdict.kind().tag(),
            article.source(),
            article.title(),
            verdict.originalId(),
            verdict.originalSource());
      }
      return CompletableFuture.completedFuture(Settled.NOT_NEW);
    }
    CompletableFuture<Settled> settled = new CompletableFuture<>();
    inFlight.incrementAndGet();
    try {
      publisher.publish(
          article,
          new ArticlePublisher.Delivery() {
            @Override
            public void delivered(int partition, long offset) {
              try {
                dedup.confirm(article, aliases, partition, offset);
                metrics.published(article.source());
              } finally {
                inFlight.decrementAndGet();
                settled.complete(Settled.PUBLISHED);
              }
            }

            @Override
            public void failed(Exception cause) {
              try {
                dedup.release(article, aliases);
                metrics.error(article.source(), FailureKind.PUBLISH);
                undeliverable.write(article, cause);
                long n = refused.incrementAndGet();
                if (!closing && (n <= 10 || n % 1000 == 0)) {
                  LOG.error(
                      "Kafka refused article {} from {} ({}); kept in {} ({} refused so far), the"
                          + " source goes on",
                      article.id(),
                      article.source(),
                      cause.toString(),
                      undeliverable.file(),
                      n);
                }
              } finally {
                inFlight.decrementAndGet();
                settled.complete(Settled.FAILED);
              }
            }
          });
    } catch (InterruptedException e) {
      dedup.release(article, aliases);
      inFlight.decrementAndGet();
      settled.complete(Settled.FAILED);
      throw e;
    }
    return settled;
  }

  @Override
  public Deduplicator.Verdict checkLink(String linkId, String source) {
    return dedup.checkLink(linkId, source);
  }

  @Override
  public void skipped(String source, Deduplicator.Verdict verdict) {
    metrics.notNew(source, verdict.kind());
  }

  /** Articles offered and not yet acknowledged or refused. */
  int inFlight() {
    return inFlight.get();
  }

  void closing() {
    closing = true;
  }
}
