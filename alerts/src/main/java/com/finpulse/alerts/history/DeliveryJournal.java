package com.finpulse.alerts.history;

import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.notify.IntentJournal;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.topic.ReliableProducer;
import com.finpulse.common.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the delivery records of the instance that delivers to the {@code alerts} topic: a {@link
 * NotificationIntent} before every attempt, a {@link NotificationOutcome} after it, each in a Kafka
 * transaction of its own that is committed before the caller goes on. All instances of a deployment
 * share one {@code transactional.id}: {@link #open()} (the {@code initTransactions()} of the
 * instance taking delivery over) fences every earlier producer, which aborts its open transaction
 * and makes its next intent fail, so a paused predecessor that wakes up sends nothing more. Writes
 * are serialized; notifications are rare and a commit takes milliseconds.
 */
public final class DeliveryJournal implements IntentJournal, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);
  private static final Duration BLOCK_AT_MOST = Duration.ofSeconds(10);

  private final Supplier<Producer<String, byte[]>> producers;
  private final Clock clock;
  private volatile Consumer<String> onLost = why -> {};
  private @Nullable Producer<String, byte[]> producer;

  /**
   * @param producers makes a new transactional producer (not yet initialized) each time this
   *     journal opens
   */
  public DeliveryJournal(Supplier<Producer<String, byte[]>> producers, Clock clock) {
    this.producers = producers;
    this.clock = clock;
  }

  /** The journal of a deployment whose alerts instances share {@code transactionalId}. */
  public static DeliveryJournal kafka(
      Map<String, Object> kafkaClient, String transactionalId, Clock clock) {
    return new DeliveryJournal(
        () ->
            ReliableProducer.transactional(
                kafkaClient, "finpulse-alerts-delivery", transactionalId, BLOCK_AT_MOST),
        clock);
  }

  /**
   * Called (on the writing thread) when this instance can no longer write: fenced by another
   * instance, or its producer failed for good. It writes nothing until opened again.
   */
  public void onLost(Consumer<String> listener) {
    this.onLost = listener;
  }

  /**
   * Starts writing as the delivering instance: fences every earlier writer and aborts what it left
   * uncommitted.
   *
   * @throws KafkaException when the broker cannot be reached within seconds
   */
  public synchronized void open() {
    closeProducer();
    Producer<String, byte[]> p = producers.get();
    try {
      p.initTransactions();
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
    producer = p;
  }

  /** Whether this journal writes (it was opened and has not been fenced or closed since). */
  public synchronized boolean isOpen() {
    return producer != null;
  }

  @Override
  public Permit beforeSend(Notification n, int attempt) {
    NotificationIntent intent = n.intent(attempt, clock.instant());
    return switch (write(
        recordKey(n.notifiedAlerts().stream().map(a -> a.alertId()).toList(), n.id()),
        AlertSerdes.notificationIntent(),
        intent)) {
      case WRITTEN -> Permit.SEND;
      case FAILED -> Permit.WAIT;
      case LOST -> Permit.STOP;
    };
  }

  /**
   * Records an outcome.
   *
   * @return whether it was written; when not, the notification is sent again by the next instance
   *     that delivers (its intent has no outcome)
   */
  public boolean record(NotificationOutcome o) {
    return write(
            recordKey(o.alerts().stream().map(a -> a.alertId()).toList(), o.notificationId()),
            AlertSerdes.notificationOutcome(),
            o)
        == Written.WRITTEN;
  }

  /** The key of a delivery record: its first alert's id (the alert's own key), else its id. */
  static String recordKey(List<String> alertIds, String notificationId) {
    return alertIds.isEmpty() ? notificationId : alertIds.get(0);
  }

  private enum Written {
    WRITTEN,
    FAILED,
    LOST
  }

  /**
   * Writes one record in a transaction of its own; tells the listener, outside the lock, if lost.
   */
  private <T> Written write(String key, EventSerde<T> serde, T value) {
    String[] lost = new String[1];
    Written w;
    synchronized (this) {
      w = writeLocked(key, serde, value, lost);
    }
    if (lost[0] != null) {
      try {
        onLost.accept(lost[0]);
      } catch (RuntimeException e) {
        LOG.error("Stepping down from delivery failed", e);
      }
    }
    return w;
  }

  private <T> Written writeLocked(String key, EventSerde<T> serde, T value, String[] lost) {
    Producer<String, byte[]> p = producer;
    if (p == null) {
      return Written.LOST;
    }
    ProducerRecord<String, byte[]> shell = new ProducerRecord<>(Topics.ALERTS, key, null);
    byte[] bytes = serde.serialize(Topics.ALERTS, shell.headers(), value);
    try {
      p.beginTransaction();
      p.send(new ProducerRecord<>(Topics.ALERTS, null, key, bytes, shell.headers()));
      p.commitTransaction();
      return Written.WRITTEN;
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | TransactionalIdAuthorizationException e) {
      lost[0] =
          "another alerts instance has taken delivery over (" + e.getClass().getSimpleName() + ")";
    } catch (KafkaException e) {
      try {
        p.abortTransaction();
        LOG.warn("Could not write a delivery record to {}: {}", Topics.ALERTS, e.getMessage());
        return Written.FAILED;
      } catch (ProducerFencedException | InvalidProducerEpochException x) {
        lost[0] = "another alerts instance has taken delivery over";
      } catch (RuntimeException x) {
        lost[0] = "the delivery records' producer failed: " + x.getMessage();
      }
    }
    closeProducer();
    return Written.LOST;
  }

  private void closeProducer() {
    Producer<String, byte[]> p = producer;
    producer = null;
    if (p != null) {
      try {
        p.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("Closing the delivery records' producer: {}", e.toString());
      }
    }
  }

  @Override
  public synchronized void close() {
    closeProducer();
  }
}
