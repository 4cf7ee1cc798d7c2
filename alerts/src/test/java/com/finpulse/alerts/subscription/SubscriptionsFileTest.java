package com.finpulse.alerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.detect.DetectionSettings;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsFileTest {

  private static final Map<String, String> ENV =
      Map.of(
          "CREDIT_DESK_WEBHOOK_SECRET",
          "s3cr3t-s3cr3t-s3cr3t",
          "DESK_SECRET",
          "0123456789abcdefXYZ");

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(ENV);
  private final DetectionSettings detection =
      AlertsConfig.load(new ConfigLoader(Map.of()), null).detection();

  private Path write(String name, String yaml) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void shippedExampleValidates() throws Exception {
    Path copy = dir.resolve("subscriptions.yml");
    try (InputStream in = getClass().getResourceAsStream("/subscriptions.example.yml")) {
      Files.copy(in, copy);
    }
    SubscriptionsFile f = loader.loadFile(SubscriptionsFile.class, copy);

    assertThat(f.subscriptions())
        .extracting(Subscription::name)
        .containsExactly("credit-desk", "quant-signals", "head-of-risk");
    Subscription credit = f.subscriptions().get(0);
    assertThat(credit.covers(KeyKind.TOPIC, "financials", TrendWindow.ONE_MINUTE)).isTrue();
    assertThat(credit.covers(KeyKind.TICKER, "jpm", TrendWindow.ONE_HOUR)).isTrue();
    assertThat(credit.covers(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE)).isFalse();
    assertThat(credit.channels().webhooks().get(0).secret()).isEqualTo("s3cr3t-s3cr3t-s3cr3t");
    assertThat(credit.channels().webhooks().get(0).toString()).doesNotContain("s3cr3t");
    // 23:30 in London is quiet; a critical alert still goes out, a warning waits until 07:00.
    Instant night = Instant.parse("2026-11-20T23:30:00Z");
    assertThat(credit.quietHours().lets(Severity.CRITICAL, night)).isTrue();
    assertThat(credit.quietHours().lets(Severity.WARNING, night)).isFalse();
    assertThat(credit.quietHours().nextEnd(night)).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
    Subscription quant = f.subscriptions().get(1);
    assertThat(quant.covers(KeyKind.TICKER, "ANY", TrendWindow.ONE_MINUTE)).isFalse();
    assertThat(quant.covers(KeyKind.TICKER, "ANY", TrendWindow.FIVE_MINUTES)).isTrue();
    assertThat(f.subscriptions().get(2).covers(KeyKind.MARKET, "all")).isTrue();
  }

  @Test
  void everyProblemIsReportedWithFileAndLine() throws Exception {
    Path p =
        write(
            "bad.yml",
            """
            subscriptions:
              - name: desk
                topics: [Financials]
                channels:
                  email: [not-an-address]
              - name: desk
                tickers: [ACME]
                channels:
                  webhooks:
                    - url: https://hooks.example.com/x
                      format: alertmanager
              - name: nothing-selected
                channels:
                  email: [a@example.com]
              - name: misspelt
                topics: [Finance]
                channels:
                  email: [a@example.com]
            """);
    assertThatThrownBy(() -> loader.loadFile(SubscriptionsFile.class, p))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              List<String> problems = ((ConfigException) e).problems();
              assertThat(problems)
                  .anySatisfy(m -> assertThat(m).startsWith(p + ":5:").contains("not-an-address"))
                  .anySatisfy(
                      m ->
                          assertThat(m)
                              .startsWith(p + ":16:")
                              .contains("unknown topic 'Finance'")
                              .contains("Financials"))
                  .anySatisfy(
                      m ->
                          assertThat(m)
                              .startsWith(p + ":10:")
                              .contains("secret")
                              .contains("required"))
                  .anySatisfy(m -> assertThat(m).startsWith(p + ":6:").contains("'desk' is used"))
                  .anySatisfy(
                      m -> assertThat(m).startsWith(p + ":12:").contains("at least one topic"));
            });
  }

  @Test
  void typosBadZonesAndMissingSecretsNameTheLine() throws Exception {
    Path typo =
        write(
            "typo.yml",
            """
            subscriptions:
              - name: desk
                topics: [Financials]
                min_severty: critical
                channels: {email: [a@example.com]}
            """);
    assertThatThrownBy(() -> loader.loadFile(SubscriptionsFile.class, typo))
        .hasMessageStartingWith(typo + ":4:")
        .hasMessageContaining("unknown key 'min_severty'");

    Path zone =
        write(
            "zone.yml",
            """
            subscriptions:
              - name: desk
                topics: [Financials]
                quiet_hours: {from: "22:00", to: "07:00", time_zone: Europe/Londn}
                channels: {email: [a@example.com]}
            """);
    assertThatThrownBy(() -> loader.loadFile(SubscriptionsFile.class, zone))
        .hasMessageStartingWith(zone + ":4:")
        .hasMessageContaining("Europe/Londn");

    Path secret =
        write(
            "secret.yml",
            """
            subscriptions:
              - name: desk
                topics: [Financials]
                channels:
                  webhooks:
                    - url: https://hooks.example.com/x
                      secret: ${UNSET_SECRET}
            """);
    assertThatThrownBy(() -> loader.loadFile(SubscriptionsFile.class, secret))
        .hasMessageStartingWith(secret + ":7:")
        .hasMessageContaining("UNSET_SECRET is not set");
  }

  @Test
  void hotReloadAppliesGoodEditsAndKeepsTheLastGoodConfigOnBadOnes() throws Exception {
    Path p =
        write(
            "subscriptions.yml",
            """
            subscriptions:
              - name: desk
                topics: [Financials]
                channels: {email: [desk@example.com]}
            """);
    SubscriptionRegistry registry = new SubscriptionRegistry(detection);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    int[] changes = {0};
    registry.onChange(() -> changes[0]++);
    try (SubscriptionFileWatcher watcher =
        new SubscriptionFileWatcher(p, loader, registry, meters)) {
      watcher.loadInitial();
      assertThat(registry.names()).containsExactly("desk");

      Files.writeString(
          p,
          """
          subscriptions:
            - name: desk
              topics: [Financials]
              channels: {email: [desk@example.com]}
            - name: quant
              tickers: [ACME]
              thresholds: {warning_z: 2.5}
              channels:
                webhooks: [{url: "https://hooks.example.com/q", secret: "${DESK_SECRET}"}]
          """);
      watcher.poll();
      assertThat(registry.names()).containsExactlyInAnyOrder("desk", "quant");
      assertThat(registry.find("quant").orElseThrow().profile().warningZ()).isEqualTo(2.5);
      assertThat(registry.thresholdProfiles().forKey(KeyKind.TICKER, "ACME")).hasSize(2);
      assertThat(registry.thresholdProfiles().forKey(KeyKind.TOPIC, "Financials")).hasSize(1);

      // A bad edit: rejected with the line, the two subscriptions stay.
      Files.writeString(
          p,
          """
          subscriptions:
            - name: desk
              topics: [Financials]
              channels: {email: [desk@@example.com]}
          """);
      watcher.poll();
      watcher.poll(); // unchanged content: not re-reported
      assertThat(registry.names()).containsExactlyInAnyOrder("desk", "quant");
      assertThat(watcher.status().lastError()).startsWith(p + ":4:").contains("desk@@example.com");
      assertThat(meters.counter("finpulse.alerts.config.reloads", "outcome", "rejected").count())
          .isEqualTo(1);

      // The file vanishes for a moment (editor save by rename): nothing changes.
      Files.delete(p);
      watcher.poll();
      assertThat(registry.names()).containsExactlyInAnyOrder("desk", "quant");

      Files.writeString(
          p,
          """
          subscriptions:
            - name: desk2
              topics: [Financials]
              channels: {email: [desk@example.com]}
          """);
      watcher.poll();
      assertThat(registry.names()).containsExactly("desk2");
      assertThat(watcher.status().lastError()).isNull();
      assertThat(changes[0]).isEqualTo(3);
    }
  }

  @Test
  void apiSubscriptionsPersistAndCannotTakeAFileName() throws Exception {
    SubscriptionRegistry registry = new SubscriptionRegistry(detection);
    registry.replaceFile(List.of(subscription("desk")), "subscriptions.yml");
    ApiSubscriptionStore store = new ApiSubscriptionStore(dir, registry, url -> null);
    store.load();

    assertThat(store.add(subscription("desk"))).anySatisfy(m -> assertThat(m).contains("exists"));
    assertThat(store.add(subscription("bad name!")))
        .anySatisfy(m -> assertThat(m).startsWith("name:"));
    assertThat(store.add(subscription("api-desk"))).isEmpty();
    assertThat(registry.find("api-desk").orElseThrow().source())
        .isEqualTo(SubscriptionRegistry.Source.API);

    // A restart reads them back.
    SubscriptionRegistry again = new SubscriptionRegistry(detection);
    new ApiSubscriptionStore(dir, again, url -> null).load();
    assertThat(again.names()).containsExactly("api-desk");
    assertThat(
            again
                .find("api-desk")
                .orElseThrow()
                .subscription()
                .channels()
                .webhooks()
                .get(0)
                .secret())
        .isEqualTo("0123456789abcdef-secret");

    assertThat(store.remove("desk")).isFalse(); // defined in the file
    assertThat(store.remove("api-desk")).isTrue();
    assertThat(registry.names()).containsExactly("desk");
  }

  private static Subscription subscription(String name) {
    return new Subscription(
        name,
        List.of("Financials"),
        List.of(),
        false,
        List.of(),
        null,
        null,
        null,
        new Channels(
            List.of("desk@example.com"),
            List.of(
                new WebhookSpec("https://hooks.example.com/x", "0123456789abcdef-secret", null))),
        null);
  }
}
