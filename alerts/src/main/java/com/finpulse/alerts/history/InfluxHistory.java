package com.finpulse.alerts.history;

import com.finpulse.alerts.detect.AlertText;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alert state changes ({@code alert_event}, for Grafana annotations) and notification
 * outcomes ({@code alert_notification}) to InfluxDB on a thread of its own: while InfluxDB is down
 * the points wait in memory and are written when it is back (never dropped, never blocking
 * routing). Points are idempotent (same time and tags overwrite), so a point written twice is
 * harmless.
 */
public final class InfluxHistory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxHistory.class);
  private static final int BATCH = 500;

  private final InfluxStore store;
  private final BlockingQueue<Point> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  public InfluxHistory(InfluxStore store) {
    this.store = store;
    this.writer = new Thread(this::run, "alerts-influx-history");
    this.writer.setDaemon(true);
  }

  public void start() {
    writer.start();
  }

  /** Points waiting to be written. */
  public int pending() {
    return queue.size();
  }

  public void alert(Alert a) {
    boolean resolved = a.status() == AlertStatus.RESOLVED && a.endsAt() != null;
    long time = (resolved ? a.endsAt() : a.startsAt()).toEpochMilli();
    StringBuilder text = new StringBuilder(a.summary());
    for (EvidenceHeadline h : a.evidence()) {
      text.append("\n- ").append(h.title());
    }
    queue.add(
        Point.measurement(InfluxSchema.AlertEvent.MEASUREMENT)
            .time(time, TimeUnit.MILLISECONDS)
            .tag(InfluxSchema.AlertEvent.TAG_KEY_KIND, a.keyKind().label())
            .tag(InfluxSchema.AlertEvent.TAG_KEY, a.key())
            .tag(InfluxSchema.AlertEvent.TAG_WINDOW, a.window().label())
            .tag(InfluxSchema.AlertEvent.TAG_SEVERITY, a.severity().label())
            .tag(InfluxSchema.AlertEvent.TAG_STATUS, a.status().label())
            .addField(InfluxSchema.AlertEvent.FIELD_ALERT_ID, a.id())
            .addField(
                InfluxSchema.AlertEvent.FIELD_TITLE,
                (resolved ? "Resolved: " : a.severity().label().toUpperCase(Locale.ROOT) + ": ")
                    + AlertText.subject(a.keyKind(), a.key())
                    + " ("
                    + a.window().label()
                    + ")")
            .addField(InfluxSchema.AlertEvent.FIELD_TEXT, text.toString())
            .addField(InfluxSchema.AlertEvent.FIELD_NEGATIVE_SHARE, a.observedNegativeShare())
            .addField(InfluxSchema.AlertEvent.FIELD_BASELINE, a.baselineNegativeShare())
            .addField(InfluxSchema.AlertEvent.FIELD_DEVIATION, a.deviation())
            .addField(InfluxSchema.AlertEvent.FIELD_ARTICLE_COUNT, a.articleCount())
            .build());
  }

  public void notification(NotificationOutcome o) {
    Point.Builder p =
        Point.measurement(InfluxSchema.Notification.MEASUREMENT)
            .time(o.at().toEpochMilli(), TimeUnit.MILLISECONDS)
            .tag(InfluxSchema.Notification.TAG_CHANNEL, o.channel().label())
            .tag(InfluxSchema.Notification.TAG_OUTCOME, o.outcome().label())
            .tag(InfluxSchema.Notification.TAG_SUBSCRIBER, o.subscription())
            .addField(
                InfluxSchema.Notification.FIELD_ALERT_ID,
                String.join(",", o.alerts().stream().map(NotifiedAlert::alertId).toList()))
            .addField(InfluxSchema.Notification.FIELD_ATTEMPTS, o.attempts())
            .addField(
                InfluxSchema.Notification.FIELD_STATUS,
                o.status() == null ? o.kind().label() : o.status().label());
    if (o.error() != null) {
      p.addField(InfluxSchema.Notification.FIELD_ERROR, o.error());
    }
    queue.add(p.build());
  }

  private void run() {
    while (running) {
      try {
        store.ensureDatabase(Duration.ofSeconds(30));
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "InfluxDB at {} not ready ({}); alert history waits for it",
            store.settings().url(),
            e.getMessage());
      }
    }
    List<Point> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Point first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        store.writeUntilAccepted(batch, () -> running);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (IllegalArgumentException e) {
        LOG.error(
            "InfluxDB rejected {} history point(s); they are skipped: {}",
            batch.size(),
            e.getMessage());
        batch.clear();
      } catch (RuntimeException e) {
        LOG.error("Writing history to InfluxDB failed; retrying", e);
      }
    }
    if (!queue.isEmpty() || !batch.isEmpty()) {
      LOG.warn(
          "Stopping with {} history point(s) not written to InfluxDB (the alerts topic has them)",
          queue.size() + batch.size());
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
  }
}
