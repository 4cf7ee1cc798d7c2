package com.finpulse.alerts.api;

import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.notify.Dispatcher;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.subscription.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test notifications: one to each target of a subscription, through the delivery queue like any
 * other. The answer waits for the outcomes at most {@code wait}, without holding a thread: a target
 * that has not answered by then is reported {@code pending} (the queue keeps retrying), so a slow
 * webhook delays only its own test call and never the API.
 */
final class TestSends {

  private final Dispatcher dispatcher;
  private final OutcomeWaiters waiters;
  private final Clock clock;
  private final Duration wait;

  TestSends(Dispatcher dispatcher, OutcomeWaiters waiters, Clock clock, Duration wait) {
    this.dispatcher = dispatcher;
    this.waiters = waiters;
    this.clock = clock;
    this.wait = wait;
  }

  CompletableFuture<Map<String, Object>> send(Subscription s) {
    List<Target> targets = Target.of(s);
    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>();
    for (Target t : targets) {
      String id = UUID.randomUUID().toString().replace("-", "");
      CompletableFuture<NotificationOutcome> outcome = waiters.expect(id);
      dispatcher.submit(
          new Notification(
              id,
              NotificationKind.TEST,
              s.name(),
              t,
              null,
              AlertStatus.RESOLVED,
              List.of(),
              null,
              clock.instant()));
      results.add(
          outcome
              .copy()
              .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
              .handle((o, failure) -> result(t.key(), o, failure, id)));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("subscription", s.name());
              out.put("results", results.stream().map(CompletableFuture::join).toList());
              return out;
            });
  }

  private Map<String, Object> result(
      String target, NotificationOutcome o, Throwable failure, String id) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("target", target);
    if (failure != null) {
      waiters.forget(id);
      r.put("outcome", "pending");
      r.put("error", "not delivered within " + wait.toSeconds() + " s; still retrying");
      return r;
    }
    r.put("outcome", o.outcome().label());
    r.put("attempts", o.attempts());
    if (o.httpStatus() != null) {
      r.put("http_status", o.httpStatus());
    }
    if (o.error() != null) {
      r.put("error", o.error());
    }
    return r;
  }
}
