package com.finpulse.common.topic;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** How one topic is created: partitions, replication and topic-level configs. */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1, got " + partitions);
    }
    configs = Map.copyOf(configs);
  }

  /** A log topic whose records are deleted after {@code retention}. */
  public static TopicSpec deleteAfter(
      String name, int partitions, short replicationFactor, Duration retention) {
    return new TopicSpec(
        name,
        partitions,
        replicationFactor,
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            Long.toString(retention.toMillis())));
  }

  /** A compacted topic: the latest record per key is kept forever. */
  public static TopicSpec compacted(String name, int partitions, short replicationFactor) {
    return new TopicSpec(
        name,
        partitions,
        replicationFactor,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  public NewTopic toNewTopic() {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
