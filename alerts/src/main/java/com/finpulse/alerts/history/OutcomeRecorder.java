package com.finpulse.alerts.history;

import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.OutcomeListener;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.common.topic.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every delivery outcome: into the notification log at once (the router's memory), to the
 * alerts topic through the {@link DeliveryJournal} (the durable history the log is rebuilt from),
 * and to InfluxDB.
 */
public final class OutcomeRecorder implements OutcomeListener {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

  private final NotificationLog log;
  private final DeliveryJournal journal;
  private final @Nullable InfluxHistory influx;

  public OutcomeRecorder(
      NotificationLog log, DeliveryJournal journal, @Nullable InfluxHistory influx) {
    this.log = log;
    this.journal = journal;
    this.influx = influx;
  }

  @Override
  public void onOutcome(Notification n, NotificationOutcome o) {
    record(o);
  }

  /** Records {@code o} in the log, on the topic and in InfluxDB. */
  public void record(NotificationOutcome o) {
    log.record(o);
    if (!journal.record(o)) {
      LOG.error(
          "Could not record the {} outcome of notification {} on {}; the instance that delivers"
              + " next sends it again (same idempotency key)",
          o.outcome().label(),
          o.notificationId(),
          Topics.ALERTS);
    }
    if (influx != null) {
      influx.notification(o);
    }
    if (LOG.isInfoEnabled() && o.outcome().isFinal()) {
      LOG.info(
          "Notification {} ({}, {}) to {} for {}: {} after {} attempt(s){}",
          o.notificationId(),
          o.kind().label(),
          o.status() == null ? "-" : o.status().label(),
          o.target(),
          o.subscription(),
          o.outcome().label(),
          o.attempts(),
          o.alerts().isEmpty()
              ? ""
              : " " + o.alerts().stream().map(NotifiedAlert::alertId).toList());
    }
  }
}
