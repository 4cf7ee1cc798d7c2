package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection on synthetic 1m series through the real topology (TopologyTestDriver). */
class SpikeDetectorTest {

  private static final String TOPIC = "earnings";
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path stateDir;

  private final Random random = new Random(42);

  /** Poisson by inversion: fine for the small means used here. */
  private long poisson(double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    long k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private long binomial(long n, double p) {
    long k = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  /** {@code minutes} windows of steady noise: ~12 stories a minute, ~20% negative. */
  private Instant steady(DetectorHarness h, String key, Instant from, int minutes) {
    Instant t = from;
    for (int i = 0; i < minutes; i++) {
      long n = poisson(12);
      h.window(KeyKind.TOPIC, key, t, n, binomial(n, 0.2));
      t = t.plus(MINUTE);
    }
    return t;
  }

  @Test
  void steadyNoiseDoesNotFire() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      steady(h, TOPIC, DetectorHarness.T0, 600);
      assertThat(h.drainAlerts()).isEmpty();
    }
  }

  @Test
  void spikeFiresOnceWhileTheWindowIsInProgress() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant spike = steady(h, TOPIC, DetectorHarness.T0, 90);
      assertThat(h.drainAlerts()).isEmpty();

      // Evidence: four negative stories in the spike minute, one of them syndicated twice.
      h.negativeArticle(
          TOPIC,
          "Acme profit warning rattles lenders",
          -0.92,
          spike.plusSeconds(3),
          "00000000000000ff");
      h.negativeArticle(
          TOPIC,
          "Acme profit warning rattles lenders (wire copy)",
          -0.95,
          spike.plusSeconds(4),
          "00000000000000fe");
      h.negativeArticle(
          TOPIC,
          "Regulator opens probe into Beta Bank",
          -0.88,
          spike.plusSeconds(5),
          "0f0f0f0f0f0f0f0f");
      h.negativeArticle(
          TOPIC, "Gamma misses estimates", -0.41, spike.plusSeconds(6), "ffff0000ffff0000");
      h.negativeArticle(
          TOPIC,
          "Old story from the minute before",
          -0.99,
          spike.minusSeconds(5),
          "1234123412341234");

