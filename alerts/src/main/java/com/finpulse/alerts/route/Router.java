package com.finpulse.alerts.route;

import com.finpulse.alerts.config.RoutingSettings;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.notify.Dispatcher;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alert state changes into notifications with Alertmanager's semantics, per subscription:
 *
 * <ul>
 *   <li>grouping by key: one group per (subscription, key kind, key), holding the key's alerts of
 *       every window;
 *   <li>{@code group_wait}: a new group is first flushed that long after its first alert;
 *       afterwards every {@code group_interval};
 *   <li>at a flush, each target is notified when the group holds a firing alert it was not told
 *       about (or at a lower severity), or a resolve of an alert it was told was firing, or when
 *       {@code repeat_interval} has passed since its last notification and alerts still fire;
 *   <li>silenced, inhibited and (below the quiet-hours severity) quiet-hours alerts are left out of
 *       a flush, not dropped: they count again at the next flush after the condition ends.
 * </ul>
 *
 * What a target was told comes from the {@link NotificationLog}, which follows delivered outcomes,
 * so a notification still being retried is submitted again (same id: the delivery queue keeps one)
 * rather than forgotten. All methods are synchronized; flushes are cheap and rare.
 */
public final class Router {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final RoutingSettings routing;
  private final Inhibitor inhibitor;
  private final SubscriptionRegistry subscriptions;
  private final SilenceStore silences;
  private final NotificationLog log;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
  private volatile int firing;
  private boolean paused;

  public Router(
      RoutingSettings routing,
      Inhibitor inhibitor,
      SubscriptionRegistry subscriptions,
      SilenceStore silences,
      NotificationLog log,
      Dispatcher dispatcher,
      Clock clock,
      MeterRegistry meters) {
    this.routing = routing;
    this.inhibitor = inhibitor;
    this.subscriptions = subscriptions;
    this.silences = silences;
    this.log = log;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.meters = meters;
    meters.gauge(MeterNames.ALERTS_OPEN, this, r -> r.firing);
  }

  /** {@code subscription/key_kind:key}. */
  public static String groupKey(String subscription, KeyKind kind, String key) {
    return subscription + "/" + kind.label() + ":" + key;
  }

  /** Holds flushes back while the alert history is replayed at start. */
  public synchronized void pause() {
    paused = true;
  }

  public synchronized void resume() {
    paused = false;
    flushDue();
  }

  /** A new or updated alert from the alerts topic. */
  public synchronized void onAlert(Alert a) {
    Alert previous = alerts.get(a.id());
    if (previous != null
        && (previous.updatedAt().isAfter(a.updatedAt())
            || previous.status() == AlertStatus.RESOLVED && a.status() == AlertStatus.FIRING)) {
      return;
    }
    alerts.put(a.id(), a);
    for (SubscriptionRegistry.Entry e : subscriptions.entries()) {
      route(e, a);
    }
    firing = (int) alerts.values().stream().filter(x -> x.status() == AlertStatus.FIRING).count();
    if (!paused) {
      flushDue();
    }
  }

  /** Subscriptions were added, removed or edited: open alerts find their new groups. */
  public synchronized void onSubscriptionsChanged() {
    groups.values().removeIf(g -> subscriptions.find(g.subscription).isEmpty());
    for (Alert a : alerts.values()) {
      if (a.status() == AlertStatus.FIRING) {
        for (SubscriptionRegistry.Entry e : subscriptions.entries()) {
          route(e, a);
        }
      }
    }
    if (!paused) {
      flushDue();
    }
  }

  /** Flushes every group whose time has come. */
  public synchronized void flushDue() {
    if (paused) {
      return;
    }
    Instant now = clock.instant();
    for (AlertGroup g : new ArrayList<>(groups.values())) {
      if (!g.nextFlush.isAfter(now)) {
        flush(g, now);
        g.nextFlush = now.plus(routing.groupInterval());
      }
    }
    forgetUnneededAlerts();
  }

