package com.finpulse.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.history.UnfinishedIntents;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.subscription.WebhookSpec;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestSubscriptions;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which notifications are sent again after a restart or a takeover: those whose intent is on the
 * alerts topic without a final outcome, as the same notification (id, content, creation time).
 */
class IntentRecoveryTest {

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC);

  private final SubscriptionRegistry registry =
      new SubscriptionRegistry(AlertsConfig.load(new ConfigLoader(Map.of()), null).detection());
  private final UnfinishedIntents unfinished = new UnfinishedIntents();
  private final List<Notification> resubmitted = new ArrayList<>();

  private static Subscription desk() {
    return TestSubscriptions.topics(
        "energy-desk",
        List.of("Energy | Oil"),
        new Channels(
            List.of("desk@example.com"),
            List.of(new WebhookSpec("https://hooks.example.com/desk", "0123456789abcdef", null))));
  }

  private static Notification notification(Target target, Alert a) {
    List<NotifiedItem> items = List.of(new NotifiedItem(a, Severity.CRITICAL));
    String gk = "energy-desk/topic:Energy | Oil";
    return new Notification(
        Notification.idFor("energy-desk", gk, target, items, null),
        NotificationKind.ALERT,
        "energy-desk",
        target,
        gk,
        AlertStatus.FIRING,
        items,
        null,
        AT);
  }

  private static NotificationOutcome outcome(Notification n, DeliveryOutcome o) {
    return n.outcome(o, 1, 200, null, AT);
  }

  /** An intent as the topic gives it back: serialized and read again. */
  private static NotificationIntent onTheTopic(Notification n, int attempt) {
    byte[] bytes =
        AlertSerdes.notificationIntent().serialize("alerts", n.intent(attempt, AT.plusSeconds(1)));
    return AlertSerdes.notificationIntent().read(bytes);
  }

  @Test
  void onlyIntentsWithoutAFinalOutcomeAreSentAgainWithTheSameIdAndContent() {
    registry.replaceFile(List.of(desk()), "subscriptions.yml");
    Subscription s = desk();
    Target mail = Target.of(s).get(0);
    Target hook = Target.of(s).get(1);
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "Energy | Oil", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, AT);
    Notification delivered = notification(mail, a);
    Notification crashed = notification(hook, a);
    Notification superseded = notification(mail, TestAlerts.resolved(a, AT.plusSeconds(5)));
    Notification retrying = notification(hook, TestAlerts.resolved(a, AT.plusSeconds(5)));

    unfinished.onIntent(onTheTopic(delivered, 1));
    unfinished.onOutcome(outcome(delivered, DeliveryOutcome.DELIVERED));
    unfinished.onIntent(onTheTopic(crashed, 1)); // the process died after sending it
    unfinished.onIntent(onTheTopic(superseded, 1));
    unfinished.onOutcome(outcome(superseded, DeliveryOutcome.SUPERSEDED));
    unfinished.onIntent(onTheTopic(retrying, 1));
    unfinished.onOutcome(outcome(retrying, DeliveryOutcome.FAILED)); // not final: retried
    unfinished.onIntent(onTheTopic(retrying, 2)); // the second attempt, then the crash

    assertThat(unfinished.list())
        .extracting(NotificationIntent::notificationId)
        .containsExactly(crashed.id(), retrying.id());
    assertThat(unfinished.list().get(1).attempt()).isEqualTo(2);

    IntentRecovery.Result r =
        IntentRecovery.resend(unfinished.list(), registry, resubmitted::add, CLOCK);

    assertThat(r.givenUp()).isEmpty();
    assertThat(resubmitted).containsExactly(crashed, retrying);
    assertThat(r.resent()).containsExactly(crashed, retrying);
  }

  @Test
  void anIntentWhoseTargetIsGoneIsGivenUpAsADeadLetterNotSent() {
    Subscription s = desk();
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "Energy | Oil", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, AT);
    Notification n = notification(Target.of(s).get(1), a);
    unfinished.onIntent(onTheTopic(n, 3));
    // the subscription was removed while the service was down

    IntentRecovery.Result r =
        IntentRecovery.resend(unfinished.list(), registry, resubmitted::add, CLOCK);

    assertThat(resubmitted).isEmpty();
    assertThat(r.givenUp()).hasSize(1);
    NotificationOutcome o = r.givenUp().get(0);
    assertThat(o.notificationId()).isEqualTo(n.id());
    assertThat(o.outcome()).isEqualTo(DeliveryOutcome.DEAD_LETTER);
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(o.target()).isEqualTo(n.target().key());
    unfinished.onOutcome(o);
    assertThat(unfinished.list()).isEmpty();
  }
}
