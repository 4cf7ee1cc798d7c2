package com.finpulse.alerts.role;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes delivery up once the alert history has been read at start, on a thread of its own (taking
 * over waits for the history reader), trying again every few seconds while the broker cannot be
 * reached.
 */
public final class DeliveryTakeover implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryTakeover.class);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final DeliveryDuty duty;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alerts-delivery-takeover");
            t.setDaemon(true);
            return t;
          });

  public DeliveryTakeover(DeliveryDuty duty) {
    this.duty = duty;
  }

  /** The history has been read: take delivery up. */
  public void start() {
    thread.execute(this::attempt);
  }

  private void attempt() {
    try {
      duty.takeOver();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn(
          "Could not take notification delivery up ({}); trying again in {} s",
          e.getMessage(),
          RETRY.toSeconds());
      thread.schedule(this::attempt, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
