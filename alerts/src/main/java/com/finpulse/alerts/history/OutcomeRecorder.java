package com.finpulse.alerts.history;

import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.OutcomeListener;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.common.topic.ReliableProducer;
import com.finpulse.common.topic.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every delivery outcome: into the notification log at once (the router's memory), to the
 * alerts topic (the durable history the log is rebuilt from), and to InfluxDB.
 */
public final class OutcomeRecorder implements OutcomeListener {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

  private final NotificationLog log;
  private final Producer<String, byte[]> producer;
  private final @Nullable InfluxHistory influx;

  public OutcomeRecorder(
      NotificationLog log, Producer<String, byte[]> producer, @Nullable InfluxHistory influx) {
    this.log = log;
    this.producer = producer;
    this.influx = influx;
  }

  /** The idempotent producer that writes outcomes to the alerts topic. */
  public static Producer<String, byte[]> producer(Map<String, Object> kafkaClient) {
    return ReliableProducer.create(kafkaClient, "finpulse-alerts-outcomes");
  }

  @Override
  public void onOutcome(Notification n, NotificationOutcome o) {
    log.record(o);
    String key = o.alerts().isEmpty() ? o.notificationId() : o.alerts().get(0).alertId();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERTS, key, null);
    byte[] value = AlertSerdes.notificationOutcome().serialize(Topics.ALERTS, record.headers(), o);
    producer.send(
        new ProducerRecord<>(Topics.ALERTS, null, key, value, record.headers()),
        (meta, e) -> {
          if (e != null) {
            LOG.error(
                "Could not record the {} outcome of notification {} on {} ({}); after a restart"
                    + " it may be sent again",
                o.outcome().label(),
                o.notificationId(),
                Topics.ALERTS,
                e.getMessage());
          }
        });
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
