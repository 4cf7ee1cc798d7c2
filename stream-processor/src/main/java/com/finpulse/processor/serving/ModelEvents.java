package com.finpulse.processor.serving;

import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's writer of {@code models.status} (key: the instance) and {@code models.shadow}
 * (key: article id): one idempotent producer outside the Kafka Streams transactions, since neither
 * topic is part of the scored output. Sends never block the caller; a failed send is logged (at
 * most once a minute) and dropped: a status is published again at the next change, a comparison is
 * a sample.
 */
public final class ModelEvents implements ShadowSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelEvents.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  /**
   * @param clientProperties the processor's Kafka client properties (bootstrap servers, security)
   */
  public ModelEvents(Map<String, Object> clientProperties) {
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
    // send() waits for topic metadata at most this long: the inference worker calls it.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "finpulse-processor-models");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  public void publishStatus(ModelStatus status) {
    send(Topics.MODELS_STATUS, status.instance(), EventSerdes.modelStatus(), status);
  }

  @Override
  public void publish(ShadowComparison comparison) {
    send(Topics.MODELS_SHADOW, comparison.articleId(), EventSerdes.shadowComparison(), comparison);
  }

  /** Waits until every record handed over so far is acknowledged (or failed). */
  public void flush() {
    producer.flush();
  }

  private <T> void send(String topic, String key, EventSerde<T> serde, T value) {
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serde.serialize(topic, headers, value);
    try {
      producer.send(
          new ProducerRecord<>(topic, null, key, bytes, headers),
          (meta, e) -> {
            if (e != null) {
              dropped(topic, e);
            }
          });
    } catch (RuntimeException e) {
      dropped(topic, e);
    }
  }

  private void dropped(String topic, Exception e) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      LOG.warn("Could not publish to {} ({}); the record is dropped", topic, e.toString());
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
