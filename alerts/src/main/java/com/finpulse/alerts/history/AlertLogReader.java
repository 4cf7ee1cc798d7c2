package com.finpulse.alerts.history;

import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic from its beginning on a thread of its own: the history first (to rebuild
 * the notification log, the open alerts and the routing groups), then live. Committed records only
 * (the detector writes transactionally). No consumer group: every start replays, which is what
 * makes the notification log durable without a store of its own; the topic holds rare events, so a
 * year of them replays in seconds.
 */
public final class AlertLogReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertLogReader.class);
  private static final String ALERT = "Alert";
  private static final String OUTCOME = "NotificationOutcome";

  private final Map<String, Object> clientConfig;
  private final AlertLogListener listener;
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean caughtUp;
  private volatile long lag = -1;
  private volatile Throwable failure;

  public AlertLogReader(Map<String, Object> kafkaClientProperties, AlertLogListener listener) {
    this.clientConfig = new HashMap<>(kafkaClientProperties);
    this.listener = listener;
    this.thread = new Thread(this::run, "alerts-log-reader");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  /** Records behind the end of the alerts topic; -1 before the first check. */
  public long lag() {
    return lag;
  }

  public boolean healthy() {
    return failure == null;
  }

  private void run() {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "finpulse-alerts-log");
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      consumer = c;
      List<TopicPartition> parts =
          c.partitionsFor(Topics.ALERTS, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long started = System.nanoTime();
      long alerts = 0;
      long outcomes = 0;
      long lastLagCheck = 0;
      while (running) {
        if (!caughtUp && reached(c, end)) {
          caughtUp = true;
          listener.onCaughtUp(alerts, outcomes, (System.nanoTime() - started) / 1_000_000);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          String type = HeaderNames.schemaType(r.headers());
          try {
            if (ALERT.equals(type)) {
              listener.onAlert(AlertSerdes.alert().read(r.value()), caughtUp);
              alerts++;
            } else if (OUTCOME.equals(type)) {
              listener.onOutcome(AlertSerdes.notificationOutcome().read(r.value()), caughtUp);
              outcomes++;
            } else {
              LOG.debug("Skipping record {}@{} of type {}", r.partition(), r.offset(), type);
            }
          } catch (SchemaException e) {
            LOG.warn(
                "Unreadable record on {} partition {} offset {} skipped: {}",
                Topics.ALERTS,
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
        long now = System.nanoTime();
        if (now - lastLagCheck > 1_000_000_000L) {
          lastLagCheck = now;
          Map<TopicPartition, Long> latest = c.endOffsets(parts);
          long behind = 0;
          for (TopicPartition tp : parts) {
            behind += Math.max(0, latest.get(tp) - c.position(tp));
          }
          lag = behind;
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error(
          "Reading {} failed: routing and notifications stop until the service is restarted",
          Topics.ALERTS,
          e);
    }
  }

  private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
