package com.finpulse.alerts.history;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Open alerts and the recent history, for the API: every alert, whoever it was routed to. */
public final class AlertBook {

  private final int capacity;
  private final Map<String, Alert> open = new LinkedHashMap<>();
  private final Deque<Alert> recent = new ArrayDeque<>();
  private final Deque<NotificationOutcome> outcomes = new ArrayDeque<>();
  private long version;

  public AlertBook(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records an alert state change.
   *
   * @return true when it opens an episode not seen before (a first firing)
   */
  public synchronized boolean apply(Alert a) {
    boolean known =
        open.containsKey(a.id()) || recent.stream().anyMatch(r -> r.id().equals(a.id()));
    if (a.status() == AlertStatus.FIRING) {
      open.put(a.id(), a);
    } else {
      open.remove(a.id());
    }
    version++;
    recent.addFirst(a);
    while (recent.size() > capacity) {
      recent.removeLast();
    }
    return a.status() == AlertStatus.FIRING && !known;
  }

  public synchronized void apply(NotificationOutcome o) {
    version++;
    outcomes.addFirst(o);
    while (outcomes.size() > capacity) {
      outcomes.removeLast();
    }
  }

  /** Grows with every alert state change and delivery outcome: the console's cue to refresh. */
  public synchronized long version() {
    return version;
  }

  public synchronized List<Alert> open() {
    return new ArrayList<>(open.values());
  }

  /** The latest state changes, newest first. */
  public synchronized List<Alert> recent(int limit) {
    return recent.stream().limit(limit).toList();
  }

  public synchronized List<NotificationOutcome> recentOutcomes(int limit) {
    return outcomes.stream().limit(limit).toList();
  }

  /** Alerts that first fired in [from, to), for the digest's count. */
  public synchronized List<Alert> firedBetween(java.time.Instant from, java.time.Instant to) {
    Map<String, Alert> first = new LinkedHashMap<>();
    for (Alert a : recent) {
      if (a.status() == AlertStatus.FIRING
          && !a.startsAt().isBefore(from)
          && a.startsAt().isBefore(to)) {
        first.putIfAbsent(a.id(), a);
      }
    }
    return new ArrayList<>(first.values());
  }
}
