package com.finpulse.alerts.history;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationOutcome;

/** Receives the records of the alerts topic, first the replay of its history, then live. */
public interface AlertLogListener {

  /**
   * @param live false while the history is replayed at start
   */
  void onAlert(Alert alert, boolean live);

  void onOutcome(NotificationOutcome outcome, boolean live);

  /** A notification about to be sent (its outcome follows unless the sender died). */
  void onIntent(NotificationIntent intent, boolean live);

  /**
   * The replay reached the end of the topic as it was at start; what follows is live.
   *
   * @param deliveryRecords notification intents and outcomes replayed
   */
  void onCaughtUp(long alerts, long deliveryRecords, long millis);
}
