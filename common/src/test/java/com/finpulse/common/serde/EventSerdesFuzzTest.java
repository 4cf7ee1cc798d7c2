package com.finpulse.common.serde;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the shared event serdes (the alerts service's own are fuzzed by {@code
 * AlertSerdesFuzzTest}): reading anything but a valid event must end in {@link SchemaException}; a
 * record that was read must write and read back. Seeds and regression inputs: {@code
 * EventSerdesFuzzTestInputs/fuzz/} (the first byte picks the serde).
 */
class EventSerdesFuzzTest {

  private static final List<EventSerde<?>> SERDES =
      List.of(
          EventSerdes.newsArticle(),
          EventSerdes.scoredArticle(),
          EventSerdes.trendPoint(),
          EventSerdes.labelFeedback(),
          EventSerdes.modelServing(),
          EventSerdes.modelStatus(),
          EventSerdes.shadowComparison());

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
