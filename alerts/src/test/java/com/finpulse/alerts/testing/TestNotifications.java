package com.finpulse.alerts.testing;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.route.Router;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Notifications as the router makes them. */
public final class TestNotifications {

  private TestNotifications() {}

  public static Notification alert(String subscription, Target target, Alert... alerts) {
    List<NotifiedItem> items =
        Arrays.stream(alerts).map(a -> new NotifiedItem(a, a.severity())).toList();
    String group = Router.groupKey(subscription, alerts[0].keyKind(), alerts[0].key());
    boolean firing = Arrays.stream(alerts).anyMatch(a -> a.status() == AlertStatus.FIRING);
    return new Notification(
        Notification.idFor(subscription, group, target, items, null),
        NotificationKind.ALERT,
        subscription,
        target,
        group,
        firing ? AlertStatus.FIRING : AlertStatus.RESOLVED,
        items,
        null,
        Instant.now());
  }
}
