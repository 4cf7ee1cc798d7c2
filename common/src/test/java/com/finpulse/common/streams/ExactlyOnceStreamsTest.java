package com.finpulse.common.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ExactlyOnceStreamsTest {

  @Test
  void theSharedProductionSettings() {
    Properties p =
        ExactlyOnceStreams.settings(
                Map.of("bootstrap.servers", "k:9092"), "finpulse-x", Path.of("/state/streams"))
            .commitInterval(Duration.ofMillis(250))
            .standbyReplicas(1)
            .startFrom("latest")
            .staticMember("host-1")
            .with(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500L))
            .build();
    assertThat(p.get("bootstrap.servers")).isEqualTo("k:9092");
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("finpulse-x");
    assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/state/streams");
    assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    assertThat(p.get(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)))
        .isEqualTo("latest");
    assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
        .isEqualTo("host-1");
    // Overrides come last.
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(500L);
    assertThat(p).doesNotContainKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  }

  @Test
  void internalTopicsGetSegmentsTheLogCleanerCanCompact() {
    StreamsConfig config =
        new StreamsConfig(
            ExactlyOnceStreams.settings(
                    Map.of("bootstrap.servers", "k:9092"), "finpulse-x", Path.of("/s"))
                .build());
    Map<String, Object> topicConfigs = config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX);
    assertThat(topicConfigs)
        .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, 50 * 1024 * 1024)
        .containsEntry(TopicConfig.SEGMENT_MS_CONFIG, Duration.ofMinutes(10).toMillis());
  }

  @Test
  void dynamicMembershipSetsNoInstanceId() {
    Properties p =
        ExactlyOnceStreams.settings(Map.of(), "a", Path.of("s")).staticMember(null).build();
    assertThat(p.keySet().stream().map(String::valueOf))
        .noneMatch(k -> k.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  @Test
  void staticMemberIdsAreStablePerStateDirectoryAndDistinctBetweenThem() {
    Map<String, String> env = Map.of("HOSTNAME", "box");
    String a = StaticMemberId.of("", "alerts", Path.of("/s/one/streams"), env);
    assertThat(a).matches("box-alerts-[0-9a-f]{8}");
    assertThat(StaticMemberId.of(" ", "alerts", Path.of("/s/one/./streams"), env)).isEqualTo(a);
    assertThat(StaticMemberId.of("", "alerts", Path.of("/s/two/streams"), env)).isNotEqualTo(a);
    assertThat(StaticMemberId.of("", "", Path.of("/s/one/streams"), env))
        .matches("box-[0-9a-f]{8}");
    assertThat(StaticMemberId.of(" fixed ", "alerts", Path.of("/x"), env)).isEqualTo("fixed");
  }
}
