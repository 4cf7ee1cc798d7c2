package com.finpulse.alerts.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.config.InhibitionSettings;
import com.finpulse.alerts.config.RoutingSettings;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.history.DeliveryJournal;
import com.finpulse.alerts.history.OutcomeRecorder;
import com.finpulse.alerts.history.UnfinishedIntents;
import com.finpulse.alerts.notify.Backoff;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.DeliveryResult;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.route.Inhibitor;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.alerts.route.Router;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.testing.MockJournals;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestNotifications;
import com.finpulse.alerts.testing.TestSubscriptions;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.serde.HeaderNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Taking delivery up and giving it up: a standby sends nothing; taking over fences the predecessor
 * (opens the journal), waits until the alerts topic is read to its end, and only then sends again
 * what the predecessor left unfinished; a fenced instance steps down at its next intent.
 */
class DeliveryDutyTest {

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static final String DESK = "energy-desk";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
  private final DeliveryJournal journal = MockJournals.recording(producers, Clock.systemUTC());
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final UnfinishedIntents unfinished = new UnfinishedIntents();
  private final AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
  private final SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
  private final NotificationLog log = new NotificationLog();
  private final DeliveryQueue queue =
      new DeliveryQueue(
          Map.of(
              NotificationChannel.EMAIL,
              (n, attempt) -> {
                sent.add(n);
                return DeliveryResult.delivered(null);
              }),
          Map.of(NotificationChannel.EMAIL, 3),
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)),
          2,
          journal,
          new OutcomeRecorder(log, journal, null),
          Clock.systemUTC(),
          meters);
  private final Router router =
      new Router(
          new RoutingSettings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
          new Inhibitor(new InhibitionSettings(false, List.of(), 0.15, 0.5)),
          registry,
          new SilenceStore(null),
          log,
          queue,
          Clock.systemUTC(),
          meters);
  private CompletableFuture<Void> topicRead = new CompletableFuture<>();
  private final AtomicInteger fencedCalls = new AtomicInteger();
  private final DeliveryDuty duty =
      new DeliveryDuty(
          journal,
          () -> topicRead,
          unfinished,
          registry,
          queue,
          router,
          new OutcomeRecorder(log, journal, null),
          Clock.systemUTC(),
          Duration.ofSeconds(2),
          meters);

  {
    registry.replaceFile(List.of(desk()), "subscriptions.yml");
    duty.whenFenced(fencedCalls::incrementAndGet);
  }

  @AfterEach
  void close() {
    queue.close();
  }

  private static Subscription desk() {
    return TestSubscriptions.topics(
        DESK, List.of("Energy | Oil"), new Channels(List.of("desk@example.com"), List.of()));
  }

  private static Notification notification(String key) {
    Alert a =
        TestAlerts.firing(KeyKind.TOPIC, key, TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, AT);
    return TestNotifications.alert(DESK, new Target.Email("desk@example.com"), a);
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void aStandbySendsNothingAndATakeoverResendsThePredecessorsUnfinishedOnlyOnceTheTopicIsRead()
      throws Exception {
    Notification leftOver = notification("Energy | Oil");
    unfinished.onIntent(leftOver.intent(1, AT));
    queue.submit(notification("Energy | Gas")); // on standby: the delivering instance sends it
    Thread.sleep(100);
    assertThat(sent).isEmpty();
    assertThat(duty.active()).isFalse();
    assertThat(gauge(MeterNames.ALERTS_DELIVERY_ACTIVE)).isZero();

    List<Throwable> failures = new ArrayList<>();
    Thread takeover =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    duty.takeOver();
                  } catch (Exception e) {
                    failures.add(e);
                  }
                });
    waitUntil(() -> !producers.isEmpty() && producers.get(0).transactionInitialized());
    assertThat(producers.get(0).transactionInitialized())
        .describedAs("the predecessor is fenced first")
        .isTrue();
    Thread.sleep(100);
    assertThat(sent).describedAs("nothing before the topic is read to its end").isEmpty();
    assertThat(duty.active()).isFalse();

    topicRead.complete(null);
    takeover.join(5_000);
    assertThat(failures).isEmpty();
    waitUntil(() -> !sent.isEmpty());

    assertThat(duty.active()).isTrue();
    assertThat(sent).containsExactly(leftOver);
    assertThat(gauge(MeterNames.ALERTS_DELIVERY_ACTIVE)).isEqualTo(1);
    assertThat(meters.get(MeterNames.ALERTS_DELIVERY_TAKEOVERS).counter().count()).isEqualTo(1);
    // The intent went to the topic before the send, the outcome after it.
    waitUntil(() -> producers.get(0).history().size() >= 2);
    assertThat(producers.get(0).history())
        .extracting(r -> HeaderNames.schemaType(r.headers()))
        .containsExactly("NotificationIntent", "NotificationOutcome");
    NotificationOutcome o =
        AlertSerdes.notificationOutcome().read(producers.get(0).history().get(1).value());
    assertThat(o.notificationId()).isEqualTo(leftOver.id());
  }

  @Test
  void aFencedDelivererSendsNothingMoreStepsDownAndRejoins() throws Exception {
    topicRead.complete(null);
    duty.takeOver();
    producers.get(0).fenceProducer(); // another instance took over while this one was paused

    queue.submit(notification("Energy | Oil"));
    waitUntil(() -> !duty.active());
    Thread.sleep(100);

    assertThat(sent).isEmpty();
    assertThat(duty.active()).isFalse();
    assertThat(queue.delivering()).isFalse();
    assertThat(fencedCalls).hasValue(1);
    assertThat(meters.get(MeterNames.ALERTS_DELIVERY_FENCED).counter().count()).isEqualTo(1);
    assertThat(gauge(MeterNames.ALERTS_DELIVERY_ACTIVE)).isZero();
  }

  @Test
  void aTakeoverThatCannotReadTheTopicToItsEndLeavesTheInstanceOnStandby() {
    unfinished.onIntent(notification("Energy | Oil").intent(1, AT));

    assertThatThrownBy(duty::takeOver).hasMessageContaining("could not read the alerts topic");

    assertThat(duty.active()).isFalse();
    assertThat(journal.isOpen()).isFalse();
    assertThat(queue.delivering()).isFalse();
    assertThat(sent).isEmpty();
  }
}
