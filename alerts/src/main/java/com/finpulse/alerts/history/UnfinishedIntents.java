package com.finpulse.alerts.history;

import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.NotificationOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications whose intent is on the alerts topic without a final outcome after it: sent, or
 * about to be, by an instance that died (or was fenced) before it could record how it went. Read
 * from the topic like the notification log; the instance that takes delivery over sends them again
 * with the same id. A notification whose last attempt failed (a {@code failed} outcome, retried
 * later) is unfinished too.
 */
public final class UnfinishedIntents {

  private final Map<String, NotificationIntent> byId = new LinkedHashMap<>();

  /** An intent read from the topic: its notification is unfinished until a final outcome. */
  public synchronized void onIntent(NotificationIntent intent) {
    byId.put(intent.notificationId(), intent);
  }

  /** An outcome read from the topic: a final one finishes its notification. */
  public synchronized void onOutcome(NotificationOutcome outcome) {
    if (outcome.outcome().isFinal()) {
      byId.remove(outcome.notificationId());
    }
  }

  /** The unfinished notifications' latest intents, in the order they were first intended. */
  public synchronized List<NotificationIntent> list() {
    return List.copyOf(byId.values());
  }
}