  public synchronized Optional<Instant> nextFlush() {
    return groups.values().stream().map(g -> g.nextFlush).min(Instant::compareTo);
  }

  /** Whether a group changed and has not been flushed since. */
  public synchronized boolean hasUnflushedChanges() {
    return groups.values().stream().anyMatch(g -> g.dirty);
  }

  /** Alerts firing now (for the API and the console). */
  public synchronized List<Alert> firingAlerts() {
    return alerts.values().stream().filter(a -> a.status() == AlertStatus.FIRING).toList();
  }

  private void route(SubscriptionRegistry.Entry e, Alert a) {
    Subscription s = e.subscription();
    if (!s.covers(a.keyKind(), a.key(), a.window())) {
      return;
    }
    String gk = groupKey(s.name(), a.keyKind(), a.key());
    AlertGroup g = groups.get(gk);
    GroupAlert existing = g == null ? null : g.alerts.get(a.id());
    Severity severity;
    boolean criticalNews = false;
    if (a.status() == AlertStatus.FIRING) {
      Severity own = severityFor(e, a);
      if (own == null || !own.atLeast(s.minSeverity())) {
        if (existing == null) {
          return;
        }
        own = existing.severity();
      }
      severity =
          existing != null && existing.severity().compareTo(own) > 0 ? existing.severity() : own;
      criticalNews =
          severity == Severity.CRITICAL
              && (existing == null || existing.severity() != Severity.CRITICAL);
    } else {
      if (existing == null) {
        return; // the subscriber never saw it fire
      }
      severity = existing.severity();
    }
    Instant now = clock.instant();
    if (g == null) {
      g = new AlertGroup(s.name(), gk, now.plus(routing.groupWait()));
      groups.put(gk, g);
    }
    if (criticalNews && routing.criticalGroupWait() != null) {
      Instant due = now.plus(routing.criticalGroupWait());
      if (due.isBefore(g.nextFlush)) {
        g.nextFlush = due;
      }
    }
    g.alerts.put(a.id(), new GroupAlert(a, severity));
    g.dirty = true;
  }

  /** The severity under the subscription's thresholds, from the alert's own numbers. */
  private static @Nullable Severity severityFor(SubscriptionRegistry.Entry e, Alert a) {
    long novel = a.novelCount() != null ? a.novelCount() : a.articleCount();
    double zVolume = a.volumeDeviation() != null ? a.volumeDeviation() : a.deviation();
    return e.profile()
        .classify(a.window(), novel, a.observedNegativeShare(), a.deviation(), zVolume, true);
  }

