package com.finpulse.processor.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * the committed offset, or minus the earliest offset where the group never committed.
 */
final class LagMonitor implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;

  LagMonitor(Map<String, Object> adminConfig) {
    this.admin = Admin.create(adminConfig);
  }

  /**
   * Lag per topic; topics that do not exist yet (an internal topic before the first rebalance) are
   * left out.
   *
   * @throws IllegalStateException when the cluster does not answer in time
   */
  Map<String, Long> lag(String groupId, Collection<String> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(secs(), TimeUnit.SECONDS);
      List<String> present = topics.stream().filter(existing::contains).toList();
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
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(secs(), TimeUnit.SECONDS);
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

  private static long secs() {
    return TIMEOUT.toSeconds();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
