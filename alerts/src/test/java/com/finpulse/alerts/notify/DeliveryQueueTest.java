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
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Order, de-duplication and superseding in the delivery queue, with a scripted channel. */
class DeliveryQueueTest {

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private final List<Notification> delivered = new CopyOnWriteArrayList<>();
  private final List<NotificationOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  /** What happened, in order: {@code intent:<id>:<attempt>} and {@code send:<id>}. */
  private final List<String> journal = new CopyOnWriteArrayList<>();

  /** The journal's answers to come; SEND once they are used up. */
  private final Deque<IntentJournal.Permit> permits = new ConcurrentLinkedDeque<>();

  private DeliveryQueue queue() {
    return queue(Duration.ofMillis(150));
  }

  private DeliveryQueue queue(Duration backoff) {
    Channel scripted =
        (n, attempt) -> {
          journal.add("send:" + n.id());
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
        (n, attempt) -> {
          IntentJournal.Permit p = permits.poll();
          p = p == null ? IntentJournal.Permit.SEND : p;
          if (p == IntentJournal.Permit.SEND) {
            journal.add("intent:" + n.id() + ":" + attempt);
          }
          return p;
        },
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

  @Test
  void everyAttemptIsSentOnlyAfterItsIntentWasRecorded() throws Exception {
    Target desk = new Target.Email("desk@example.com");
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    failuresLeft.set(2);
    try (DeliveryQueue q = queue(Duration.ofMillis(20))) {
      Notification n = TestNotifications.alert("credit", desk, a);
      q.submit(n);
      waitUntil(() -> !delivered.isEmpty());
      String id = n.id();
      assertThat(journal)
          .containsExactly(
              "intent:" + id + ":1",
              "send:" + id,
              "intent:" + id + ":2",
              "send:" + id,
              "intent:" + id + ":3",
              "send:" + id);
    }
  }

  @Test
  void anAttemptWhoseIntentCannotBeRecordedWaitsAndIsNotCounted() throws Exception {
    Target desk = new Target.Email("desk@example.com");
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    permits.add(IntentJournal.Permit.WAIT);
    permits.add(IntentJournal.Permit.WAIT);
    try (DeliveryQueue q = queue(Duration.ofMillis(20))) {
      Notification n = TestNotifications.alert("credit", desk, a);
      q.submit(n);
      waitUntil(() -> !outcomes.isEmpty());
      assertThat(journal).containsExactly("intent:" + n.id() + ":1", "send:" + n.id());
      assertThat(outcomes).extracting(NotificationOutcome::attempts).containsExactly(1);
      assertThat(outcomes)
          .extracting(NotificationOutcome::outcome)
          .containsExactly(DeliveryOutcome.DELIVERED);
    }
  }

  @Test
  void aQueueTheJournalStopsSendsNothingAndLeavesItsNotificationsToTheNextDeliverer()
      throws Exception {
    Target desk = new Target.Email("desk@example.com");
    Alert banking =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    Alert energy =
        TestAlerts.firing(
            KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    permits.add(IntentJournal.Permit.STOP);
    try (DeliveryQueue q = queue(Duration.ofMillis(20))) {
      q.submit(TestNotifications.alert("credit", desk, banking));
      q.submit(TestNotifications.alert("credit", desk, energy));
      waitUntil(() -> !q.delivering());
      Thread.sleep(200);
      assertThat(q.delivering()).isFalse();
      assertThat(q.pending()).isZero();
      assertThat(journal).isEmpty();
      assertThat(outcomes).isEmpty();

      q.submit(TestNotifications.alert("credit", desk, energy)); // on standby: left alone
      q.resume();
      Thread.sleep(200);
      assertThat(delivered).isEmpty();

      Notification later =
          TestNotifications.alert("credit", desk, TestAlerts.resolved(energy, AT.plusSeconds(60)));
      q.submit(later);
      waitUntil(() -> !delivered.isEmpty());
      assertThat(delivered).containsExactly(later);
    }
  }
}
