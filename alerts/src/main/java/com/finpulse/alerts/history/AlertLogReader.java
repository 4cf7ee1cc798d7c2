package com.finpulse.alerts.history;

import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.TopicFollower;
import com.finpulse.common.topic.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic from its beginning ({@link TopicFollower}): the history first (to rebuild
 * the notification log, the open alerts and the routing groups), then live. Committed records only
 * (the detector writes transactionally). No consumer group: every start replays, which is what
 * makes the notification log durable without a store of its own; the topic holds rare events, so a
 * year of them replays in seconds. Alerts, notification intents and outcomes are told apart by the
 * {@code finpulse.schema} header.
 */
public final class AlertLogReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertLogReader.class);
  private static final String ALERT = "Alert";
  private static final String OUTCOME = "NotificationOutcome";
  private static final String INTENT = "NotificationIntent";

  private final AlertLogListener listener;
  private final TopicFollower follower;
  private long alerts;
  private long outcomes;
  private long intents;
  private final long started = System.nanoTime();

  public AlertLogReader(Map<String, Object> kafkaClientProperties, AlertLogListener listener) {
    this.listener = listener;
    this.follower =
        new TopicFollower(
            Topics.ALERTS,
            kafkaClientProperties,
            "finpulse-alerts-log",
            new TopicFollower.Reader() {
              @Override
              public void record(ConsumerRecord<String, byte[]> r) {
                read(r);
              }

              @Override
              public void caughtUp() {
                listener.onCaughtUp(
                    alerts, outcomes + intents, (System.nanoTime() - started) / 1_000_000);
              }
            });
  }

  private void read(ConsumerRecord<String, byte[]> r) {
    String type = HeaderNames.schemaType(r.headers());
    boolean live = follower.caughtUp();
    if (ALERT.equals(type)) {
      listener.onAlert(AlertSerdes.alert().read(r.value()), live);
      alerts++;
    } else if (OUTCOME.equals(type)) {
      listener.onOutcome(AlertSerdes.notificationOutcome().read(r.value()), live);
      outcomes++;
    } else if (INTENT.equals(type)) {
      listener.onIntent(AlertSerdes.notificationIntent().read(r.value()), live);
      intents++;
    } else {
      LOG.debug("Skipping record {}@{} of type {}", r.partition(), r.offset(), type);
    }
  }

  public void start() {
    follower.start();
  }

  public boolean caughtUp() {
    return follower.caughtUp();
  }

  /**
   * Completes once everything committed on the alerts topic by now has been handed to the listener.
   */
  public CompletableFuture<Void> readToCommittedEnd() {
    return follower.readToCommittedEnd();
  }

  /** Records behind the end of the alerts topic; -1 before the first check. */
  public long lag() {
    return follower.lag();
  }

  public boolean healthy() {
    return follower.healthy();
  }

  @Override
  public void close() {
    follower.close();
  }
}
