package com.finpulse.common.topic;

import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.SchemaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Reads one topic from its beginning on a thread of its own, then follows it: the way a service
 * keeps a small topic's state in memory (the alert history, corrections, model versions) without a
 * consumer group or a store of its own, so every start replays it. Committed records only; a record
 * that does not decode is logged and skipped. Meant for low-volume topics, which replay in seconds.
 */
public final class TopicFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** What the follower hands each record to, in offset order, on its thread. */
  public interface Reader {

    /**
     * @throws SchemaException when the record does not decode: it is logged and skipped
     */
    void record(ConsumerRecord<String, byte[]> record);

    /** Everything that was on the topic at start has been read. */
    default void caughtUp() {}
  }

  private final String topic;
  private final Map<String, Object> clientConfig;
  private final Reader reader;
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean caughtUp;
  private volatile long lag = -1;
  private volatile Throwable failure;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> endRequests =
      new ConcurrentLinkedQueue<>();

  private record EndWaiter(Map<TopicPartition, Long> end, CompletableFuture<Void> done) {}

  /**
   * @param clientId the Kafka client id (in the broker's logs and metrics)
   */
  public TopicFollower(
      String topic, Map<String, Object> kafkaClientProperties, String clientId, Reader reader) {
    this.topic = topic;
    this.clientConfig = new HashMap<>(kafkaClientProperties);
    this.clientConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    this.reader = reader;
    this.thread = new Thread(this::run, "follow-" + topic);
    this.thread.setDaemon(true);
  }

  /** Follows a topic of one event type: {@code onRecord} gets each record's key and event. */
  public static <T> TopicFollower of(
      String topic,
      EventSerde<T> serde,
      Map<String, Object> kafkaClientProperties,
      BiConsumer<String, T> onRecord) {
    return new TopicFollower(
        topic,
        kafkaClientProperties,
        "finpulse-follow-" + topic,
        r -> onRecord.accept(r.key(), serde.read(r.value())));
  }

  public TopicFollower start() {
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

  /** Records behind the end of the topic; -1 before the first check. */
  public long lag() {
    return lag;
  }

  /** Waits until {@link #caughtUp()}; false after {@code timeout}. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp && failure == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return caughtUp;
  }

  /**
   * Completes once every record committed on the topic by now (its last stable offset when the
   * follower next looks) has been handed to the reader: after another writer was fenced, for
   * instance, everything it managed to commit has been read. Fails if the follower stops.
   */
  public CompletableFuture<Void> readToCommittedEnd() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    endRequests.add(f);
    Throwable failed = failure;
    if (failed != null || !running) {
      f.completeExceptionally(
          failed != null ? failed : new IllegalStateException("no longer following " + topic));
    }
    return f;
  }

  private void run() {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      consumer = c;
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      List<EndWaiter> waiters = new ArrayList<>();
      long lastLagCheck = 0;
      while (running) {
        if (!caughtUp && reached(c, end)) {
          caughtUp = true;
          reader.caughtUp();
        }
        for (CompletableFuture<Void> f; (f = endRequests.poll()) != null; ) {
          waiters.add(new EndWaiter(c.endOffsets(parts), f));
        }
        waiters.removeIf(
            w -> {
              if (!reached(c, w.end())) {
                return false;
              }
              w.done().complete(null);
              return true;
            });
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          try {
            reader.record(r);
          } catch (SchemaException e) {
            LOG.warn(
                "Unreadable record on {} partition {} offset {} skipped: {}",
                topic,
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
        long now = System.nanoTime();
        if (now - lastLagCheck > 1_000_000_000L) {
          lastLagCheck = now;
          Map<TopicPartition, Long> latest = c.endOffsets(parts);
          long behind = 0;
          for (TopicPartition tp : parts) {
            behind += Math.max(0, latest.get(tp) - c.position(tp));
          }
          lag = behind;
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error(
          "Reading {} failed: what the service keeps from it stops updating until it is restarted",
          topic,
          e);
    } finally {
      Throwable why = failure != null ? failure : new IllegalStateException("stopped following");
      for (CompletableFuture<Void> f; (f = endRequests.poll()) != null; ) {
        f.completeExceptionally(why);
      }
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
