package com.finpulse.common.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;

/**
 * The production Kafka Streams settings of FinPulse's Streams applications (the processor and the
 * alerts detector), in one place: exactly-once v2, the application id, the state directory, the
 * commit interval, standby replicas, a static member id, and segments for the internal topics that
 * let the changelogs be compacted. Services and their TopologyTestDriver harnesses build their
 * {@link Properties} here.
 */
public final class ExactlyOnceStreams {

  /**
   * Segment size and age of the internal topics: what Kafka Streams gives its repartition topics,
   * applied to the changelogs too. Kafka compacts only closed segments, so with the broker's 1 GiB
   * and 7-day defaults a changelog is in practice never compacted: it grows by every write (an
   * evidence list rewritten per article) and a restore after a crash replays all of it.
   */
  static final int INTERNAL_SEGMENT_BYTES = 50 * 1024 * 1024;

  static final long INTERNAL_SEGMENT_MS = Duration.ofMinutes(10).toMillis();

  private final Map<String, Object> client;
  private final String applicationId;
  private final Path stateDir;
  private Duration commitInterval = Duration.ofMillis(100);
  private int standbyReplicas;
  private @Nullable Integer threads;
  private @Nullable Integer replicationFactor;
  private @Nullable Duration pollInterval;
  private @Nullable String staticMemberId;
  private @Nullable String resetPolicy;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  private ExactlyOnceStreams(Map<String, Object> client, String applicationId, Path stateDir) {
    this.client = Map.copyOf(client);
    this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
  }

  /**
   * @param client the Kafka client settings of the service (bootstrap servers, security)
   * @param applicationId the consumer group and prefix of internal topics and transactional ids
   * @param stateDir where the RocksDB state lives
   */
  public static ExactlyOnceStreams settings(
      Map<String, Object> client, String applicationId, Path stateDir) {
    return new ExactlyOnceStreams(client, applicationId, stateDir);
  }

  /** How often a transaction commits: the latency floor of each topic hop. */
  public ExactlyOnceStreams commitInterval(Duration interval) {
    this.commitInterval = interval;
    return this;
  }

  public ExactlyOnceStreams standbyReplicas(int replicas) {
    this.standbyReplicas = replicas;
    return this;
  }

  public ExactlyOnceStreams threads(int threads) {
    this.threads = threads;
    return this;
  }

  /** Of the internal (changelog, repartition) topics; Kafka's default when not set. */
  public ExactlyOnceStreams replicationFactor(int factor) {
    this.replicationFactor = factor;
    return this;
  }

  public ExactlyOnceStreams pollInterval(Duration interval) {
    this.pollInterval = interval;
    return this;
  }

  /**
   * Static group membership: a restart (also after a crash) takes its partitions back at once
   * instead of waiting out the session of its dead predecessor; null for dynamic membership. Kafka
   * Streams appends the thread index for each thread's consumer.
   */
  public ExactlyOnceStreams staticMember(@Nullable String memberId) {
    this.staticMemberId = memberId;
    return this;
  }

  /** Where a first start reads its inputs from: {@code earliest} or {@code latest}. */
  public ExactlyOnceStreams startFrom(String policy) {
    this.resetPolicy = policy;
    return this;
  }

  /** Further properties (handlers, user overrides), applied last. */
  public ExactlyOnceStreams with(Map<String, ?> properties) {
    extra.putAll(properties);
    return this;
  }

  public Properties build() {
    Properties p = new Properties();
    p.putAll(client);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
    p.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), INTERNAL_SEGMENT_BYTES);
    p.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), INTERNAL_SEGMENT_MS);
    if (threads != null) {
      p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    }
    if (replicationFactor != null) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    }
    if (pollInterval != null) {
      p.put(StreamsConfig.POLL_MS_CONFIG, pollInterval.toMillis());
    }
    if (resetPolicy != null) {
      p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), resetPolicy);
    }
    if (staticMemberId != null) {
      p.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          staticMemberId);
    }
    p.putAll(extra);
    return p;
  }
}
