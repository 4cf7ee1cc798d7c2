package com.finpulse.alerts.testing;

import com.finpulse.alerts.history.DeliveryJournal;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A delivery journal on Kafka's {@link MockProducer}: what it writes, commits and is fenced by. */
public final class MockJournals {

  private MockJournals() {}

  /**
   * @param producers receives each producer the journal makes (one per {@code open()}), in order
   */
  public static DeliveryJournal recording(
      List<MockProducer<String, byte[]>> producers, Clock clock) {
    return new DeliveryJournal(
        () -> {
          MockProducer<String, byte[]> p =
              new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
          producers.add(p);
          return p;
        },
        clock);
  }
}
