package com.finpulse.common.topic;

import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.SchemaException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic of events from its beginning on a thread of its own, then follows it: the way a
 * service keeps a small topic's state in memory (latest record per key) without a consumer group or
 * a store of its own. Committed records only; a record that does not decode is logged and skipped.
 * Meant for low-volume topics (corrections, model versions), which replay in seconds.
 *
 * @param <T> the event type
 */
public final class TopicFollower<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  private final String topic;
  private final EventSerde<T> serde;
  private final Map<String, Object> clientConfig;
  private final BiConsumer<String, T> onRecord;
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean caughtUp;
  private volatile Throwable failure;

  /**
   * @param onRecord called with each record's key and event, in offset order, on the follower's
   *     thread
   */
  public TopicFollower(
      String topic,
      EventSerde<T> serde,
      Map<String, Object> kafkaClientProperties,
      BiConsumer<String, T> onRecord) {
    this.topic = topic;
    this.serde = serde;
    this.clientConfig = new HashMap<>(kafkaClientProperties);
    this.onRecord = onRecord;
    this.thread = new Thread(this::run, "follow-" + topic);
    this.thread.setDaemon(true);
  }

  public TopicFollower<T> start() {
    thread.start();
    return this;
  }

  /** Whether everything that was on the topic at start has been read. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public boolean healthy() {
    return failure == null;
  }

  /** Waits until {@link #caughtUp()}; false after {@code timeout}. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp && failure == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return caughtUp;
  }

  private void run() {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "finpulse-follow-" + topic);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      consumer = c;
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (running) {
        if (!caughtUp && reached(c, end)) {
          caughtUp = true;
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          try {
            onRecord.accept(r.key(), serde.read(r.value()));
          } catch (SchemaException e) {
            LOG.warn(
                "Unreadable record on {} partition {} offset {} skipped: {}",
                topic,
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("Following {} failed; restart the service to read it again", topic, e);
    }
  }

  private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
