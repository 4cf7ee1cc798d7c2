package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the unfinished notifications of a predecessor again: each intent without a final outcome
 * becomes the same notification (same id, so the same webhook {@code Idempotency-Key} and e-mail
 * Message-ID, and the same content) for its target as the subscription defines it now. An intent
 * whose subscription or target is gone cannot be sent; it is given up as a dead letter.
 */
public final class IntentRecovery {

  /**
   * @param resent notifications handed to the dispatcher again
   * @param givenUp outcomes to record for the intents that cannot be sent any more
   */
  public record Result(List<Notification> resent, List<NotificationOutcome> givenUp) {}

  private IntentRecovery() {}

  public static Result resend(
      List<NotificationIntent> intents,
      SubscriptionRegistry subscriptions,
      Dispatcher dispatcher,
      Clock clock) {
    List<Notification> resent = new ArrayList<>();
    List<NotificationOutcome> givenUp = new ArrayList<>();
    for (NotificationIntent i : intents) {
      Optional<Target> target =
          subscriptions
              .find(i.subscription())
              .map(SubscriptionRegistry.Entry::subscription)
              .flatMap(s -> targetOf(s, i));
      if (target.isEmpty()) {
        givenUp.add(
            new NotificationOutcome(
                i.notificationId(),
                i.kind(),
                i.subscription(),
                i.channel(),
                i.target(),
                i.groupKey(),
                i.alerts().stream()
                    .map(a -> new NotifiedAlert(a.alert().id(), a.alert().status(), a.severity()))
                    .toList(),
                i.kind() == NotificationKind.DIGEST ? null : i.status(),
                DeliveryOutcome.DEAD_LETTER,
                i.attempt(),
                null,
                "its subscription or target was removed before it could be sent again",
                clock.instant()));
        continue;
      }
      Notification n = Notification.of(i, target.get());
      dispatcher.submit(n);
      resent.add(n);
    }
    return new Result(resent, givenUp);
  }

  private static Optional<Target> targetOf(Subscription s, NotificationIntent i) {
    return Target.of(s).stream()
        .filter(t -> t.channel() == i.channel() && t.key().equals(i.target()))
        .findFirst();
  }
}
