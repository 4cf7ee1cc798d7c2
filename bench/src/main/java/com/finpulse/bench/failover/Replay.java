package com.finpulse.bench.failover;

import com.finpulse.bench.pipeline.BenchHeadlines;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.event.NewsArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The same articles for every run: headline {@code i} (in the file's time order) is published and
 * fetched at {@code base + i / rate} and sent at {@code start + i / rate}, so event time moves as
 * fast as the wall clock, as with live news. Ids, times and texts do not depend on the run.
 */
public final class Replay {

  private final List<NewsArticle> articles;
  private final double rate;
  private final AtomicInteger sent = new AtomicInteger();

  Replay(List<Headline> headlines, int n, double rate, Instant base) {
    this.rate = rate;
    List<NewsArticle> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Headline h = headlines.get(i % headlines.size());
      out.add(BenchHeadlines.article(h, base.plusNanos((long) (i * 1e9 / rate)), "replay-" + i));
    }
    this.articles = List.copyOf(out);
  }

  /** The replay's producer: acks=all, idempotent, one request in flight. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            // Topics were just created: a retried first batch must not be overtaken.
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            1),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  int size() {
    return articles.size();
  }

  Set<String> ids() {
    Set<String> ids = new TreeSet<>();
    articles.forEach(a -> ids.add(a.id()));
    return ids;
  }

  /** Articles sent (acknowledged or not) so far in the current {@link #send}. */
  int sent() {
    return sent.get();
  }

  /** Sends every article at the paced rate (acks=all, idempotent) and waits for every ack. */
  void send(String bootstrapServers) throws Exception {
    sent.set(0);
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(articles.size());
      long start = System.nanoTime();
      for (int i = 0; i < articles.size(); i++) {
        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        acks.add(producer.send(BenchHeadlines.record(articles.get(i))));
        sent.incrementAndGet();
      }
      producer.flush();
      for (Future<RecordMetadata> f : acks) {
        try {
          f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw new IllegalStateException("the replay could not publish", e.getCause());
        }
      }
    }
  }

  /** How long sending takes at the paced rate. */
  Duration duration() {
    return Duration.ofMillis((long) (articles.size() * 1000 / rate));
  }
}
