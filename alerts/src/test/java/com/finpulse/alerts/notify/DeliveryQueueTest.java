package com.finpulse.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestNotifications;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Order, de-duplication and superseding in the delivery queue, with a scripted channel. */
class DeliveryQueueTest {

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private final List<Notification> delivered = new CopyOnWriteArrayList<>();
  private final List<NotificationOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  private DeliveryQueue queue() {
    return queue(Duration.ofMillis(150));
  }

  private DeliveryQueue queue(Duration backoff) {
    Channel scripted =
        (n, attempt) -> {
          if (failuresLeft.getAndDecrement() > 0) {
            return DeliveryResult.retry(null, "server down");
          }
          delivered.add(n);
          return DeliveryResult.delivered(null);
        };
    return new DeliveryQueue(
        Map.of(NotificationChannel.EMAIL, scripted),
        Map.of(NotificationChannel.EMAIL, 50),
        new Backoff(backoff, backoff),
        4,
        (n, o) -> outcomes.add(o),
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void aTargetGetsItsNotificationsInOrderAndOnce() throws Exception {
    Target desk = new Target.Email("desk@example.com");
    Alert banking =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    Alert energy =
        TestAlerts.firing(
            KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    failuresLeft.set(3);
    try (DeliveryQueue q = queue()) {
      Notification first = TestNotifications.alert("credit", desk, banking);
      Notification second = TestNotifications.alert("credit", desk, energy);
      q.submit(first);
      q.submit(second);
      q.submit(first);
      waitUntil(() -> delivered.size() >= 2);
      Thread.sleep(200);
      assertThat(delivered).extracting(Notification::id).containsExactly(first.id(), second.id());
      assertThat(q.pending()).isZero();
    }
  }

  @Test
  void aNewerNotificationOfTheGroupReplacesOneStillWaitingToBeRetried() throws Exception {
    Target desk = new Target.Email("desk@example.com");
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    failuresLeft.set(2);
    // A retry delay far longer than the test's own steps: the resolve must arrive while the
    // firing notification waits for its retry, however slow this machine is.
    try (DeliveryQueue q = queue(Duration.ofSeconds(3))) {
      Notification firing = TestNotifications.alert("credit", desk, a);
      q.submit(firing);
      waitUntil(() -> !outcomes.isEmpty()); // first attempt failed; waiting for its retry
      Notification resolved =
          TestNotifications.alert("credit", desk, TestAlerts.resolved(a, AT.plusSeconds(300)));
      q.submit(resolved);
      waitUntil(() -> !delivered.isEmpty());
      Thread.sleep(300);
      assertThat(delivered).extracting(Notification::status).containsExactly(AlertStatus.RESOLVED);
      assertThat(outcomes)
          .filteredOn(o -> o.notificationId().equals(firing.id()))
          .extracting(NotificationOutcome::outcome)
          .containsExactly(DeliveryOutcome.FAILED, DeliveryOutcome.SUPERSEDED);
    }
  }
}
