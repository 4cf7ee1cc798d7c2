package com.finpulse.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts transactions that a partition holds open although their transaction coordinator
 * has already finished them: a "hanging" transaction, whose end marker will never come.
 *
 * <p>Seen on the single-node broker restarted after a {@code kill -9}: while the restarted broker
 * waits for its controller to retire the dead run's registration, its transaction coordinator
 * completes the transactions the dead run had prepared, and one end marker can be lost on the way
 * (the coordinator records the commit; {@code __consumer_offsets} never gets the marker). A pending
 * transactional offset commit then blocks every read of that group's committed offsets: Kafka
 * Streams retries {@code Timeout of 60000ms expired before the last committed offset … could be
 * determined} for ever and scores nothing. This is Kafka's {@code kafka-transactions.sh
 * find-hanging} and {@code abort}, run once at a restart after a crash, before any client starts.
 *
 * <p>Aborting the offsets of such a transaction makes its consumer read those input records again;
 * the stores it committed in the same transaction (the processor's deduplication ids among them)
 * are kept, so what was already scored is recognised as a duplicate.
 */
final class HangingTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
  private static final Duration SETTLE_POLL = Duration.ofMillis(250);

  private HangingTransactions() {}

  /** A transaction open on a partition whose coordinator no longer has it in flight. */
  record Hanging(
      TopicPartition partition,
      long producerId,
      int producerEpoch,
      int coordinatorEpoch,
      long startOffset,
      String transactionalId,
      TransactionState coordinatorState) {

    AbortTransactionSpec abortSpec() {
      return new AbortTransactionSpec(
          partition, producerId, (short) producerEpoch, Math.max(0, coordinatorEpoch));
    }
  }

  /**
   * What one look at the broker found: the hanging transactions; how many open ones are still being
   * ended by their coordinator; how many belong to producers the coordinator does not list (yet: it
   * loads its log after the broker is up).
   */
  record Findings(List<Hanging> hanging, int settling, int unknown) {

    boolean settled() {
      return settling == 0 && unknown == 0;
    }
  }

  /**
   * Decides from the coordinator's transactions (listed <em>before</em> the partitions' producers
   * were described: a transaction the coordinator had finished then had all its markers written by
   * then) and the producers with an open transaction on each partition.
   *
   * <p>An open transaction is hanging when its producer's transaction is {@code EMPTY}, {@code
   * COMPLETE_COMMIT} or {@code COMPLETE_ABORT} at the coordinator. One whose coordinator is still
   * preparing (writing its markers) counts as settling; one still {@code ONGOING} is the
   * coordinator's to time out; one the coordinator does not list is counted as unknown and left
   * alone.
   */
  static Findings decide(
      Collection<TransactionListing> transactions,
      Map<TopicPartition, List<ProducerState>> producers) {
    Map<Long, TransactionListing> byProducer =
        transactions.stream()
            .collect(
                Collectors.toMap(TransactionListing::producerId, Function.identity(), (a, b) -> a));
    List<Hanging> hanging = new ArrayList<>();
    int settling = 0;
    int unknown = 0;
    for (Map.Entry<TopicPartition, List<ProducerState>> e : producers.entrySet()) {
      for (ProducerState p : e.getValue()) {
        if (p.currentTransactionStartOffset().isEmpty()) {
          continue;
        }
        TransactionListing t = byProducer.get(p.producerId());
        if (t == null) {
          unknown++;
          continue;
        }
        switch (t.state()) {
          case EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT ->
              hanging.add(
                  new Hanging(
                      e.getKey(),
                      p.producerId(),
                      p.producerEpoch(),
                      p.coordinatorEpoch().orElse(0),
                      p.currentTransactionStartOffset().getAsLong(),
                      t.transactionalId(),
                      t.state()));
          case PREPARE_COMMIT, PREPARE_ABORT, PREPARE_EPOCH_FENCE -> settling++;
          case ONGOING, UNKNOWN -> {
            // the coordinator still owns it: it ends it, or times it out and aborts it
          }
        }
      }
    }
    return new Findings(List.copyOf(hanging), settling, unknown);
  }

  /**
   * Looks at every partition of the broker for open transactions; while their coordinator has not
   * loaded them yet or is still writing their markers, looks again (up to {@code settle}); then
   * aborts the hanging ones. Returns what it aborted.
   */
  static List<Hanging> abortAll(Admin admin, Duration settle, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + settle.toNanos();
    List<TopicPartition> withOpen = partitionsWithOpenTransactions(admin, timeout);
    if (withOpen.isEmpty()) {
      return List.of();
    }
    Findings findings = look(admin, withOpen, timeout);
    while (!findings.settled() && System.nanoTime() < deadline) {
      Thread.sleep(SETTLE_POLL.toMillis());
      findings = look(admin, withOpen, timeout);
    }
    if (findings.unknown() > 0) {
      LOG.warn(
          "Kafka broker: {} transaction(s) open on its partitions belong to producers its"
              + " transaction coordinator did not list within {} s; left as they are",
          findings.unknown(),
          settle.toSeconds());
    }
    for (Hanging h : findings.hanging()) {
      admin.abortTransaction(h.abortSpec()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "Kafka broker: aborted a transaction left open on {} by the crashed run (transactional"
              + " id {}, producer {} epoch {}, from offset {}): its coordinator had already ended"
              + " it (state {}) but the end marker never reached the partition",
          h.partition(),
          h.transactionalId(),
          h.producerId(),
          h.producerEpoch(),
          h.startOffset(),
          h.coordinatorState());
    }
    return findings.hanging();
  }

  private static List<TopicPartition> partitionsWithOpenTransactions(Admin admin, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long ms = timeout.toMillis();
    Collection<String> topics =
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(ms, TimeUnit.MILLISECONDS);
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription d :
        admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS).values()) {
      d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
    }
    return producers(admin, partitions, timeout).entrySet().stream()
        .filter(
            e -> e.getValue().stream().anyMatch(p -> p.currentTransactionStartOffset().isPresent()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The coordinator's transactions first, then the partitions' producers: see {@link #decide}. */
  private static Findings look(Admin admin, List<TopicPartition> partitions, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Collection<TransactionListing> transactions =
        admin.listTransactions().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return decide(transactions, producers(admin, partitions, timeout));
  }

  private static Map<TopicPartition, List<ProducerState>> producers(
      Admin admin, List<TopicPartition> partitions, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .describeProducers(partitions)
        .all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().activeProducers()));
  }
}
