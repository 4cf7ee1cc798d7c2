package com.finpulse.alerts.digest;

import com.finpulse.alerts.config.DigestSettings;
import com.finpulse.alerts.detect.AlertIds;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.notify.Dispatcher;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.subscription.DigestPreference;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each subscription its digest once a day at its local time, to its e-mail addresses and
 * Slack-format webhooks (an Alertmanager receiver expects alerts, not reports). Which day was sent
 * is remembered from the digest outcomes on the alerts topic, so a restart neither repeats nor
 * (within {@code catch_up}) misses one.
 */
public final class DigestScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

  private final DigestSettings settings;
  private final SubscriptionRegistry subscriptions;
  private final DigestBuilder builder;
  private final Dispatcher dispatcher;
  private final AlertCounter alertsFired;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, LocalDate> lastSent = new ConcurrentHashMap<>();

  /** Counts the alerts that first fired for a subscription's keys in [from, to). */
  @FunctionalInterface
  public interface AlertCounter {
    int count(Subscription s, Instant from, Instant to);
  }

  public DigestScheduler(
      DigestSettings settings,
      SubscriptionRegistry subscriptions,
      DigestBuilder builder,
      Dispatcher dispatcher,
      AlertCounter alertsFired,
      Clock clock,
      MeterRegistry meters) {
    this.settings = settings;
    this.subscriptions = subscriptions;
    this.builder = builder;
    this.dispatcher = dispatcher;
    this.alertsFired = alertsFired;
    this.clock = clock;
    this.meters = meters;
  }

  /** {@code digest/<subscription>/<local date>}: the group key of digest notifications. */
  public static String groupKey(String subscription, LocalDate day) {
    return "digest/" + subscription + "/" + day;
  }

  /** Remembers digests sent before a restart (from the alerts topic). */
  public void remember(NotificationOutcome o) {
    if (o.kind() != NotificationKind.DIGEST || o.groupKey() == null) {
      return;
    }
    String[] parts = o.groupKey().split("/");
    if (parts.length == 3) {
      lastSent.merge(parts[1], LocalDate.parse(parts[2]), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Sends the digests that are due; the scheduler calls it every 30 seconds. */
  public void runDue() {
    if (!settings.enabled()) {
      return;
    }
    Instant now = clock.instant();
    for (Subscription s : subscriptions.all()) {
      DigestPreference pref = s.digest();
      if (pref != null && Boolean.FALSE.equals(pref.enabled())) {
        continue;
      }
      ZoneId zone = pref != null && pref.timeZone() != null ? pref.timeZone() : settings.timeZone();
      LocalTime time = pref != null && pref.time() != null ? pref.time() : settings.time();
      ZonedDateTime local = now.atZone(zone);
      ZonedDateTime due = local.with(time);
      if (due.isAfter(local)) {
        due = due.minusDays(1);
      }
      LocalDate day = due.toLocalDate();
      LocalDate sent = lastSent.get(s.name());
      if (sent != null && !sent.isBefore(day)) {
        continue;
      }
      if (now.isAfter(due.toInstant().plus(settings.catchUp()))) {
        if (sent == null || sent.isBefore(day)) {
          lastSent.put(s.name(), day); // too late for this one: wait for the next
          LOG.info(
              "Digest of {} for {} not sent: more than {} late", day, s.name(), settings.catchUp());
        }
        continue;
      }
      send(s, due.toInstant(), zone, day);
    }
  }

  /** Builds and submits one digest now (also used by the API's test of a digest). */
  public void send(Subscription s, Instant to, ZoneId zone, LocalDate day) {
    DigestReport report;
    try {
      report = builder.build(s, to, zone, alertsFired.count(s, to.minusSeconds(86_400), to));
    } catch (RuntimeException e) {
      meters.counter(MeterNames.ALERTS_DIGESTS, "outcome", "failed").increment();
      LOG.warn(
          "Digest of {} for {} not built yet ({}); retrying shortly", day, s.name(), e.toString());
      return;
    }
    List<Target> targets = Target.ofDigest(s);
    String group = groupKey(s.name(), day);
    for (Target t : targets) {
      String id = AlertIds.sha256Hex("digest\u0000" + group + "\u0000" + t.key(), 16);
      dispatcher.submit(
          new Notification(
              id,
              NotificationKind.DIGEST,
              s.name(),
              t,
              group,
              AlertStatus.RESOLVED,
              List.of(),
              report,
              clock.instant()));
    }
    lastSent.put(s.name(), day);
    meters.counter(MeterNames.ALERTS_DIGESTS, "outcome", "sent").increment();
    LOG.info("Digest of {} for {} sent to {} target(s)", day, s.name(), targets.size());
  }

  public @Nullable LocalDate lastSent(String subscription) {
    return lastSent.get(subscription);
  }
}
