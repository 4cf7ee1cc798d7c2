package com.finpulse.processor.intake;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.processor.deadletter.DeadLetters;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the topology: reads the raw bytes of news.raw as a {@link NewsArticle} and checks
 * {@link ArticleRules}. Good articles go to {@code acceptedChild}; anything else goes, unchanged
 * and with the reason, to {@code deadLetterChild}. The source reads bytes, so no input can fail
 * before this point: the application never stops on a bad record.
 */
public final class ArticleValidator implements Processor<byte[], byte[], Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleValidator.class);

  private final String acceptedChild;
  private final String deadLetterChild;
  private final ProcessorMetrics metrics;
  private final EventSerde<NewsArticle> serde = EventSerdes.newsArticle();
  private ProcessorContext<Object, Object> context;

  public ArticleValidator(String acceptedChild, String deadLetterChild, ProcessorMetrics metrics) {
    this.acceptedChild = acceptedChild;
    this.deadLetterChild = deadLetterChild;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String origin =
        context
            .recordMetadata()
            .map(m -> DeadLetters.origin(m.topic(), m.partition(), m.offset()))
            .orElse("unknown");
    if (record.value() == null) {
      reject(record, origin, "empty value (a tombstone is not an article)", SchemaException.class);
      return;
    }
    NewsArticle article;
    try {
      article = serde.read(record.value());
    } catch (SchemaException e) {
      reject(record, origin, e.getMessage(), e.getClass());
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    List<String> violations = ArticleRules.violations(article, key, record.timestamp());
    if (!violations.isEmpty()) {
      InvalidArticleException e = new InvalidArticleException(violations);
      reject(record, origin, e.getMessage(), e.getClass());
      return;
    }
    context.forward(
        new Record<>(
            article.id(),
            new AdmittedArticle(article, record.key(), record.value(), origin),
            record.timestamp(),
            record.headers()),
        acceptedChild);
  }

  private void reject(
      Record<byte[], byte[]> record, String origin, String error, Class<?> exception) {
    LOG.warn("Dead-lettering {} ({}): {}", origin, DeadLetters.STAGE_VALIDATE, error);
    metrics.deadLetter(DeadLetters.STAGE_VALIDATE);
    context.forward(
        DeadLetters.record(
            record.key(),
            record.value(),
            record.timestamp(),
            DeadLetters.headers(
                record.headers(),
                DeadLetters.STAGE_VALIDATE,
                error,
                exception.getName(),
                origin,
                record.key(),
                record.value())),
        deadLetterChild);
  }
}
