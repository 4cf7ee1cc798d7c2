package com.finpulse.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.config.DigestSettings;
import com.finpulse.alerts.config.GrafanaSettings;
import com.finpulse.alerts.detect.HeadlineList;
import com.finpulse.alerts.detect.HourStats;
import com.finpulse.alerts.detect.StoredHeadline;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.email.EmailMessage;
import com.finpulse.alerts.notify.email.EmailRenderer;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.DigestPreference;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.subscription.WebhookFormat;
import com.finpulse.alerts.subscription.WebhookSpec;
import com.finpulse.alerts.testing.MutableClock;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DigestTest {

  private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

  /** 07:30 in Zurich. */
  private static final Instant DIGEST_AT = Instant.parse("2026-11-20T06:30:00Z");

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
  private final DigestSettings settings =
      new DigestSettings(true, LocalTime.of(7, 30), ZURICH, 3, 3, 10, Duration.ofHours(3));

  /**
   * Every hour of the last eight days: {@code perHourPrior} before the day, {@code perHour} in it.
   */
  private static NavigableMap<Long, HourStats> series(
      long perHourPrior,
      double scorePrior,
      double negPrior,
      long perHour,
      double score,
      double neg) {
    NavigableMap<Long, HourStats> out = new TreeMap<>();
    long dayStart = DIGEST_AT.toEpochMilli() - Duration.ofDays(1).toMillis();
    for (long t = dayStart - Duration.ofDays(7).toMillis();
        t < DIGEST_AT.toEpochMilli();
        t += HOUR) {
      boolean today = t >= dayStart;
      long n = today ? perHour : perHourPrior;
      double s = today ? score : scorePrior;
      double ng = today ? neg : negPrior;
      out.put(t, new HourStats(n, Math.round(n * ng), n, Math.round(n * ng), s));
    }
    return out;
  }

  private final DailyStatsSource source =
      new DailyStatsSource() {
        @Override
        public Map<String, NavigableMap<Long, HourStats>> hours(Instant from, Instant to) {
          Map<String, NavigableMap<Long, HourStats>> m = new HashMap<>();
          m.put("topic:banking", series(2, 0.10, 0.15, 4, -0.40, 0.55));
          m.put("topic:energy", series(2, -0.20, 0.40, 2, 0.15, 0.10));
          m.put("topic:sports", series(1, 0.0, 0.2, 1, 0.0, 0.2));
          m.put("ticker:ACME", series(1, 0.05, 0.2, 1, -0.10, 0.3));
          m.put("market", series(20, 0.02, 0.25, 25, -0.05, 0.33));
          return m;
        }

        @Override
        public List<HeadlineList> headlines(String partitionKey, Instant from, Instant to) {
          if (!partitionKey.equals("topic:banking")) {
            return List.of();
          }
          return List.of(
              HeadlineList.empty()
                  .add(headline("Lender halts withdrawals", -0.97, "00ff00ff00ff00ff"), 20)
                  .add(headline("Regulator fines bank", -0.71, "0f0f0f0f0f0f0f0f"), 20),
              HeadlineList.empty()
                  .add(headline("Bank run fears spread", -0.9, "f0f0f0f0f0f0f0f0"), 20));
        }
      };

  private static StoredHeadline headline(String title, double score, String fp) {
    return new StoredHeadline(
        new EvidenceHeadline(
            title.replace(' ', '-'),
            title,
            "https://n.example.com/" + title.length(),
            "wire",
            score,
            DIGEST_AT.minusSeconds(3600)),
        fp);
  }

  private static Subscription desk(DigestPreference digest) {
    return new Subscription(
        "desk",
        List.of("banking"),
        List.of("ACME"),
        true,
        List.of(),
        null,
        null,
        null,
        new Channels(
            List.of("desk@example.com"),
            List.of(
                new WebhookSpec(
                    "https://hooks.example.com/am", "0123456789abcdef", WebhookFormat.ALERTMANAGER),
                new WebhookSpec("https://hooks.slack.com/services/x", null, WebhookFormat.SLACK))),
        digest);
  }

  @Test
  void reportComparesTheDayWithThePriorWeekAndRanksMovers() {
    DigestReport r = new DigestBuilder(settings, source).build(desk(null), DIGEST_AT, ZURICH, 2);

    assertThat(r.day()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(r.keys()).extracting(KeyDay::key).containsExactly("banking", "ACME", "market");
    KeyDay banking = r.keys().get(0);
    assertThat(banking.count()).isEqualTo(96);
    assertThat(banking.meanScore()).isCloseTo(-0.40, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(banking.priorDailyCount()).isEqualTo(48);
    assertThat(banking.priorMeanScore()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(banking.scoreChange()).isCloseTo(-0.50, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(banking.negativeShare()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.06));
    // sports (24 a day, no change) and ACME (24 a day) qualify on volume; banking and energy move
    // most.
    assertThat(r.movers()).extracting(KeyDay::key).startsWith("banking", "energy");
    assertThat(r.movers()).extracting(KeyDay::keyKind).doesNotContain(KeyKind.MARKET);
    assertThat(r.headlines())
        .extracting(EvidenceHeadline::title)
        .containsExactly(
            "Lender halts withdrawals", "Bank run fears spread", "Regulator fines bank");

    EmailMessage mail =
        new EmailRenderer(new GrafanaSettings("https://grafana.example.com", "d"))
            .render(
                new Notification(
                    "n1",
                    NotificationKind.DIGEST,
                    "desk",
                    new com.finpulse.alerts.notify.Target.Email("desk@example.com"),
                    "digest/desk/2026-11-20",
                    AlertStatus.RESOLVED,
                    List.of(),
                    r,
                    DIGEST_AT));
    assertThat(mail.subject())
        .isEqualTo("[FinPulse digest] desk, 2026-11-20: topic banking -0.50 vs week");
    assertThat(mail.text())
        .contains("topic banking")
        .contains("-0.50")
        .contains("Biggest movers")
        .contains("Lender halts withdrawals")
        .contains("Alerts fired for your keys: 2");
    assertThat(mail.html()).contains("<h3>Most negative headlines of the day</h3>");
  }

  @Test
  void schedulerSendsOncePerLocalDayToEmailAndSlackAndRemembersAcrossRestarts() {
    MutableClock clock = new MutableClock(DIGEST_AT.minusSeconds(60));
    SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
    registry.replaceFile(List.of(desk(null)), "subscriptions.yml");
    List<Notification> sent = new ArrayList<>();
    DigestScheduler scheduler =
        new DigestScheduler(
            settings,
            registry,
            new DigestBuilder(settings, source),
            sent::add,
            (s, a, b) -> 0,
            clock,
            new SimpleMeterRegistry());

    scheduler.runDue(); // 07:29
    assertThat(sent).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    scheduler.runDue(); // 07:31
    assertThat(sent)
        .extracting(n -> n.target().channel())
        .containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.WEBHOOK);
    assertThat(sent).allSatisfy(n -> assertThat(n.groupKey()).isEqualTo("digest/desk/2026-11-20"));
    scheduler.runDue();
    assertThat(sent).hasSize(2);

    // A restart: the outcome on the alerts topic says today's was sent.
    DigestScheduler restarted =
        new DigestScheduler(
            settings,
            registry,
            new DigestBuilder(settings, source),
            sent::add,
            (s, a, b) -> 0,
            clock,
            new SimpleMeterRegistry());
    restarted.remember(
        new NotificationOutcome(
            sent.get(0).id(),
            NotificationKind.DIGEST,
            "desk",
            NotificationChannel.EMAIL,
            "desk@example.com",
            "digest/desk/2026-11-20",
            List.of(),
            null,
            DeliveryOutcome.DELIVERED,
            1,
            null,
            null,
            clock.instant()));
    restarted.runDue();
    assertThat(sent).hasSize(2);

    clock.advance(Duration.ofDays(1));
    restarted.runDue();
    assertThat(sent).hasSize(4);
  }

  @Test
  void aDigestMissedByMoreThanCatchUpIsSkippedAndOptOutIsHonoured() {
    MutableClock clock = new MutableClock(DIGEST_AT.plus(Duration.ofHours(4)));
    SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
    Subscription optedOut =
        new Subscription(
            "quiet",
            List.of("banking"),
            List.of(),
            false,
            List.of(),
            null,
            null,
            null,
            new Channels(List.of("q@example.com"), List.of()),
            new DigestPreference(false, null, null));
    registry.replaceFile(List.of(desk(null), optedOut), "subscriptions.yml");
    List<Notification> sent = new ArrayList<>();
    DigestScheduler scheduler =
        new DigestScheduler(
            settings,
            registry,
            new DigestBuilder(settings, source),
            sent::add,
            (s, a, b) -> 0,
            clock,
            new SimpleMeterRegistry());
    scheduler.runDue();
    assertThat(sent).isEmpty();
    assertThat(scheduler.lastSent("desk")).isEqualTo(LocalDate.of(2026, 11, 20));
  }
}
