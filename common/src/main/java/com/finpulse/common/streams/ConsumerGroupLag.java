package com.finpulse.common.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Records a consumer group still has to read, per topic: last stable offset (read_committed) minus
 * the committed offset, or minus the earliest offset where the group never committed. The one lag
 * measurement of FinPulse's consumers (both Streams applications and the InfluxDB writer): it reads
 * the group's committed offsets through the admin client, so it also sees the lag of a group whose
 * members are down.
 */
public final class ConsumerGroupLag implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;

  public ConsumerGroupLag(Map<String, Object> adminConfig) {
    this.admin = Admin.create(adminConfig);
  }

  /**
   * Lag per topic, over {@code topics} and every other topic the group has committed offsets on
   * (its repartition topics, whatever their generated names); topics that do not exist yet (an
   * internal topic before the first rebalance) are left out.
   *
   * @throws IllegalStateException when the cluster does not answer in time
   */
  public Map<String, Long> lag(String groupId, Collection<String> topics) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(secs(), TimeUnit.SECONDS);
      Set<String> wanted = new TreeSet<>(topics);
      committed.keySet().forEach(tp -> wanted.add(tp.topic()));
      Set<String> existing = admin.listTopics().names().get(secs(), TimeUnit.SECONDS);
      List<String> present = wanted.stream().filter(existing::contains).toList();
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(present).allTopicNames().get(secs(), TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      descriptions.forEach(
          (topic, d) ->
              d.partitions()
                  .forEach(
                      p -> {
                        TopicPartition tp = new TopicPartition(topic, p.partition());
                        latest.put(tp, OffsetSpec.latest());
                        earliest.put(tp, OffsetSpec.earliest());
                      }));
      ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest, committedOnly).all().get(secs(), TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
          admin.listOffsets(earliest, committedOnly).all().get(secs(), TimeUnit.SECONDS);
      Map<String, Long> out = new HashMap<>();
      present.forEach(t -> out.put(t, 0L));
      ends.forEach(
          (tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : starts.get(tp).offset();
            out.merge(tp.topic(), Math.max(0, end.offset() - from), Long::sum);
          });
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading consumer lag", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the consumer lag of " + groupId + ": " + e, e);
    }
  }

  /** The sum of {@link #lag} over all topics. */
  public long total(String groupId, Collection<String> topics) {
    return lag(groupId, topics).values().stream().mapToLong(Long::longValue).sum();
  }

  private static long secs() {
    return TIMEOUT.toSeconds();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
