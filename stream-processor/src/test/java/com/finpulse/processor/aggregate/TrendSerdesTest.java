package com.finpulse.processor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
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
  void aggregateRoundTripsAndKeepsAggregating() {
    TrendAggregateSerde serde = new TrendAggregateSerde();
    TrendAggregate a =
        new TrendAggregate()
            .add(new TrendContribution(Sentiment.NEGATIVE, -0.7, 1L))
            .add(new TrendContribution(Sentiment.POSITIVE, 0.6, 0xFFFF_0000_0000_0000L));
    TrendAggregate copy = serde.deserialize("t", serde.serialize("t", a));
    copy.add(new TrendContribution(Sentiment.NEGATIVE, -0.5, 3L)); // near-duplicate of 1L
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
}
