package com.finpulse.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** What Kafka Streams logs while it recovers from an unclean stop, and what it must still show. */
class ExpectedRecoveryFilterTest {

  private static final String TASK_MANAGER =
      "org.apache.kafka.streams.processor.internals.TaskManager";
  private static final TaskCorruptedException CORRUPTED =
      new TaskCorruptedException(Set.of(new TaskId(0, 1)));

  @Test
  void theStepsOfAnExpectedRestoreAreKeptOffTheTerminal() {
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                TASK_MANAGER,
                "{} Encounter corrupted task {}, will group it with other corrupted tasks",
                new Object[] {"stream-thread [x]", "0_1", CORRUPTED},
                null))
        .isTrue();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.streams.processor.internals.StreamThread",
                "Detected the states of tasks {} are corrupted.",
                new Object[] {"[0_1]"},
                CORRUPTED))
        .isTrue();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                TASK_MANAGER,
                "Get exceptions for the following tasks: {}",
                new Object[] {Map.of(new TaskId(0, 1), CORRUPTED)},
                null))
        .isTrue();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.streams.processor.internals.ProcessorStateManager",
                "{} State store {} did not find checkpoint offsets while stores are not empty, since"
                    + " under EOS it has the risk of getting uncommitted data in stores we have to"
                    + " treat it as a task corruption error and wipe out the local state of task {}"
                    + " before re-bootstrapping",
                new Object[] {"x", "store", "0_1"},
                null))
        .isTrue();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.streams.processor.internals.StateDirectory",
                "Failed to register startup state stores for task {}: {}",
                new Object[] {"0_1", CORRUPTED.getMessage()},
                null))
        .isTrue();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.clients.producer.internals.Sender",
                "Got error produce response with correlation id {} on topic-partition {}, retrying"
                    + " ({} attempts left). Error: {}",
                new Object[] {47, "news.scored-0", 2147483646, "CONCURRENT_TRANSACTIONS"},
                null))
        .isTrue();
  }

  @Test
  void realFailuresStillShow() {
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                TASK_MANAGER,
                "Get exceptions for the following tasks: {}",
                new Object[] {
                  Map.of(new TaskId(0, 1), CORRUPTED, new TaskId(0, 2), new StreamsException("x"))
                },
                null))
        .isFalse();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.streams.processor.internals.StreamThread",
                "Encountered the following exception during processing",
                new Object[] {},
                new StreamsException("boom")))
        .isFalse();
    assertThat(
            ExpectedRecoveryFilter.isExpectedRecovery(
                "org.apache.kafka.clients.producer.internals.Sender",
                "Got error produce response with correlation id {} on topic-partition {}, retrying"
                    + " ({} attempts left). Error: {}",
                new Object[] {47, "news.scored-0", 10, "NOT_ENOUGH_REPLICAS"},
                null))
        .isFalse();
  }
}
