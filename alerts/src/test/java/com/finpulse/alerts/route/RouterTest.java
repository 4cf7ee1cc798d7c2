package com.finpulse.alerts.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.config.InhibitionSettings;
import com.finpulse.alerts.config.RoutingSettings;
import com.finpulse.alerts.detect.Thresholds;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.QuietHours;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.subscription.WebhookSpec;
import com.finpulse.alerts.testing.MutableClock;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Grouping, timers, inhibition, silences and quiet hours, on a clock the test moves. */
class RouterTest {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
  private static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
  private static final Duration REPEAT = Duration.ofHours(4);

  private final MutableClock clock = new MutableClock(T0);
  private final List<Notification> sent = new ArrayList<>();
  private final NotificationLog log = new NotificationLog();
  private final SilenceStore silences = new SilenceStore(null);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
  private final SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
  private final Router router =
      new Router(
          new RoutingSettings(GROUP_WAIT, GROUP_INTERVAL, REPEAT),
          new Inhibitor(new InhibitionSettings(true, List.of(KeyKind.TOPIC), 0.15, 0.5)),
          registry,
          silences,
          log,
          sent::add,
          clock,
          meters);

  private static Subscription desk(
      String name,
      List<String> topics,
      boolean market,
      Severity min,
      @Nullable Thresholds thresholds,
      @Nullable QuietHours quiet) {
    return new Subscription(
        name,
        topics,
        List.of(),
        market,
        List.of(),
        min,
        thresholds,
        quiet,
        new Channels(
            List.of(name + "@example.com"),
            List.of(
                new WebhookSpec("https://hooks.example.com/" + name, "0123456789abcdef", null))),
        null);
  }

  private void subscribe(Subscription... subs) {
    registry.replaceFile(List.of(subs), "subscriptions.yml");
    router.onSubscriptionsChanged();
  }

  private void tick(Duration d) {
    clock.advance(d);
    router.flushDue();
  }

  /** The targets accept everything sent so far. */
  private void deliverAll() {
    for (Notification n : sent) {
      log.record(
          new NotificationOutcome(
              n.id(),
              n.kind(),
              n.subscription(),
              n.target().channel(),
              n.target().key(),
              n.groupKey(),
              n.notifiedAlerts(),
              n.status(),
              DeliveryOutcome.DELIVERED,
              1,
              null,
              null,
              clock.instant()));
    }
    sent.clear();
  }

  /** Drains what was sent and lets the targets accept it. */
  private List<Notification> drainDelivered() {
    List<Notification> out = List.copyOf(sent);
    deliverAll();
    return out;
  }

  private List<Notification> drain() {
    List<Notification> out = List.copyOf(sent);
    sent.clear();
    return out;
  }

