package com.finpulse.alerts;

import com.finpulse.alerts.digest.DigestScheduler;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.AlertLogListener;
import com.finpulse.alerts.history.ConsolePrinter;
import com.finpulse.alerts.history.InfluxHistory;
import com.finpulse.alerts.history.UnfinishedIntents;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.alerts.route.Router;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each record of the alerts topic to whoever needs it: every alert to the alert book and the
 * router (the replay too, so that both know what is open and what each target was told); live
 * alerts also to the log, the metrics, InfluxDB and the console; outcomes to the notification log,
 * the digests and the book; intents and outcomes to the unfinished intents. Once the replay is done
 * it says so ({@code onCaughtUp}): delivery may begin.
 */
final class AlertLogFanOut implements AlertLogListener {

  private static final Logger LOG = LoggerFactory.getLogger(AlertLogFanOut.class);

  private final AlertBook book;
  private final Router router;
  private final NotificationLog log;
  private final UnfinishedIntents unfinished;
  private final Runnable onCaughtUp;
  private final DigestScheduler digests;
  private final @Nullable InfluxHistory influx;
  private final @Nullable ConsolePrinter printer;
  private final MeterRegistry meters;
  private final Clock clock;

  AlertLogFanOut(
      AlertBook book,
      Router router,
      NotificationLog log,
      UnfinishedIntents unfinished,
      Runnable onCaughtUp,
      DigestScheduler digests,
      @Nullable InfluxHistory influx,
      @Nullable ConsolePrinter printer,
      MeterRegistry meters,
      Clock clock) {
    this.book = book;
    this.router = router;
    this.log = log;
    this.unfinished = unfinished;
    this.onCaughtUp = onCaughtUp;
    this.digests = digests;
    this.influx = influx;
    this.printer = printer;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void onAlert(Alert a, boolean live) {
    boolean first = book.apply(a);
    router.onAlert(a);
    if (!live) {
      return;
    }
    LOG.info(
        "Alert {} {} ({}, detected {} ms ago): {}",
        a.id(),
        a.status().label(),
        a.severity().label(),
        Math.max(0, clock.millis() - a.updatedAt().toEpochMilli()),
        a.summary());
    if (first) {
      meters
          .counter(
              MeterNames.ALERTS_FIRED,
              "severity",
              a.severity().label(),
              "key_kind",
              a.keyKind().label())
          .increment();
    } else if (a.status() == AlertStatus.RESOLVED) {
      meters.counter(MeterNames.ALERTS_RESOLVED, "key_kind", a.keyKind().label()).increment();
    }
    if (influx != null) {
      influx.alert(a);
    }
    if (printer != null) {
      printer.print(a);
    }
  }

  @Override
  public void onOutcome(NotificationOutcome o, boolean live) {
    log.record(o);
    unfinished.onOutcome(o);
    digests.remember(o);
    book.apply(o);
  }

  @Override
  public void onIntent(NotificationIntent intent, boolean live) {
    unfinished.onIntent(intent);
  }

  @Override
  public void onCaughtUp(long alerts, long deliveryRecords, long millis) {
    LOG.info(
        "Alert history replayed: {} alert record(s), {} delivery record(s) in {} ms;"
            + " {} alert(s) open, {} notification(s) without a recorded outcome",
        alerts,
        deliveryRecords,
        millis,
        book.open().size(),
        unfinished.list().size());
    onCaughtUp.run();
  }
}
