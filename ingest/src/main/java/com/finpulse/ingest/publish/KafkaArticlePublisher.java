package com.finpulse.ingest.publish;

import com.finpulse.common.config.KafkaSettings;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.ingest.config.ProducerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent Kafka producer of {@code news.raw}: {@code acks=all}, idempotence on, retries
 * without a delivery deadline, compression, key = article id, headers for the source and the
 * schema.
 *
 * <p>While the broker is down the producer keeps retrying what it holds, and {@link #publish}
 * blocks once {@code max_pending} articles are unacknowledged, so the pollers wait rather than pile
 * up memory; nothing is dropped and, the producer being idempotent, nothing is written twice when
 * the broker comes back. {@link #close} sends what is pending before it returns.
 */
public final class KafkaArticlePublisher implements ArticlePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaArticlePublisher.class);

  private final String topic;
  private final KafkaProducer<String, NewsArticle> producer;
  private final Semaphore permits;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong lastAckNanos = new AtomicLong(System.nanoTime());
  private final Object drained = new Object();
  private volatile long blockedSinceNanos;

  public KafkaArticlePublisher(KafkaSettings kafka, ProducerSettings settings, String topic) {
    this.topic = topic;
    this.maxPending = settings.maxPending();
    this.permits = new Semaphore(settings.maxPending());
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafka, settings), new StringSerializer(), EventSerdes.newsArticle());
  }

  static Map<String, Object> producerConfig(KafkaSettings kafka, ProducerSettings settings) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "finpulse-ingest");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
    // How long send() may block on metadata or buffer space before it is retried by publish().
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    // The delivery guarantees are not negotiable: a user property cannot weaken them.
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    // No deadline: a record is retried until the broker takes it. Expiring it would leave us the
    // choice between losing it and sending it again (a duplicate the idempotent producer cannot
    // recognise once the record left its buffer).
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    return p;
  }

  @Override
  public void publish(NewsArticle article, Delivery delivery) throws InterruptedException {
    if (!permits.tryAcquire()) {
      blockedSinceNanos = System.nanoTime();
      permits.acquire();
      blockedSinceNanos = 0;
    }
    pending.incrementAndGet();
    ProducerRecord<String, NewsArticle> record =
        new ProducerRecord<>(topic, null, article.id(), article);
    record.headers().add(HeaderNames.SOURCE, article.source().getBytes(StandardCharsets.UTF_8));
    long lastLog = System.nanoTime() - 120_000_000_000L;
    while (true) {
      try {
        producer.send(
            record,
            (metadata, exception) -> {
              settle();
              if (exception == null) {
                lastAckNanos.set(System.nanoTime());
                delivery.delivered(metadata.partition(), metadata.offset());
              } else {
                delivery.failed(exception);
              }
            });
        return;
      } catch (TimeoutException e) {
        // No metadata for the topic (broker unreachable) or the producer's buffer is full: the
        // record is not in the producer yet, so trying again cannot duplicate it.
        long now = System.nanoTime();
        if (now - lastLog > 60_000_000_000L) {
          LOG.warn(
              "Kafka does not take articles ({}): {} pending; holding article {} and retrying every"
                  + " second, sources wait",
              e.getMessage(),
              pending.get(),
              article.id());
          lastLog = now;
        }
        Thread.sleep(1000);
      } catch (InterruptException e) {
        settle();
        throw new InterruptedException("interrupted while handing an article to Kafka");
      } catch (KafkaException | IllegalStateException e) {
        settle();
        delivery.failed(e);
        return;
      }
    }
  }

  private void settle() {
    permits.release();
    if (pending.decrementAndGet() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  @Override
  public int pending() {
    return pending.get();
  }

  /** Silence that counts as an outage while articles are pending. */
  private static final long OUTAGE_NANOS = 30_000_000_000L;

  private static final long OUTAGE_LOG_EVERY_NANOS = 60_000_000_000L;
  private long lastOutageLog;

  @Override
  public void warnIfStalled() {
    long now = System.nanoTime();
    long quiet = now - lastAckNanos.get();
    if (pending.get() > 0 && quiet > OUTAGE_NANOS && now - lastOutageLog > OUTAGE_LOG_EVERY_NANOS) {
      lastOutageLog = now;
      long blockedSince = blockedSinceNanos;
      LOG.warn(
          "No acknowledgement from Kafka for {}s with {} article(s) pending (max_pending {}):"
              + " the broker looks unreachable; the producer keeps retrying{}",
          quiet / 1_000_000_000L,
          pending.get(),
          maxPending,
          blockedSince == 0
              ? ""
              : " and sources have waited for room for "
                  + (now - blockedSince) / 1_000_000_000L
                  + "s");
    }
  }

  @Override
  public boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drained) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        drained.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  @Override
  public void close(Duration timeout) {
    int left = pending.get();
    if (left > 0) {
      LOG.info("Sending {} pending article(s) to Kafka before stopping", left);
    }
    try {
      producer.close(timeout);
    } catch (KafkaException e) {
      LOG.warn("Kafka producer did not close cleanly: {}", e.toString());
    }
    if (pending.get() > 0) {
      LOG.error(
          "{} article(s) were not acknowledged by Kafka within {}s of stopping; they are not in the"
              + " sent journal, so the next start fetches and sends them again",
          pending.get(),
          timeout.toSeconds());
    }
  }
}
