package com.finpulse.processor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TrendSerdesTest {

  @Test
  void contributionRoundTrips() {
    TrendContributionSerde serde = new TrendContributionSerde();
    TrendContribution c = new TrendContribution(Sentiment.NEGATIVE, -0.75, 0x0123456789abcdefL);
    assertThat(serde.deserialize("t", serde.serialize("t", c))).isEqualTo(c);
    assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void incrementRoundTrips() {
    TrendIncrementSerde serde = new TrendIncrementSerde();
    TrendIncrement c =
        new TrendIncrement(Sentiment.NEGATIVE, -0.75, new int[] {1, 0, -1}, new int[] {1, 1, 0});
    TrendIncrement copy = serde.deserialize("t", serde.serialize("t", c));
    assertThat(copy.sentiment()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(copy.score()).isEqualTo(-0.75);
    assertThat(copy.storyDeltas()).containsExactly(1, 0, -1);
    assertThat(copy.negativeStoryDeltas()).containsExactly(1, 1, 0);
    assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 1, 2}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void aggregateRoundTripsAndKeepsAggregating() {
    TrendAggregateSerde serde = new TrendAggregateSerde();
    TrendAggregate a =
        new TrendAggregate()
            .add(increment(Sentiment.NEGATIVE, -0.7, 1, 1), 1)
            .add(increment(Sentiment.POSITIVE, 0.6, 1, 0), 1);
    byte[] bytes = serde.serialize("t", a);
    assertThat(bytes).hasSize(49);
    TrendAggregate copy = serde.deserialize("t", bytes);
    copy.add(increment(Sentiment.NEGATIVE, -0.5, 0, 0), 1); // a copy of the first story
    Instant start = Instant.parse("2026-03-02T10:00:00Z");
    TrendPoint p = copy.toPoint(KeyKind.TOPIC, "earnings", TrendWindow.FIVE_MINUTES, start, start);
    assertThat(p.count()).isEqualTo(3);
    assertThat(p.negativeCount()).isEqualTo(2);
    assertThat(p.positiveCount()).isEqualTo(1);
    assertThat(p.meanScore()).isCloseTo(-0.2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.negativeShare()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.novelCount()).isEqualTo(2);
    assertThat(p.novelNegativeCount()).isEqualTo(1);
    assertThat(p.windowEnd()).isEqualTo(start.plusSeconds(300));
  }

  /** The window index 1 of a three-window configuration gets the deltas; the others get 9s. */
  private static TrendIncrement increment(Sentiment s, double score, int stories, int negative) {
    return new TrendIncrement(s, score, new int[] {9, stories, 9}, new int[] {9, negative, 9});
  }

  @Test
  void versionOneAggregatesWithEmbeddedClustersAreStillRead() {
    // Version 1: counts, score sum, then each cluster set as size, stories, fingerprints, parents.
    ByteBuffer v1 = ByteBuffer.allocate(1 + 8 * 4 + (4 + 8 + 2 * 12) + (4 + 8 + 12));
    v1.put((byte) 1).putLong(1).putLong(0).putLong(1).putDouble(-0.1);
    v1.putInt(2).putLong(2).putLong(1L).putLong(99L).putInt(0).putInt(1);
    v1.putInt(1).putLong(1).putLong(1L).putInt(0);
    TrendAggregate a = new TrendAggregateSerde().deserialize("t", v1.array());
    Instant start = Instant.parse("2026-03-02T10:00:00Z");
    TrendPoint p = a.toPoint(KeyKind.TOPIC, "earnings", TrendWindow.ONE_MINUTE, start, start);
    assertThat(p.count()).isEqualTo(2);
    assertThat(p.novelCount()).isEqualTo(2);
    assertThat(p.novelNegativeCount()).isEqualTo(1);
    assertThatThrownBy(() -> new TrendAggregateSerde().deserialize("t", new byte[] {7, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 7");
  }
}
