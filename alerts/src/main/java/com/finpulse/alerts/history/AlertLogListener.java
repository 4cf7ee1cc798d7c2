package com.finpulse.alerts.history;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.NotificationOutcome;

/** Receives the records of the alerts topic, first the replay of its history, then live. */
public interface AlertLogListener {

  /**
   * @param live false while the history is replayed at start
   */
  void onAlert(Alert alert, boolean live);

  void onOutcome(NotificationOutcome outcome, boolean live);

  /** The replay reached the end of the topic as it was at start; what follows is live. */
  void onCaughtUp(long alerts, long outcomes, long millis);
}
