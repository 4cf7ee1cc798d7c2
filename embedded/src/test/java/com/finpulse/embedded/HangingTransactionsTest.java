package com.finpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.embedded.HangingTransactions.Findings;
import com.finpulse.embedded.HangingTransactions.Hanging;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

  private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 0);
  private static final TopicPartition SCORED = new TopicPartition("news.scored", 2);

  private static ProducerState open(long producerId, int epoch, long start) {
    return new ProducerState(producerId, epoch, 2, 0L, OptionalInt.of(3), OptionalLong.of(start));
  }

  private static ProducerState idle(long producerId, int epoch) {
    return new ProducerState(producerId, epoch, 2, 0L, OptionalInt.of(3), OptionalLong.empty());
  }

  private static TransactionListing txn(long producerId, TransactionState state) {
    return new TransactionListing("processor-" + producerId, producerId, state);
  }

  @Test
  void anOpenTransactionTheCoordinatorHasCommittedIsHanging() {
    // What a kill -9 left: offsets 297-299 pending on __consumer_offsets, the coordinator's
    // transaction CompleteCommit (epoch 27), no marker ever written.
    Findings f =
        HangingTransactions.decide(
            List.of(txn(6, TransactionState.COMPLETE_COMMIT)),
            Map.of(OFFSETS, List.of(open(6, 26, 297)), SCORED, List.of(idle(6, 26))));

    assertThat(f.settled()).isTrue();
    assertThat(f.hanging())
        .containsExactly(
            new Hanging(OFFSETS, 6, 26, 3, 297, "processor-6", TransactionState.COMPLETE_COMMIT));
    assertThat(f.hanging().getFirst().abortSpec().producerEpoch()).isEqualTo((short) 26);
    assertThat(f.hanging().getFirst().abortSpec().coordinatorEpoch()).isEqualTo(3);
  }

  @Test
  void emptyAndAbortedCoordinatorStatesAlsoMeanHanging() {
    Findings f =
        HangingTransactions.decide(
            List.of(txn(1, TransactionState.EMPTY), txn(2, TransactionState.COMPLETE_ABORT)),
            Map.of(OFFSETS, List.of(open(1, 4, 10)), SCORED, List.of(open(2, 9, 50))));

    assertThat(f.hanging()).extracting(Hanging::producerId).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void transactionsStillInFlightAreLeftToTheirCoordinator() {
    Findings f =
        HangingTransactions.decide(
            List.of(
                txn(1, TransactionState.ONGOING),
                txn(2, TransactionState.PREPARE_COMMIT),
                txn(3, TransactionState.PREPARE_ABORT),
                txn(4, TransactionState.PREPARE_EPOCH_FENCE)),
            Map.of(
                OFFSETS,
                List.of(open(1, 1, 5), open(2, 1, 6), open(3, 1, 7)),
                SCORED,
                List.of(open(4, 1, 8))));

    assertThat(f.hanging()).isEmpty();
    assertThat(f.settling()).isEqualTo(3);
    assertThat(f.settled()).isFalse();
  }

  @Test
  void producersWithoutAnOpenTransactionOrUnknownToTheCoordinatorAreLeftAlone() {
    Findings f =
        HangingTransactions.decide(
            List.of(txn(1, TransactionState.COMPLETE_COMMIT)),
            Map.of(OFFSETS, List.of(idle(1, 3), open(99, 1, 12)), SCORED, List.of()));

    assertThat(f.hanging()).isEmpty();
    assertThat(f.settling()).isZero();
    assertThat(f.unknown()).isEqualTo(1);
    assertThat(f.settled()).isFalse();
  }

  @Test
  void aMissingCoordinatorEpochAbortsWithEpochZero() {
    ProducerState noEpoch =
        new ProducerState(5, 2, 0, 0L, OptionalInt.empty(), OptionalLong.of(40));
    Findings f =
        HangingTransactions.decide(
            List.of(txn(5, TransactionState.COMPLETE_COMMIT)), Map.of(SCORED, List.of(noEpoch)));

    assertThat(f.hanging().getFirst().abortSpec().coordinatorEpoch()).isZero();
  }
}
