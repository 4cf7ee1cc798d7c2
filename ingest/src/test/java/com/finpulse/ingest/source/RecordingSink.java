package com.finpulse.ingest.source;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.dedup.Deduplicator;
import com.finpulse.ingest.testing.TestSettings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the pipeline: real dedup in memory, "publishing" into a list. */
final class RecordingSink implements ArticleSink {

  final Deduplicator dedup = new Deduplicator(TestSettings.dedup(), null, Clock.systemUTC());
  final List<NewsArticle> published = new CopyOnWriteArrayList<>();
  final List<Deduplicator.Verdict> rejected = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Settled> offer(
      NewsArticle article, List<String> aliases, boolean nearDuplicateCheck) {
    Deduplicator.Verdict v = dedup.claim(article, aliases, nearDuplicateCheck);
    if (!v.isNew()) {
      rejected.add(v);
      return CompletableFuture.completedFuture(Settled.NOT_NEW);
    }
    published.add(article);
    return CompletableFuture.completedFuture(Settled.PUBLISHED);
  }

  @Override
  public Deduplicator.Verdict checkLink(String linkId, String source) {
    return dedup.checkLink(linkId, source);
  }

  @Override
  public void skipped(String source, Deduplicator.Verdict verdict) {
    rejected.add(verdict);
  }
}