  @Test
  void groupWaitCollectsTheKeysAlertsIntoOneNotificationPerTarget() {
    subscribe(desk("credit", List.of("banking"), false, Severity.WARNING, null, null));
    Alert oneMinute =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, T0);
    router.onAlert(oneMinute);
    tick(Duration.ofSeconds(20));
    assertThat(sent).isEmpty();
    Alert fiveMinutes =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.FIVE_MINUTES, Severity.WARNING, 0.7, T0);
    router.onAlert(fiveMinutes);
    // An alert of another key is another group.
    router.onAlert(
        TestAlerts.firing(
            KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, T0));
    tick(Duration.ofSeconds(10));

    List<Notification> out = drain();
    assertThat(out).hasSize(2); // e-mail and webhook
    assertThat(out)
        .allSatisfy(
            n -> {
              assertThat(n.groupKey()).isEqualTo("credit/topic:banking");
              assertThat(n.status()).isEqualTo(AlertStatus.FIRING);
              assertThat(n.alerts())
                  .extracting(i -> i.alert().id())
                  .containsExactlyInAnyOrder(oneMinute.id(), fiveMinutes.id());
            });
    assertThat(out.get(0).id()).isNotEqualTo(out.get(1).id());
  }

  @Test
  void changesWaitForGroupIntervalAndUnchangedGroupsRepeatAfterRepeatInterval() {
    subscribe(desk("credit", List.of("banking"), false, Severity.WARNING, null, null));
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, T0);
    router.onAlert(a);
    tick(GROUP_WAIT);
    assertThat(drain()).hasSize(2);

    // Not delivered yet (a retry is under way): the next flush submits the same notification
    // again, which the delivery queue keeps once.
    tick(GROUP_INTERVAL);
    List<Notification> again = drain();
    assertThat(again).hasSize(2);
    router.onAlert(TestAlerts.update(a, Severity.WARNING, 4.6, clock.instant()));
    sent.addAll(again);
    deliverAll();

    // Escalation inside the group interval: notified at the next tick, not before.
    router.onAlert(TestAlerts.update(a, Severity.CRITICAL, 8.0, clock.instant()));
    tick(Duration.ofMinutes(2));
    assertThat(sent).isEmpty();
    tick(Duration.ofMinutes(3));
    List<Notification> escalated = drain();
    assertThat(escalated).hasSize(2);
    assertThat(escalated.get(0).alerts())
        .extracting(NotifiedItem::severity)
        .containsExactly(Severity.CRITICAL);
    sent.addAll(escalated);
    deliverAll();

    // Nothing changes: quiet until repeat_interval, then repeated with a new id.
    for (int i = 0; i < 47; i++) {
      tick(GROUP_INTERVAL);
    }
    assertThat(sent).isEmpty();
    tick(GROUP_INTERVAL);
    List<Notification> repeated = drain();
    assertThat(repeated).hasSize(2);
    assertThat(repeated.get(0).id()).isNotEqualTo(escalated.get(0).id());
  }

  @Test
  void resolveIsSentOnlyToTargetsThatHeardItFireAndThenTheGroupIsGone() {
    subscribe(desk("credit", List.of("banking"), false, Severity.WARNING, null, null));
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, T0);
    router.onAlert(a);
    tick(GROUP_WAIT);
    deliverAll();
    router.onAlert(TestAlerts.resolved(a, clock.instant()));
    tick(GROUP_INTERVAL);
    List<Notification> resolved = drain();
    assertThat(resolved).hasSize(2);
    assertThat(resolved)
        .allSatisfy(
            n -> {
              assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(n.resolved()).hasSize(1);
              assertThat(n.firing()).isEmpty();
            });
    sent.addAll(resolved);
    deliverAll();
    tick(GROUP_INTERVAL);
    assertThat(sent).isEmpty();
    assertThat(router.nextFlush()).isEmpty();
    assertThat(router.firingAlerts()).isEmpty();

    // An alert that fired and resolved within group_wait is sent once, as fired-and-resolved.
    Alert brief =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_HOUR, Severity.WARNING, 0.7, clock.instant());
    router.onAlert(brief);
    router.onAlert(TestAlerts.resolved(brief, clock.instant().plusSeconds(5)));
    tick(GROUP_WAIT);
    List<Notification> firedAndResolved = drainDelivered();
    assertThat(firedAndResolved).hasSize(2);
    assertThat(firedAndResolved)
        .allSatisfy(
            n -> {
              assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(n.resolved()).extracting(i -> i.alert().id()).containsExactly(brief.id());
              assertThat(n.resolved().get(0).alert().startsAt()).isNotNull();
              assertThat(n.resolved().get(0).alert().endsAt()).isNotNull();
              assertThat(n.firing()).isEmpty();
            });
    tick(GROUP_INTERVAL);
    tick(GROUP_INTERVAL);
    assertThat(sent).isEmpty();
    assertThat(router.nextFlush()).isEmpty();
  }

  @Test
  void anAlertThatFiresAndResolvesBeforeTheFirstFlushIsNotifiedOnceAndNotAgainAfterARestart() {
    subscribe(desk("credit", List.of("banking"), false, Severity.WARNING, null, null));
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, T0);
    Alert resolved = TestAlerts.resolved(a, T0.plusSeconds(10));
    router.onAlert(a);
    tick(Duration.ofSeconds(10));
    router.onAlert(resolved);
    tick(GROUP_WAIT);
    List<Notification> out = drainDelivered();
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(n -> assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED));

    // A restart replays the history into a new router with the notification log rebuilt from
    // the delivered outcomes: nothing is sent again.
    Router restarted =
        new Router(
            new RoutingSettings(GROUP_WAIT, GROUP_INTERVAL, REPEAT, Duration.ofSeconds(2)),
            new Inhibitor(new InhibitionSettings(true, List.of(KeyKind.TOPIC), 0.15, 0.5)),
            registry,
            silences,
            log,
            sent::add,
            clock,
            meters);
    restarted.pause();
    restarted.onAlert(a);
    restarted.onAlert(resolved);
    restarted.resume();
    clock.advance(GROUP_WAIT);
    restarted.flushDue();
    assertThat(sent).isEmpty();
  }

  @Test
  void anInhibitedAlertThatResolvesIsNotNotifiedAsFiredAndResolved() {
    subscribe(desk("credit", List.of("energy"), true, Severity.WARNING, null, null));
    Alert market =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.60, T0),
            100);
    Alert topic =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.65, T0),
            10);
    router.onAlert(market);
    router.onAlert(topic);
    tick(GROUP_WAIT);
    assertThat(drainDelivered())
        .allSatisfy(n -> assertThat(n.groupKey()).isEqualTo("credit/market:all"));
    router.onAlert(TestAlerts.resolved(topic, clock.instant()));
    tick(GROUP_INTERVAL);
    assertThat(sent).isEmpty();
  }

  @Test
  void criticalAlertsSkipGroupWaitAndGroupIntervalWhenACriticalWaitIsSet() {
    Router fast =
        new Router(
            new RoutingSettings(GROUP_WAIT, GROUP_INTERVAL, REPEAT, Duration.ofSeconds(2)),
            new Inhibitor(new InhibitionSettings(true, List.of(KeyKind.TOPIC), 0.15, 0.5)),
            registry,
            silences,
            log,
            sent::add,
            clock,
            meters);
    registry.replaceFile(
        List.of(desk("credit", List.of("banking"), false, Severity.WARNING, null, null)),
        "subscriptions.yml");
    fast.onSubscriptionsChanged();
    Alert warning =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_HOUR, Severity.WARNING, 0.7, T0);
    fast.onAlert(warning);
    clock.advance(Duration.ofSeconds(2));
    fast.flushDue();
    assertThat(sent).isEmpty(); // a warning waits group_wait

    Alert critical =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, T0);
    fast.onAlert(critical);
    clock.advance(Duration.ofSeconds(1));
    fast.flushDue();
    assertThat(sent).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    fast.flushDue();
    List<Notification> first = drainDelivered();
    assertThat(first).hasSize(2);
    assertThat(first.get(0).firing())
        .extracting(i -> i.alert().id())
        .containsExactlyInAnyOrder(warning.id(), critical.id());

    // Inside group_interval: an update of the critical alert waits, an escalation to critical
    // does not.
    fast.onAlert(TestAlerts.update(critical, Severity.CRITICAL, 9.0, clock.instant()));
    clock.advance(Duration.ofSeconds(10));
    fast.flushDue();
    assertThat(sent).isEmpty();
    fast.onAlert(TestAlerts.update(warning, Severity.CRITICAL, 9.0, clock.instant()));
    clock.advance(Duration.ofSeconds(2));
    fast.flushDue();
    List<Notification> escalated = drainDelivered();
    assertThat(escalated).hasSize(2);
    assertThat(escalated.get(0).firing())
        .filteredOn(i -> i.alert().id().equals(warning.id()))
        .extracting(NotifiedItem::severity)
        .containsExactly(Severity.CRITICAL);

    // A critical alert that fires and resolves within the wait is still notified.
    Alert blip =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.FIVE_MINUTES, Severity.CRITICAL, 0.9, T0);
    fast.onAlert(blip);
    fast.onAlert(TestAlerts.resolved(blip, clock.instant()));
    clock.advance(Duration.ofSeconds(2));
    fast.flushDue();
    List<Notification> blipOut = drainDelivered();
    assertThat(blipOut).hasSize(2);
    assertThat(blipOut.get(0).resolved())
        .extracting(i -> i.alert().id())
        .containsExactly(blip.id());
  }

  @Test
  void theShippedRoutingNotifiesCriticalAlertsWithinFiveSeconds() {
    RoutingSettings shipped = config.routing();
    assertThat(shipped.criticalGroupWait()).isNotNull();
    assertThat(shipped.criticalGroupWait()).isLessThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void marketAlertInhibitsTheTopicAlertsItExplainsUntilItResolves() {
    subscribe(desk("credit", List.of("banking", "energy"), true, Severity.WARNING, null, null));
    Alert market =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.60, T0),
            100);
    Alert explained =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.70, T0),
            20);
    Alert ownStory =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.90, T0),
            20);
    Alert otherWindow =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.TOPIC, "banking", TrendWindow.ONE_HOUR, Severity.WARNING, 0.65, T0),
            20);
    router.onAlert(market);
    router.onAlert(explained);
    router.onAlert(ownStory);
    router.onAlert(otherWindow);
    tick(GROUP_WAIT);

    List<Notification> out = drain();
    assertThat(out.stream().flatMap(n -> n.alerts().stream()).map(i -> i.alert().id()).distinct())
        .containsExactlyInAnyOrder(market.id(), ownStory.id(), otherWindow.id());
    assertThat(meters.counter("finpulse.alerts.suppressed", "reason", "inhibited").count())
        .isEqualTo(1);
    sent.addAll(out);
    deliverAll();

    router.onAlert(TestAlerts.resolved(market, clock.instant()));
    tick(GROUP_INTERVAL);
    List<Notification> after = drain();
    assertThat(after.stream().flatMap(n -> n.firing().stream()).map(i -> i.alert().id()))
        .contains(explained.id());
  }

  @Test
  void aTopicCarryingMostOfTheMarketsBadNewsIsItsCauseAndIsNotInhibited() {
    subscribe(desk("energy-desk", List.of("energy"), false, Severity.WARNING, null, null));
    Alert market =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.85, T0),
            21);
    Alert cause =
        TestAlerts.withNegativeVolume(
            TestAlerts.firing(
                KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.95, T0),
            20);
    router.onAlert(market);
    router.onAlert(cause);
    tick(GROUP_WAIT);

    // One notification per channel (e-mail and webhook), each carrying the topic alert.
    assertThat(
            drain().stream().flatMap(n -> n.alerts().stream()).map(i -> i.alert().id()).distinct())
        .containsExactly(cause.id());
    assertThat(meters.find("finpulse.alerts.suppressed").tag("reason", "inhibited").counter())
        .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.count()).isZero());
  }

  @Test
  void silencesMuteUntilTheyExpireAndArePerSubscriptionWhenAsked() {
    subscribe(
        desk("credit", List.of("banking"), false, Severity.WARNING, null, null),
        desk("ops", List.of("banking"), false, Severity.WARNING, null, null));
    silences.add(
        new Silence(
            "",
            KeyKind.TOPIC,
            "Banking",
            null,
            "credit",
            "ops@example.com",
            "known issue",
            T0,
            T0.plus(Duration.ofMinutes(20))));
    router.onAlert(
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.8, T0));
    tick(GROUP_WAIT);
    assertThat(drainDelivered()).extracting(Notification::subscription).containsOnly("ops");
    tick(GROUP_INTERVAL.multipliedBy(4));
    assertThat(drainDelivered()).extracting(Notification::subscription).containsOnly("credit");
  }

  @Test
  void quietHoursHoldWarningsButLetCriticalThrough() {
    QuietHours nights =
        new QuietHours(
            LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Zurich"), Severity.CRITICAL);
    subscribe(desk("credit", List.of("banking", "energy"), false, Severity.WARNING, null, nights));
    clock.set(Instant.parse("2026-11-20T23:00:00Z")); // midnight in Zurich
    Alert warning =
        TestAlerts.firing(
            KeyKind.TOPIC,
            "banking",
            TrendWindow.ONE_MINUTE,
            Severity.WARNING,
            0.7,
            clock.instant());
    Alert critical =
        TestAlerts.firing(
            KeyKind.TOPIC,
            "energy",
            TrendWindow.ONE_MINUTE,
            Severity.CRITICAL,
            0.9,
            clock.instant());
    router.onAlert(warning);
    router.onAlert(critical);
    tick(GROUP_WAIT);
    assertThat(drainDelivered())
        .allSatisfy(n -> assertThat(n.groupKey()).isEqualTo("credit/topic:energy"))
        .hasSize(2);
    assertThat(meters.counter("finpulse.alerts.suppressed", "reason", "quiet_hours").count())
        .isEqualTo(1);

    clock.set(Instant.parse("2026-11-21T06:01:00Z")); // 07:01 in Zurich
    router.flushDue();
    // The held warning goes out now (and the critical one is repeated: 7 h > repeat_interval).
    assertThat(drain())
        .filteredOn(n -> n.groupKey().equals("credit/topic:banking"))
        .hasSize(2)
        .allSatisfy(
            n ->
                assertThat(n.firing())
                    .extracting(i -> i.alert().id())
                    .containsExactly(warning.id()));
  }

  @Test
  void subscriptionThresholdsDecideWhatEachSubscriberSeesAndEscalationReachesCriticalOnly() {
    subscribe(
        desk("strict", List.of("banking"), false, Severity.CRITICAL, null, null),
        desk(
            "lenient",
            List.of("banking"),
            false,
            Severity.WARNING,
            new Thresholds(3.0, 4.0, Map.of(), null, null),
            null));
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, T0);
    router.onAlert(a); // z 4.5: warning by default, critical for 'lenient' (critical_z 4)
    tick(GROUP_WAIT);
    List<Notification> first = drain();
    assertThat(first).extracting(Notification::subscription).containsOnly("lenient");
    assertThat(first.get(0).alerts())
        .extracting(NotifiedItem::severity)
        .containsExactly(Severity.CRITICAL);

    router.onAlert(TestAlerts.update(a, Severity.CRITICAL, 8.0, clock.instant()));
    tick(GROUP_WAIT);
    List<Notification> second = drain();
    assertThat(second).extracting(Notification::subscription).contains("strict");
  }
}
