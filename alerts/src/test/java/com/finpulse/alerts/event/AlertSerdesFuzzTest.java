package com.finpulse.alerts.event;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.SchemaException;
import java.util.List;

/**
 * Coverage-guided fuzzing of the alerts topic's serdes: reading anything but a valid {@link Alert}
 * or {@link NotificationOutcome} must end in {@link SchemaException}; a record that was read must
 * write and read back (the first byte picks the serde).
 */
class AlertSerdesFuzzTest {

  private static final List<EventSerde<?>> SERDES =
      List.of(AlertSerdes.alert(), AlertSerdes.notificationOutcome());

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) {
    EventSerde<?> serde = SERDES.get(data.consumeInt(0, SERDES.size() - 1));
    roundTrip(serde, data.consumeRemainingAsBytes());
  }

  private static <T> void roundTrip(EventSerde<T> serde, byte[] bytes) {
    T value;
    try {
      value = serde.read(bytes);
    } catch (SchemaException expected) {
      return;
    }
    byte[] written = serde.serialize("fuzz", value);
    serde.read(written);
  }
}
