package com.finpulse.processor.sink;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.deadletter.DeadLetters;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.dto.Point;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes news.scored and sentiment.trends to InfluxDB: a plain consumer (its own group) that
 * commits offsets only after InfluxDB accepted the batch read with them.
 *
 * <p><b>Why not inside the topology.</b> A Kafka Streams processor that blocks on an InfluxDB
 * outage holds its transaction open past {@code transaction.timeout.ms} and is fenced; and scoring
 * would stop with it. As a separate consumer, an outage stops only this writer: it pauses its
 * partitions (still polling, so it keeps its group membership) and retries the same batch with
 * backoff until InfluxDB is back, while scoring and trends carry on into Kafka. Nothing is dropped:
 * offsets move only after a write succeeded; after a crash or rebalance the uncommitted records are
 * read and written again, which is harmless because every point is idempotent (a trend's timestamp
 * is its window start, an article's its event time plus an id-derived offset).
 *
 * <p>It reads read_committed, so aborted transactions of the stream processor never reach InfluxDB.
 * A batch is one InfluxDB request; within it only the latest update of each trend window is
 * written. A record InfluxDB refuses on its own (a 4xx such as a field type conflict) or that
 * cannot be decoded goes to news.dlq with the reason before its offset is committed.
 */
public final class InfluxSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);

  /** How long one write keeps retrying before the loop polls again (keeps group membership). */
  static final Duration RETRY_WINDOW = Duration.ofSeconds(10);

  private static final String STAGE = "sink";

  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> producerConfig;
  private final InfluxStore store;
  private final ProcessorMetrics metrics;
  private final SinkObserver observer;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean busy;
  private volatile @Nullable Throwable failure;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private PendingWrite pending;
  private boolean paused;
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * @param clientConfig bootstrap servers and client properties
   * @param groupId the sink's consumer group
   * @param instanceId static membership id, or null for dynamic membership
   */
  public InfluxSink(
      Map<String, Object> clientConfig,
      String groupId,
      @Nullable String instanceId,
      int batchSize,
      InfluxStore store,
      ProcessorMetrics metrics,
      SinkObserver observer) {
    this.store = store;
    this.metrics = metrics;
    this.observer = observer;
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    if (instanceId != null) {
      c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }
    this.consumerConfig = c;
    Map<String, Object> p = new HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = p;
    this.thread = new Thread(this::run, "finpulse-influx-sink");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Nothing read and not yet written (consumer lag is checked by the service). */
  public boolean isIdle() {
    return !busy;
  }

  public boolean isHealthy() {
    return failure == null;
  }

  private void run() {
    try {
      waitForDatabase();
      consumer = new KafkaConsumer<>(consumerConfig);
      consumer.subscribe(List.of(Topics.NEWS_SCORED, Topics.SENTIMENT_TRENDS), new Rebalance());
      while (!closed) {
        if (pending == null) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          if (records.isEmpty()) {
            commitSkippedMarkers();
            continue;
          }
          busy = true;
          pending = new PendingWrite();
          pending.add(records);
        }
        if (write(pending)) {
          commit(pending);
          pending = null;
          busy = false;
          if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
            LOG.info("InfluxDB writes succeed again; the InfluxDB writer resumed reading");
          }
        } else if (!closed) {
          keepMembershipWhilePaused();
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        failure = e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure = t;
      LOG.error(
          "The InfluxDB writer stopped: {}. Unwritten records keep their uncommitted offsets and"
              + " are written after a restart.",
          t.toString(),
          t);
    } finally {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(5));
      }
      if (deadLetterProducer != null) {
        deadLetterProducer.close(Duration.ofSeconds(5));
      }
    }
  }

  private void waitForDatabase() throws InterruptedException {
    while (!closed) {
      try {
        store.ensureDatabase(Duration.ofSeconds(30));
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "InfluxDB at {} is not reachable ({}); the writer waits for it (scoring carries on)",
            store.settings().url(),
            e.getMessage());
      }
    }
  }

  /** Pauses reading (back-pressure) but polls, so the group does not consider this member dead. */
  private void keepMembershipWhilePaused() {
    if (!paused) {
      LOG.warn(
          "InfluxDB is down: the InfluxDB writer stops reading and holds {} records until it is"
              + " back",
          pending == null ? 0 : pending.records());
      paused = true;
    }
    consumer.pause(consumer.assignment());
    ConsumerRecords<byte[], byte[]> more = consumer.poll(Duration.ofMillis(100));
    // A rebalance inside poll may have dropped the pending batch and assigned new partitions.
    if (!more.isEmpty()) {
      if (pending == null) {
        pending = new PendingWrite();
        busy = true;
      }
      pending.add(more);
    }
  }

  private boolean write(PendingWrite batch) throws InterruptedException {
    List<Point> points = batch.points();
    long deadline = System.nanoTime() + RETRY_WINDOW.toNanos();
    int[] failures = {0};
    boolean written;
    try {
      written =
          store.writeUntilAccepted(
              points,
              () -> {
                metrics.influxFailure();
                if (++failures[0] % 5 == 0) {
                  recreateDatabaseIfLost();
                }
                return !closed && System.nanoTime() < deadline;
              });
    } catch (IllegalArgumentException rejected) {
      LOG.warn(
          "InfluxDB rejected a batch of {} points ({}); writing them one by one to dead-letter"
              + " only the ones it refuses",
          points.size(),
          rejected.getMessage());
      written = writeOneByOne(batch);
    }
    if (!written) {
      return false;
    }
    for (PendingWrite.Undecodable u : batch.undecodable()) {
      deadLetter(u.record(), u.error(), "SchemaException");
    }
    long now = System.currentTimeMillis();
    List<ScoredArticle> articles = batch.articles();
    List<TrendPoint> trends = batch.trends();
    metrics.articlePointsWritten(articles.size());
    metrics.trendPointsWritten(trends.size());
    observer.written(articles, trends, now);
    return true;
  }

  private boolean writeOneByOne(PendingWrite batch) throws InterruptedException {
    for (PendingWrite.Item item : batch.items()) {
      try {
        long deadline = System.nanoTime() + RETRY_WINDOW.toNanos();
        if (!store.writeUntilAccepted(
            List.of(item.point()),
            () -> {
              metrics.influxFailure();
              return !closed && System.nanoTime() < deadline;
            })) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        deadLetter(item.record(), e.getMessage(), e.getClass().getName());
      }
    }
    return true;
  }

  private void recreateDatabaseIfLost() {
    try {
      if (store.isReachable()) {
        store.ensureDatabase(Duration.ofSeconds(2));
      }
    } catch (Exception e) {
      LOG.debug("CREATE DATABASE failed: {}", e.toString());
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> r, String error, String exception) {
    if (deadLetterProducer == null) {
      deadLetterProducer = new KafkaProducer<>(producerConfig);
    }
    String origin = DeadLetters.origin(r.topic(), r.partition(), r.offset());
    LOG.warn("Dead-lettering {} ({}): {}", origin, STAGE, error);
    try {
      deadLetterProducer
          .send(
              DeadLetters.producerRecord(
                  r.key(),
                  r.value(),
                  r.timestamp(),
                  DeadLetters.headers(
                      r.headers(), STAGE, error, exception, origin, r.key(), r.value())))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while dead-lettering " + origin, e);
    } catch (ExecutionException e) {
      // Without the dead letter the record must not be committed past: stop, re-read later.
      throw new KafkaException("cannot dead-letter " + origin + ": " + e.getCause(), e.getCause());
    }
    metrics.deadLetter(STAGE);
  }

  private void commit(PendingWrite batch) {
    commit(batch.commitOffsets(consumer::position));
  }

  /**
   * Every record read so far is written: commits positions that moved only over transaction
   * markers, so a drained writer shows no lag.
   */
  private void commitSkippedMarkers() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      long position = consumer.position(tp);
      Long last = committed.get(tp);
      if (last != null && position > last) {
        offsets.put(tp, new OffsetAndMetadata(position));
      } else if (last == null) {
        committed.put(tp, position);
      }
    }
    if (!offsets.isEmpty()) {
      commit(offsets);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    } catch (KafkaException e) {
      // A rebalance took the partitions: their new owner re-reads and rewrites (idempotent).
      LOG.info(
          "Offset commit after an InfluxDB write failed ({}); records are rewritten", e.toString());
    }
  }

  /** Drops an unwritten batch on revocation; partitions kept are rewound to where it began. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      revoked.forEach(committed::remove);
      if (pending == null) {
        return;
      }
      List<TopicPartition> kept =
          pending.rewind(
              tp -> !revoked.contains(tp) && consumer.assignment().contains(tp), consumer::seek);
      LOG.info(
          "Rebalance while {} records await InfluxDB: dropped them uncommitted (rewound {})",
          pending.records(),
          kept);
      pending = null;
      busy = false;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      onPartitionsRevoked(lost);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
