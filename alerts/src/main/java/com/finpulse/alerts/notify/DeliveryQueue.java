package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications with retries, one lane per target.
 *
 * <ul>
 *   <li>Order: a target gets its notifications in submission order; the head of its lane is the
 *       only one attempted, so a resolve never overtakes its firing notification while an SMTP
 *       server is down.
 *   <li>Once: a notification whose id is already queued for the target is ignored; a newer
 *       notification of the same group replaces a queued (not in-flight) one, which is recorded as
 *       superseded. A target therefore gets at most one message per change, even after hours of
 *       retries.
 *   <li>Retries: exponential backoff with jitter ({@link Backoff}) up to the channel's maximum
 *       attempts, then a dead letter. Permanent failures dead-letter at once.
 *   <li>Intent first: before every attempt the {@link IntentJournal} records that it is about to be
 *       made; nothing is sent unless that record was acknowledged. When the journal cannot record
 *       it, the attempt waits (it is not counted); when it says this instance no longer delivers,
 *       the queue {@linkplain #suspend() suspends}.
 * </ul>
 *
 * Every attempt's outcome goes to the {@link OutcomeListener}, outside the queue's lock (recording
 * it may wait for the broker); a lane's next attempt waits until it is recorded.
 */
public final class DeliveryQueue implements Dispatcher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final int FINISHED_MEMORY = 10_000;

  private static final class Pending {
    Notification notification;
    int attempts;
    Instant nextAttempt;

    Pending(Notification n, Instant at) {
      this.notification = n;
      this.nextAttempt = at;
    }
  }

  private static final class Lane {
    final Deque<Pending> queue = new ArrayDeque<>();
    boolean inFlight;
    boolean scheduled;
  }

  private final Map<NotificationChannel, Channel> channels;
  private final Map<NotificationChannel, Integer> maxAttempts;
  private final Backoff backoff;
  private final IntentJournal journal;
  private final OutcomeListener listener;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledExecutorService executor;
  private final Map<String, Lane> lanes = new HashMap<>();

  /**
   * Ids that reached a final outcome lately. The router decides from the notification log, which a
   * delivery updates when it finishes; a flush that read the log just before can submit the same
   * notification again just after. Ids are content plus the previous notification time, so a
   * legitimate repeat has a new id and is never caught here.
   */
  private final Map<String, Boolean> finished =
      new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > FINISHED_MEMORY;
        }
      };

  private final AtomicInteger pending = new AtomicInteger();
  private boolean closed;
  private boolean suspended;

  public DeliveryQueue(
      Map<NotificationChannel, Channel> channels,
      Map<NotificationChannel, Integer> maxAttempts,
      Backoff backoff,
      int threads,
      IntentJournal journal,
      OutcomeListener listener,
      Clock clock,
      MeterRegistry meters) {
    this.channels = Map.copyOf(channels);
    this.maxAttempts = Map.copyOf(maxAttempts);
    this.backoff = backoff;
    this.journal = journal;
    this.listener = listener;
    this.clock = clock;
    this.meters = meters;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newScheduledThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "alerts-delivery-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    meters.gauge(MeterNames.ALERTS_PENDING, pending);
  }

  /** Notifications queued or being retried. */
  public int pending() {
    return pending.get();
  }

  /** Whether this queue delivers: false once {@linkplain #suspend() suspended}. */
  public synchronized boolean delivering() {
    return !suspended && !closed;
  }

  /**
   * Stops delivering: this instance is no longer the one that delivers. What is queued is dropped
   * without an outcome; the instance that delivers now sends it again from its intent, or its
   * router notifies it anew. An attempt in flight finishes and is recorded.
   */
  public synchronized void suspend() {
    if (!suspended && pending.get() > 0) {
      LOG.info(
          "Delivery suspended with {} notification(s) queued; the delivering instance sends them",
          pending.get());
    }
    suspended = true;
    for (Lane lane : lanes.values()) {
      int keep = lane.inFlight && !lane.queue.isEmpty() ? 1 : 0;
      while (lane.queue.size() > keep) {
        lane.queue.pollLast();
        pending.decrementAndGet();
      }
    }
  }

  /** Delivers again after {@link #suspend()}. */
  public synchronized void resume() {
    suspended = false;
    lanes.values().forEach(this::schedule);
  }

  @Override
  public void submit(Notification n) {
    Runnable superseded = enqueue(n);
    if (superseded != null) {
      superseded.run();
    }
  }

  /** Queues {@code n}; returns the report of the notification it replaced, if any. */
  private synchronized @Nullable Runnable enqueue(Notification n) {
    if (closed) {
      LOG.warn(
          "Delivery queue closed; notification {} for {} not queued", n.id(), n.target().key());
      return null;
    }
    if (suspended) {
      LOG.debug(
          "Standby: notification {} for {} left to the delivering instance",
          n.id(),
          n.target().key());
      return null;
    }
    if (!channels.containsKey(n.target().channel())) {
      throw new IllegalStateException("no channel for " + n.target().channel());
    }
    if (finished.containsKey(n.id())) {
      return null; // delivered (or given up) a moment ago
    }
    Lane lane = lanes.computeIfAbsent(laneKey(n), k -> new Lane());
    boolean first = true;
    for (Iterator<Pending> it = lane.queue.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      boolean inFlight = first && lane.inFlight;
      first = false;
      if (p.notification.id().equals(n.id())) {
        return null; // already queued: the router re-submits while a delivery is being retried
      }
      if (!inFlight
          && n.kind() == NotificationKind.ALERT
          && n.groupKey() != null
          && n.groupKey().equals(p.notification.groupKey())) {
        Notification old = p.notification;
        int attempts = p.attempts;
        p.notification = n;
        return () ->
            report(old, DeliveryOutcome.SUPERSEDED, attempts, null, "replaced by " + n.id());
      }
    }
    lane.queue.addLast(new Pending(n, clock.instant()));
    pending.incrementAndGet();
    schedule(lane);
    return null;
  }

  private static String laneKey(Notification n) {
    return n.target().channel().label() + ":" + n.target().key();
  }

  private void schedule(Lane lane) {
    if (lane.inFlight || lane.scheduled || lane.queue.isEmpty() || closed || suspended) {
      return;
    }
    long delay =
        Math.max(
            0, Duration.between(clock.instant(), lane.queue.peekFirst().nextAttempt).toMillis());
    lane.scheduled = true;
    executor.schedule(() -> attempt(lane), delay, TimeUnit.MILLISECONDS);
  }

  private void attempt(Lane lane) {
    Pending head;
    synchronized (this) {
      lane.scheduled = false;
      head = lane.queue.peekFirst();
      if (head == null || closed || suspended) {
        return;
      }
      lane.inFlight = true;
      head.attempts++;
    }
    Notification n = head.notification;
    IntentJournal.Permit permit = journal.beforeSend(n, head.attempts);
    switch (permit) {
      case SEND -> {}
      case WAIT -> {
        synchronized (this) {
          head.attempts--;
          head.nextAttempt = clock.instant().plus(backoff.before(1));
          lane.inFlight = false;
          schedule(lane);
        }
        return;
      }
      case STOP -> {
        synchronized (this) {
          head.attempts--;
          lane.inFlight = false;
        }
        suspend();
        return;
      }
    }
    DeliveryResult result;
    try {
      result = channels.get(n.target().channel()).deliver(n, head.attempts);
    } catch (RuntimeException e) {
      // A channel must not throw; if one does, treat it as transient and keep the message.
      result = DeliveryResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
      LOG.error("Channel {} threw while delivering {}", n.target().channel().label(), n.id(), e);
    }
    List<Runnable> reports = new ArrayList<>(1);
    synchronized (this) {
      int max = maxAttempts.getOrDefault(n.target().channel(), 1);
      switch (result.kind()) {
        case DELIVERED -> {
          recordLatency(n);
          reports.add(finish(lane, head, DeliveryOutcome.DELIVERED, result));
        }
        case PERMANENT -> {
          LOG.error(
              "Giving up on {} notification {} to {} for subscription {}: {} (dead letter)",
              n.kind().label(),
              n.id(),
              n.target().key(),
              n.subscription(),
              result.error());
          reports.add(finish(lane, head, DeliveryOutcome.DEAD_LETTER, result));
        }
        case RETRY -> {
          if (head.attempts >= max) {
            LOG.error(
                "Giving up on {} notification {} to {} after {} attempts: {} (dead letter)",
                n.kind().label(),
                n.id(),
                n.target().key(),
                head.attempts,
                result.error());
            reports.add(finish(lane, head, DeliveryOutcome.DEAD_LETTER, result));
          } else {
            Duration wait = backoff.before(head.attempts);
            head.nextAttempt = clock.instant().plus(wait);
            LOG.warn(
                "Delivery of {} to {} failed (attempt {}/{}): {}; retrying in {} ms",
                n.id(),
                n.target().key(),
                head.attempts,
                max,
                result.error(),
                wait.toMillis());
            reports.add(
                later(
                    n, DeliveryOutcome.FAILED, head.attempts, result.httpStatus(), result.error()));
          }
        }
      }
    }
    reports.forEach(Runnable::run);
    synchronized (this) {
      lane.inFlight = false;
      schedule(lane);
    }
  }

  /**
   * Takes the lane's head off for good; returns its final report, to make once the queue's lock is
   * released.
   */
  private Runnable finish(Lane lane, Pending head, DeliveryOutcome outcome, DeliveryResult result) {
    Notification n = head.notification;
    finished.put(n.id(), true);
    lane.queue.pollFirst();
    pending.decrementAndGet();
    return later(
        n,
        outcome,
        head.attempts,
        result.httpStatus(),
        outcome == DeliveryOutcome.DELIVERED ? null : result.error());
  }

  /** A report to make once the queue's lock is released. */
  private Runnable later(
      Notification n,
      DeliveryOutcome outcome,
      int attempts,
      @Nullable Integer httpStatus,
      @Nullable String error) {
    return () -> report(n, outcome, attempts, httpStatus, error);
  }

  private void report(
      Notification n,
      DeliveryOutcome outcome,
      int attempts,
      @Nullable Integer httpStatus,
      @Nullable String error) {
    meters
        .counter(
            MeterNames.ALERTS_NOTIFICATIONS,
            "channel",
            n.target().channel().label(),
            "outcome",
            outcome.label())
        .increment();
    NotificationOutcome o = n.outcome(outcome, attempts, httpStatus, error, clock.instant());
    try {
      listener.onOutcome(n, o);
    } catch (RuntimeException e) {
      LOG.error("Recording the outcome of {} failed", n.id(), e);
    }
  }

  private void recordLatency(Notification n) {
    Instant changed =
        n.alerts().stream()
            .map(i -> i.alert())
            .map(Alert::updatedAt)
            .max(Instant::compareTo)
            .orElse(n.createdAt());
    Duration latency = Duration.between(changed, clock.instant());
    if (!latency.isNegative()) {
      Timer.builder(MeterNames.ALERTS_DELIVERY_LATENCY)
          .tag("channel", n.target().channel().label())
          .register(meters)
          .record(latency);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pending.get() > 0) {
        LOG.warn(
            "Stopping with {} notification(s) undelivered; they are sent again after the next"
                + " start (the notification log does not list them as delivered)",
            pending.get());
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
