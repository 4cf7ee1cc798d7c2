package com.finpulse.alerts.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.ReliableProducer;
import com.finpulse.common.topic.TopicFollower;
import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The corrections on Kafka: each one written to the compacted {@code labels.feedback} (keyed by
 * article, task and target, so a later correction replaces an earlier one and nothing duplicates)
 * and acknowledged before the API answers; the topic read back into the {@link FeedbackBook} at
 * start, so corrections survive restarts.
 */
public final class KafkaFeedbackSink implements FeedbackSink, AutoCloseable {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private final FeedbackBook book;
  private final Producer<String, byte[]> producer;
  private final TopicFollower follower;

  public KafkaFeedbackSink(Map<String, Object> kafkaClient, FeedbackBook book) {
    this.book = book;
    this.producer = ReliableProducer.create(kafkaClient, "finpulse-alerts-feedback");
    this.follower =
        TopicFollower.of(
            Topics.LABELS_FEEDBACK,
            EventSerdes.labelFeedback(),
            kafkaClient,
            (k, f) -> book.apply(f));
  }

  /** Reads the corrections recorded so far; waits up to {@code timeout} for them. */
  public void start(Duration timeout) throws InterruptedException {
    follower.start();
    follower.awaitCaughtUp(timeout);
  }

  public boolean healthy() {
    return follower.healthy();
  }

  @Override
  public void record(LabelFeedback feedback) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value = EventSerdes.labelFeedback().serialize(Topics.LABELS_FEEDBACK, headers, feedback);
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.LABELS_FEEDBACK, null, feedback.recordKey(), value, headers))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedbackUnavailableException("interrupted while recording the correction", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new FeedbackUnavailableException(
          "could not record the correction on " + Topics.LABELS_FEEDBACK + ": " + e.getMessage(),
          e);
    }
    book.apply(feedback);
  }

  @Override
  public void close() {
    follower.close();
    producer.close(Duration.ofSeconds(5));
  }
}
