package com.finpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingWriteTest {

  static final Instant START = Instant.parse("2026-03-02T10:05:00Z");
  static final TopicPartition P0 = new TopicPartition(Topics.SENTIMENT_TRENDS, 0);
  static final TopicPartition P1 = new TopicPartition(Topics.SENTIMENT_TRENDS, 1);

  static TrendPoint trend(int count) {
    return new TrendPoint(
        KeyKind.TICKER,
        "ACME",
        TrendWindow.FIVE_MINUTES,
        START,
        START.plusSeconds(300),
        0,
        count,
        0,
        count,
        0.1,
        0.0,
        count,
        0,
        START.plusSeconds(count));
  }

  static ConsumerRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
    return new ConsumerRecord<>(
        Topics.SENTIMENT_TRENDS, partition, offset, "k".getBytes(StandardCharsets.UTF_8), value);
  }

  static ConsumerRecords<byte[], byte[]> batch(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
    records.forEach(
        r ->
            byPartition
                .computeIfAbsent(
                    new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
                .add(r));
    return new ConsumerRecords<>(byPartition, Map.of());
  }

  @Test
  void aBatchKeepsTheLatestUpdateOfAWindowAndTheUndecodableAside() {
    byte[] first = EventSerdes.trendPoint().serialize(Topics.SENTIMENT_TRENDS, trend(1));
    byte[] second = EventSerdes.trendPoint().serialize(Topics.SENTIMENT_TRENDS, trend(2));
    PendingWrite w = new PendingWrite();
    assertThat(w.isEmpty()).isTrue();
    w.add(batch(List.of(record(0, 10, first), record(0, 11, second))));
    w.add(batch(List.of(record(1, 5, "not json".getBytes(StandardCharsets.UTF_8)))));

    assertThat(w.records()).isEqualTo(3);
    assertThat(w.trends()).containsExactly(trend(2));
    assertThat(w.points()).hasSize(1);
    assertThat(w.items()).extracting(i -> i.record().offset()).containsExactly(11L);
    assertThat(w.undecodable()).extracting(u -> u.record().offset()).containsExactly(5L);
    assertThat(w.undecodable().get(0).error()).isNotBlank();
  }

  @Test
  void offsetsToCommitAndToRewindTo() {
    byte[] value = EventSerdes.trendPoint().serialize(Topics.SENTIMENT_TRENDS, trend(1));
    PendingWrite w = new PendingWrite();
    w.add(batch(List.of(record(0, 10, value), record(0, 11, value), record(1, 5, value))));

    // Past the last record read, or further where the consumer moved over transaction markers.
    assertThat(w.commitOffsets(tp -> tp.equals(P1) ? 9 : 0))
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(9)));

    Map<TopicPartition, Long> seeks = new HashMap<>();
    assertThat(w.rewind(tp -> tp.equals(P0), seeks::put)).containsExactly(P0);
    assertThat(seeks).isEqualTo(Map.of(P0, 10L));
  }
}
