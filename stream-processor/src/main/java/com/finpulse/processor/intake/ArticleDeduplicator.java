package com.finpulse.processor.intake;

import com.finpulse.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an article whose id was seen within the retention, on the articles' fetch times (so a
 * replay of news.raw takes the same decisions). Ids live in a changelogged window store whose
 * segments expire with the retention: memory and disk stay bounded by the retention's volume.
 *
 * <p>Records are keyed by article id, so all copies of an id reach the same task and the check is
 * exact. An id that later fails in the model is forgotten again ({@link #forget}), so replaying its
 * dead letter is not mistaken for a duplicate.
 */
public final class ArticleDeduplicator
    implements Processor<String, AdmittedArticle, String, AdmittedArticle> {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleDeduplicator.class);

  private final String storeName;
  private final Duration retention;
  private final ProcessorMetrics metrics;
  private ProcessorContext<String, AdmittedArticle> context;
  private WindowStore<String, Long> seen;

  public ArticleDeduplicator(String storeName, Duration retention, ProcessorMetrics metrics) {
    this.storeName = storeName;
    this.retention = retention;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, AdmittedArticle> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, AdmittedArticle> record) {
    String id = record.key();
    long fetched = record.value().article().fetchedAt().toEpochMilli();
    long from = fetched - retention.toMillis();
    long to = fetched + retention.toMillis();
    try (WindowStoreIterator<Long> it = seen.fetch(id, from, to)) {
      if (it.hasNext()) {
        metrics.duplicate();
        LOG.debug("Dropping duplicate article {} from {}", id, record.value().origin());
        return;
      }
    }
    seen.put(id, fetched, fetched);
    context.forward(record);
  }

  /** Forgets {@code id} as seen at {@code fetchedAtMillis} (the model rejected the article). */
  public static void forget(WindowStore<String, Long> seen, String id, long fetchedAtMillis) {
    seen.put(id, null, fetchedAtMillis);
  }
}
