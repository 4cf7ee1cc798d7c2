package com.finpulse.processor.testing;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.topic.TopicReads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces to and reads whole topics of a test broker. */
public final class KafkaTopics {

  private final String bootstrapServers;

  public KafkaTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Publishes articles as ingest does (key = id, timestamp = fetch time) and waits for acks. */
  public void publish(String topic, List<NewsArticle> articles) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (NewsArticle a : articles) {
      records.add(
          new ProducerRecord<>(
              topic, null, a.fetchedAt().toEpochMilli(), Articles.key(a), Articles.json(a)));
    }
    publishRaw(records);
  }

  public void publishRaw(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Right after a topic is created its leader may not be known yet; with one request in flight
    // the retried first batch cannot be overtaken (OUT_OF_ORDER_SEQUENCE_NUMBER forever).
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      for (var f : sent) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("cannot publish test records", e.getCause());
        }
      }
    }
  }

  /**
   * Every committed record of {@code topic}, read from the beginning to the last stable offset of
   * each partition (read_committed: aborted transactions are invisible).
   */
  public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    return TopicReads.committed(bootstrapServers, topic, Duration.ofSeconds(30));
  }

  public <T> List<T> readCommitted(String topic, Function<byte[], T> decode) {
    return readCommitted(topic).stream().map(r -> decode.apply(r.value())).toList();
  }
}
