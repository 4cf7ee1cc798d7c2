package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.NotificationOutcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Lets a caller wait for the final outcome of a notification it submitted (API test messages). */
public final class OutcomeWaiters implements OutcomeListener {

  private final Map<String, CompletableFuture<NotificationOutcome>> waiting =
      new ConcurrentHashMap<>();

  /** Register before submitting. */
  public CompletableFuture<NotificationOutcome> expect(String notificationId) {
    return waiting.computeIfAbsent(notificationId, k -> new CompletableFuture<>());
  }

  public void forget(String notificationId) {
    waiting.remove(notificationId);
  }

  @Override
  public void onOutcome(Notification n, NotificationOutcome o) {
    if (o.outcome().isFinal()) {
      CompletableFuture<NotificationOutcome> f = waiting.remove(o.notificationId());
      if (f != null) {
        f.complete(o);
      }
    }
  }
}
