package com.finpulse.alerts;

import com.finpulse.alerts.detect.DetectionStreams;
import com.finpulse.alerts.digest.DigestScheduler;
import com.finpulse.alerts.history.AlertLogReader;
import com.finpulse.alerts.route.Router;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service's clocks: the router's group flush (every 100 ms) and the daily digests (every
 * 30 s, once the alert history has been read to its end, so a restart does not digest half a day,
 * and only on the instance that delivers, so a standby neither sends one nor takes one for sent)
 * and the detector's lag gauges (every 10 s).
 */
final class AlertsTimers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertsTimers.class);
  private static final Duration FLUSH_TICK = Duration.ofMillis(100);

  private final ScheduledExecutorService ticks =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "alerts-timers");
            t.setDaemon(true);
            return t;
          });

  AlertsTimers(
      Router router,
      DigestScheduler digests,
      AlertLogReader reader,
      BooleanSupplier delivering,
      DetectionStreams detection) {
    ticks.scheduleWithFixedDelay(
        () -> guard("routing flush", router::flushDue),
        FLUSH_TICK.toMillis(),
        FLUSH_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    ticks.scheduleWithFixedDelay(
        () -> {
          if (reader.caughtUp() && delivering.getAsBoolean()) {
            guard("daily digest", digests::runDue);
          }
        },
        5,
        30,
        TimeUnit.SECONDS);
    ticks.scheduleWithFixedDelay(detection::refreshLag, 5, 10, TimeUnit.SECONDS);
  }

  private static void guard(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("{} failed; will try again", what, e);
    }
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