  private void flush(AlertGroup g, Instant now) {
    Optional<SubscriptionRegistry.Entry> entry = subscriptions.find(g.subscription);
    if (entry.isEmpty()) {
      groups.remove(g.groupKey);
      return;
    }
    Subscription s = entry.get().subscription();
    List<NotifiedItem> firingItems = new ArrayList<>();
    List<NotifiedItem> resolvedItems = new ArrayList<>();
    for (GroupAlert ga : g.alerts.values()) {
      String reason = muteReason(s, ga, now);
      if (reason != null && !reason.equals("quiet_hours")) {
        g.mutedWhileFiring.add(ga.alert().id());
      }
      if (reason != null) {
        if (g.suppressionCounted.add(ga.alert().id() + "/" + reason)) {
          meters.counter(MeterNames.ALERTS_SUPPRESSED, "reason", reason).increment();
          LOG.info(
              "Alert {} ({}) not notified to {}: {}",
              ga.alert().id(),
              ga.alert().summary(),
              s.name(),
              reason.replace('_', ' '));
        }
        continue;
      }
      NotifiedItem item = new NotifiedItem(ga.alert(), ga.severity());
      (ga.alert().status() == AlertStatus.FIRING ? firingItems : resolvedItems).add(item);
    }
    for (Target t : Target.of(s)) {
      NotificationLog.@Nullable Entry told = log.get(s.name(), g.groupKey, t.key());
      List<NotifiedItem> resolvedForTarget =
          resolvedItems.stream()
              .filter(
                  i ->
                      needsResolve(told, i.alert().id())
                          || firedAndResolvedUnseen(g, s.name(), t, i.alert(), now))
              .toList();
      boolean news =
          firingItems.stream()
              .anyMatch(
                  i -> {
                    Severity before = told == null ? null : told.firing().get(i.alert().id());
                    return before == null || i.severity().compareTo(before) > 0;
                  });
      boolean repeat =
          !firingItems.isEmpty()
              && told != null
              && !now.isBefore(told.at().plus(routing.repeatInterval()));
      if (!news && resolvedForTarget.isEmpty() && !repeat) {
        continue;
      }
      List<NotifiedItem> items = new ArrayList<>(firingItems);
      items.addAll(resolvedForTarget);
      String id =
          Notification.idFor(s.name(), g.groupKey, t, items, told == null ? null : told.at());
      dispatcher.submit(
          new Notification(
              id,
              NotificationKind.ALERT,
              s.name(),
              t,
              g.groupKey,
              firingItems.isEmpty() ? AlertStatus.RESOLVED : AlertStatus.FIRING,
              items,
              null,
              now));
    }
    g.dirty = false;
    List<Target> targets = Target.of(s);
    Set<String> submittedResolved = new HashSet<>();
    resolvedItems.forEach(i -> submittedResolved.add(i.alert().id()));
    // A resolved alert stays while a target waits for its resolve, or (held back by quiet hours)
    // for the news that it fired and resolved.
    g.alerts
        .values()
        .removeIf(
            ga ->
                ga.alert().status() == AlertStatus.RESOLVED
                    && targets.stream()
                        .noneMatch(
                            t ->
                                needsResolve(
                                        log.get(s.name(), g.groupKey, t.key()), ga.alert().id())
                                    || (!submittedResolved.contains(ga.alert().id())
                                        && firedAndResolvedUnseen(
                                            g, s.name(), t, ga.alert(), now))));
    if (g.alerts.isEmpty()) {
      groups.remove(g.groupKey);
    }
  }

  private @Nullable String muteReason(Subscription s, GroupAlert ga, Instant now) {
    Alert a = ga.alert();
    if (silences.muting(a, s.name(), now).isPresent()) {
      return "silenced";
    }
    if (a.status() == AlertStatus.FIRING && inhibitor.inhibiting(a, alerts.values()).isPresent()) {
      return "inhibited";
    }
    if (s.quietHours() != null && !s.quietHours().lets(ga.severity(), now)) {
      return "quiet_hours";
    }
    return null;
  }

  /**
   * An alert that fired and resolved before a flush told {@code t} about it: it is notified as
   * resolved (with its start and end) rather than dropped. Not when a silence or an inhibition
   * muted it while it fired, and not for episodes that ended longer than {@code repeat_interval}
   * ago (the history replayed at start holds old episodes that a subscription created since
   * covers).
   */
  private boolean firedAndResolvedUnseen(AlertGroup g, String sub, Target t, Alert a, Instant now) {
    return a.status() == AlertStatus.RESOLVED
        && !g.mutedWhileFiring.contains(a.id())
        && !log.wasTold(sub, g.groupKey, t.key(), a.id())
        && !a.updatedAt().plus(routing.repeatInterval()).isBefore(now);
  }

  private static boolean needsResolve(NotificationLog.@Nullable Entry told, String alertId) {
    return told != null && told.firing().containsKey(alertId) && !told.resolved().contains(alertId);
  }

  /** Resolved alerts that no group holds any more are forgotten; firing ones stay. */
  private void forgetUnneededAlerts() {
    alerts
        .values()
        .removeIf(
            a ->
                a.status() == AlertStatus.RESOLVED
                    && groups.values().stream().noneMatch(g -> g.alerts.containsKey(a.id())));
  }
}