      // First update of the spike window: 20 stories, 16 negative, 20 seconds in.
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(20),
          20,
          16,
          20,
          16);
      List<Alert> fired = h.drainAlerts();
      assertThat(fired).hasSize(1);
      Alert a = fired.get(0);
      assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.keyKind()).isEqualTo(KeyKind.TOPIC);
      assertThat(a.key()).isEqualTo(TOPIC);
      assertThat(a.window()).isEqualTo(TrendWindow.ONE_MINUTE);
      assertThat(a.windowStart()).isEqualTo(spike);
      assertThat(a.startsAt()).isEqualTo(spike.plusSeconds(20));
      assertThat(a.id())
          .isEqualTo(AlertIds.of(KeyKind.TOPIC, TOPIC, TrendWindow.ONE_MINUTE, spike));
      assertThat(a.observedNegativeShare()).isEqualTo(0.8);
      assertThat(a.baselineNegativeShare()).isBetween(0.12, 0.28);
      assertThat(a.deviation()).isGreaterThanOrEqualTo(4.0);
      assertThat(a.volumeDeviation()).isGreaterThanOrEqualTo(4.0);
      assertThat(a.novelCount()).isEqualTo(20L);
      assertThat(a.summary()).contains("topic earnings").contains("80% of 20 stories");
      assertThat(a.evidence())
          .extracting(EvidenceHeadline::title)
          .containsExactly(
              "Acme profit warning rattles lenders (wire copy)",
              "Regulator opens probe into Beta Bank",
              "Gamma misses estimates");

      // The window keeps growing and the next minute stays as hot: one episode, no second alert.
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(40),
          22,
          17,
          22,
          17);
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike.plus(MINUTE),
          Duration.ofSeconds(30),
          20,
          16,
          20,
          16);
      assertThat(h.drainAlerts()).isEmpty();

      // It escalates: the same alert is re-emitted as critical, with the new window's numbers.
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike.plus(MINUTE),
          Duration.ofSeconds(50),
          40,
          34,
          40,
          34);
      List<Alert> escalated = h.drainAlerts();
      assertThat(escalated).hasSize(1);
      assertThat(escalated.get(0).id()).isEqualTo(a.id());
      assertThat(escalated.get(0).status()).isEqualTo(AlertStatus.FIRING);
      assertThat(escalated.get(0).severity()).isEqualTo(Severity.CRITICAL);
      assertThat(escalated.get(0).startsAt()).isEqualTo(a.startsAt());
      assertThat(escalated.get(0).windowStart()).isEqualTo(spike.plus(MINUTE));
    }
  }

  @Test
  void resolveFollowsRecoveryAfterThreeNormalWindows() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant spike = steady(h, TOPIC, DetectorHarness.T0, 90);
      h.window(KeyKind.TOPIC, TOPIC, spike, 30, 24);
      h.window(KeyKind.TOPIC, TOPIC, spike.plus(MINUTE), 30, 24);
      List<Alert> fired = h.drainAlerts();
      assertThat(fired).isNotEmpty();
      assertThat(fired).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
      String id = fired.get(0).id();

      // Recovery: a window closes 30 s after its end, so three normal windows are closed once the
      // update of the fifth one after the spike arrives.
      Instant t = spike.plus(MINUTE.multipliedBy(2));
      for (int i = 0; i < 3; i++) {
        h.window(KeyKind.TOPIC, TOPIC, t, 12, 2);
        t = t.plus(MINUTE);
      }
      assertThat(h.drainAlerts()).isEmpty();
      h.window(KeyKind.TOPIC, TOPIC, t, 12, 2);
      t = t.plus(MINUTE);
      List<Alert> resolved = h.drainAlerts();
      assertThat(resolved).hasSize(1);
      Alert r = resolved.get(0);
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(r.endsAt()).isEqualTo(spike.plus(MINUTE.multipliedBy(5)));
      assertThat(r.startsAt()).isEqualTo(fired.get(0).startsAt());

      steady(h, TOPIC, t, 30);
      assertThat(h.drainAlerts()).isEmpty();
    }
  }

  @Test
  void aLastingSpikeStaysOpenUntilItSubsides() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant spike = steady(h, TOPIC, DetectorHarness.T0, 90);
      // Fifteen minutes of 80% negative news: the spike must not become its own baseline.
      Instant t = spike;
      for (int i = 0; i < 15; i++) {
        h.window(KeyKind.TOPIC, TOPIC, t, 30, 24);
        t = t.plus(MINUTE);
      }
      List<Alert> during = h.drainAlerts();
      assertThat(during).isNotEmpty();
      assertThat(during).noneSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));

      for (int i = 0; i < 5; i++) {
        h.window(KeyKind.TOPIC, TOPIC, t, 12, 2);
        t = t.plus(MINUTE);
      }
      List<Alert> after = h.drainAlerts();
      assertThat(after).hasSize(1);
      assertThat(after.get(0).status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(after.get(0).endsAt()).isEqualTo(spike.plus(MINUTE.multipliedBy(18)));
    }
  }

  @Test
  void quietPeriodResolvesByTheWallClock() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant spike = steady(h, TOPIC, DetectorHarness.T0, 60);
      h.window(KeyKind.TOPIC, TOPIC, spike, 30, 24);
      List<Alert> fired = h.drainAlerts();
      assertThat(fired)
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
      // No news at all afterwards: empty windows are normal windows.
      h.advanceWallTo(spike.plus(MINUTE.multipliedBy(6)));
      assertThat(h.drainAlerts()).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
    }
  }

  @Test
  void smallVolumeJumpDoesNotFire() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant t = DetectorHarness.T0;
      for (int i = 0; i < 120; i++) {
        long n = poisson(1.5);
        h.window(KeyKind.TOPIC, "obscure", t, n, binomial(n, 0.2));
        t = t.plus(MINUTE);
      }
      // 2 -> 4 stories, all negative: a 100% share, but below the 5 novel stories a 1m window
      // needs.
      h.window(KeyKind.TOPIC, "obscure", t, 4, 4);
      h.window(KeyKind.TOPIC, "obscure", t.plus(MINUTE), 4, 4);
      assertThat(h.drainAlerts()).isEmpty();
    }
  }

  @Test
  void syndicatedDuplicatesDoNotFire() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      Instant spike = steady(h, TOPIC, DetectorHarness.T0, 90);
      // One negative wire story syndicated 60 times: the raw counts explode, the novelty-adjusted
      // ones barely move (13 stories, 4 negative).
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(30),
          72,
          63,
          13,
          4);
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(58),
          75,
          64,
          14,
          4);
      steady(h, TOPIC, spike.plus(MINUTE), 5);
      assertThat(h.drainAlerts()).isEmpty();
    }
  }

  @Test
  void restartKeepsStateNeitherRefiringNorForgetting(@TempDir Path secondStateDir) {
    DetectionSettings settings = DetectorHarness.defaults();
    Instant spike;
    Alert fired;
    List<org.apache.kafka.streams.KeyValue<String, DetectorState>> saved;
    ClockAnchor anchor;
    try (DetectorHarness h = new DetectorHarness(settings, stateDir)) {
      spike = steady(h, TOPIC, DetectorHarness.T0, 90);
      h.window(KeyKind.TOPIC, TOPIC, spike, 30, 24);
      List<Alert> alerts = h.drainAlerts();
      // Fires on the update at 40 s (20 of 30 stories so far), escalates to critical at 58 s.
      assertThat(alerts)
          .extracting(Alert::severity)
          .containsExactly(Severity.WARNING, Severity.CRITICAL);
      assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
      fired = alerts.get(1);
      saved = h.detectorStates();
      anchor = h.clockAnchor();
    }
    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).value.episode()).isNotNull();

    // A new instance, its store restored (as from the changelog): the spike window's further
    // updates do not fire again, and recovery resolves the same alert.
    try (DetectorHarness h =
        new DetectorHarness(
            settings,
            ThresholdProfiles.fixed(settings.defaultProfile()),
            secondStateDir,
            spike.plusSeconds(59))) {
      h.restore(saved, anchor);
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(59),
          30,
          24,
          30,
          24);
      assertThat(h.drainAlerts()).isEmpty();
      Instant t = spike.plus(MINUTE);
      for (int i = 0; i < 5; i++) {
        h.window(KeyKind.TOPIC, TOPIC, t, 12, 2);
        t = t.plus(MINUTE);
      }
      List<Alert> after = h.drainAlerts();
      assertThat(after).hasSize(1);
      assertThat(after.get(0).status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(after.get(0).id()).isEqualTo(fired.id());
    }
  }

  @Test
  void subscriptionWithLowerThresholdsFiresEarlierAndStricterProfilesEscalate() {
    DetectionSettings settings = DetectorHarness.defaults();
    ThresholdProfile defaults = settings.defaultProfile();
    ThresholdProfile sensitive =
        settings
            .thresholds()
            .overriddenBy(new Thresholds(2.5, null, Map.of("1m", 3), null, null))
            .resolve(settings.windows());
    try (DetectorHarness h =
        new DetectorHarness(
            settings, (kind, key) -> List.of(defaults, sensitive), stateDir, DetectorHarness.T0)) {
      // A noiseless history (12 stories, 2 negative, every minute): the sensitive profile's low
      // bar must not be crossed by chance before the test's window.
      Instant spike = DetectorHarness.T0;
      for (int i = 0; i < 60; i++) {
        h.window(KeyKind.TOPIC, TOPIC, spike, 12, 2);
        spike = spike.plus(MINUTE);
      }
      assertThat(h.drainAlerts()).isEmpty();
      // 7 stories, all negative: a volume deviation of about 3, enough for the sensitive profile
      // (2.5) only.
      h.update(
          KeyKind.TOPIC, TOPIC, TrendWindow.ONE_MINUTE, spike, Duration.ofSeconds(10), 7, 7, 7, 7);
      List<Alert> first = h.drainAlerts();
      assertThat(first).hasSize(1);
      assertThat(first.get(0).novelCount()).isEqualTo(7L);
      assertThat(first.get(0).volumeDeviation()).isBetween(2.5, 4.0);
      // Later the default profile passes too: the same alert is re-emitted with the new numbers.
      h.update(
          KeyKind.TOPIC,
          TOPIC,
          TrendWindow.ONE_MINUTE,
          spike,
          Duration.ofSeconds(30),
          20,
          16,
          20,
          16);
      List<Alert> second = h.drainAlerts();
      assertThat(second).hasSize(1);
      assertThat(second.get(0).id()).isEqualTo(first.get(0).id());
      assertThat(second.get(0).novelCount()).isEqualTo(20L);
    }
  }
}
