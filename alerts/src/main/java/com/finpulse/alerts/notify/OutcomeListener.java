package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.NotificationOutcome;

/** Hears of every attempt's outcome, failures included. */
@FunctionalInterface
public interface OutcomeListener {

  void onOutcome(Notification notification, NotificationOutcome outcome);
}
