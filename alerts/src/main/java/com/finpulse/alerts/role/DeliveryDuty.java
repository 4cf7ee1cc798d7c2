package com.finpulse.alerts.role;

import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.history.DeliveryJournal;
import com.finpulse.alerts.history.OutcomeRecorder;
import com.finpulse.alerts.history.UnfinishedIntents;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.IntentRecovery;
import com.finpulse.alerts.route.Router;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking up and giving up the delivery of notifications. An instance starts on standby: it reads
 * the alerts topic (so its routing groups and notification log stay current) but its router does
 * not flush and its queue sends nothing. {@link #takeOver()}:
 *
 * <ol>
 *   <li>opens the {@link DeliveryJournal}: fences every earlier deliverer, whose open transaction
 *       is aborted and whose next intent fails;
 *   <li>reads the alerts topic to its committed end, so everything the predecessor recorded is
 *       known;
 *   <li>sends again every notification whose intent has no final outcome (same id);
 *   <li>lets the queue deliver and the router flush.
 * </ol>
 *
 * {@link #stepDown(String)} undoes the last two. Both are idempotent.
 */
public final class DeliveryDuty {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryDuty.class);

  private final DeliveryJournal journal;
  private final Supplier<CompletableFuture<Void>> readToCommittedEnd;
  private final UnfinishedIntents unfinished;
  private final SubscriptionRegistry subscriptions;
  private final DeliveryQueue queue;
  private final Router router;
  private final OutcomeRecorder recorder;
  private final Clock clock;
  private final Duration catchUpTimeout;
  private final Counter takeovers;
  private final Counter fenced;
  private volatile boolean active;
  private volatile Runnable onFenced = () -> {};

  public DeliveryDuty(
      DeliveryJournal journal,
      Supplier<CompletableFuture<Void>> readToCommittedEnd,
      UnfinishedIntents unfinished,
      SubscriptionRegistry subscriptions,
      DeliveryQueue queue,
      Router router,
      OutcomeRecorder recorder,
      Clock clock,
      Duration catchUpTimeout,
      MeterRegistry meters) {
    this.journal = journal;
    this.readToCommittedEnd = readToCommittedEnd;
    this.unfinished = unfinished;
    this.subscriptions = subscriptions;
    this.queue = queue;
    this.router = router;
    this.recorder = recorder;
    this.clock = clock;
    this.catchUpTimeout = catchUpTimeout;
    this.takeovers = meters.counter(MeterNames.ALERTS_DELIVERY_TAKEOVERS);
    this.fenced = meters.counter(MeterNames.ALERTS_DELIVERY_FENCED);
    meters.gauge(MeterNames.ALERTS_DELIVERY_ACTIVE, this, d -> d.active ? 1 : 0);
    router.pause();
    queue.suspend();
    journal.onLost(
        why -> {
          fenced.increment();
          stepDown(why);
          onFenced.run();
        });
  }

  /** Runs {@code r} after this instance found it was fenced and stepped down. */
  public void whenFenced(Runnable r) {
    this.onFenced = r;
  }

  /** Whether this instance delivers now. */
  public boolean active() {
    return active;
  }

  /**
   * Becomes the instance that delivers.
   *
   * @throws Exception when the broker cannot be reached or the topic not read to its end in time;
   *     the instance stays on standby
   */
  public synchronized void takeOver() throws Exception {
    if (active) {
      return;
    }
    long started = System.nanoTime();
    journal.open();
    try {
      readToCommittedEnd.get().get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      journal.close();
      throw new IllegalStateException(
          "could not read the alerts topic to its end within " + catchUpTimeout.toSeconds() + " s",
          e);
    }
    List<NotificationIntent> inFlight = unfinished.list();
    queue.resume();
    IntentRecovery.Result r = IntentRecovery.resend(inFlight, subscriptions, queue, clock);
    r.givenUp().forEach(recorder::record);
    active = true;
    takeovers.increment();
    router.resume();
    LOG.info(
        "Delivering notifications (took {} ms){}",
        (System.nanoTime() - started) / 1_000_000,
        inFlight.isEmpty()
            ? ""
            : "; sending again, with the same idempotency key, "
                + r.resent().size()
                + " notification(s) whose outcome was not recorded"
                + (r.givenUp().isEmpty()
                    ? ""
                    : ", giving up " + r.givenUp().size() + " whose target is gone"));
  }

  /** Stops delivering; what was queued is left to the instance that delivers next. */
  public synchronized void stepDown(String why) {
    if (!active) {
      journal.close();
      return;
    }
    active = false;
    router.pause();
    queue.suspend();
    journal.close();
    LOG.warn("No longer delivering notifications: {}", why);
  }
}
