package com.finpulse.bench.soak;

import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Latency from the send of an article to news.raw to its scored record being committed on
 * news.scored (read by a read_committed consumer, as the alerts service and the InfluxDB writer
 * read it). Collected per interval: {@link #drain} hands over the latencies since the last call.
 */
final class ScoredLatency implements AutoCloseable {

  private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private List<Double> millis = new ArrayList<>();
  private volatile Throwable failure;

  /** Starts reading news.scored from its current end. */
  ScoredLatency(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.NEWS_SCORED, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolved now, before anything is sent
    thread = Thread.ofPlatform().name("soak-scored-reader").daemon().start(this::read);
  }

  /** Call right before sending article {@code id}. */
  void sending(String id) {
    sentNanos.put(id, System.nanoTime());
  }

  /** Articles sent and not yet seen on news.scored. */
  int inFlight() {
    return sentNanos.size();
  }

  /** The latencies (ms) seen since the last call. */
  synchronized double[] drain() {
    double[] out = millis.stream().mapToDouble(Double::doubleValue).toArray();
    millis = new ArrayList<>();
    return out;
  }

  /** Fails when the reader has stopped on an error. */
  void assertReading() {
    if (failure != null) {
      throw new IllegalStateException("reading news.scored failed: " + failure, failure);
    }
  }

  private void read() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          long now = System.nanoTime();
          String id = EventSerdes.scoredArticle().read(r.value()).articleId();
          Long sent = sentNanos.remove(id);
          if (sent != null) {
            add((now - sent) / 1e6);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable t) {
      failure = t;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private synchronized void add(double ms) {
    millis.add(ms);
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
