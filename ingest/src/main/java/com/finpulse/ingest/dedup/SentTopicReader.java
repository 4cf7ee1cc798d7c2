package com.finpulse.ingest.dedup;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back from {@code news.raw} what was sent after the journal's last entries: acknowledged
 * articles whose journal lines had not reached the disk when the process stopped (or everything, on
 * a fresh state directory). Assigns partitions directly: no consumer group, nothing committed.
 */
public final class SentTopicReader {

  private static final Logger LOG = LoggerFactory.getLogger(SentTopicReader.class);

  /** What was read. */
  public record Result(List<SentArticle> articles, long records, long unreadable) {}

  private SentTopicReader() {}

  /**
   * @param clientProperties bootstrap servers and security settings
   * @param nextOffsets per partition, the first offset the journal does not cover
   * @param retentionCutoffMillis records older than this (by fetch time) are not needed
   */
  public static Result readAfter(
      Map<String, Object> clientProperties,
      String topic,
      Map<Integer, Long> nextOffsets,
      long retentionCutoffMillis,
      Duration timeout) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "finpulse-ingest-restore");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<SentArticle> out = new ArrayList<>();
    long records = 0;
    long unreadable = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return new Result(List.of(), 0, 0);
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long from = nextOffsets.getOrDefault(tp.partition(), 0L);
        long last = end.get(tp);
        if (from > last) {
          LOG.warn(
              "{} ends at offset {}, before the journal's {}: the topic was recreated; reading it"
                  + " from the start",
              tp,
              last,
              from);
          from = 0;
        }
        from = Math.max(from, begin.get(tp));
        if (from < last) {
          consumer.seek(tp, from);
          remaining.put(tp, last);
        }
      }
      consumer.assign(new ArrayList<>(remaining.keySet()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading back " + topic + " took longer than " + timeout.toSeconds() + "s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          records++;
          try {
            NewsArticle a = EventSerdes.newsArticle().read(r.value());
            if (a.fetchedAt().toEpochMilli() >= retentionCutoffMillis) {
              out.add(
                  new SentArticle(
                      a.id(),
                      List.of(),
                      a.fingerprint(),
                      TitleFingerprint.of(a.title()),
                      a.eventTime().toEpochMilli(),
                      a.fetchedAt().toEpochMilli(),
                      a.source()));
            }
          } catch (SchemaException | IllegalArgumentException | NullPointerException e) {
            unreadable++;
          }
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        consumer.assign(new ArrayList<>(remaining.keySet()));
      }
    }
    return new Result(out, records, unreadable);
  }
}
