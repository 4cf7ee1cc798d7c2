package com.finpulse.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.notify.webhook.AlertmanagerPayload;
import com.finpulse.alerts.notify.webhook.NetworkRange;
import com.finpulse.alerts.notify.webhook.SlackPayload;
import com.finpulse.alerts.notify.webhook.TargetGuard;
import com.finpulse.alerts.notify.webhook.WebhookChannel;
import com.finpulse.alerts.notify.webhook.WebhookSigner;
import com.finpulse.alerts.subscription.WebhookFormat;
import com.finpulse.alerts.subscription.WebhookSpec;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestNotifications;
import com.finpulse.alerts.testing.WebhookReceiver;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhooks against a local receiver (JDK HttpServer on 127.0.0.1). */
class WebhookChannelTest {

  private static final String SECRET = "whsec-TOPSECRET-0123456789";
  private static final Instant AT = Instant.parse("2026-11-20T10:15:20Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookReceiver receiver;
  private final List<NotificationOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    receiver.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private static WebhookChannel channel(List<NetworkRange> allowed) {
    return new WebhookChannel(
        new TargetGuard(allowed),
        new AlertmanagerPayload(EmailChannelTest.GRAFANA),
        new SlackPayload(EmailChannelTest.GRAFANA),
        Duration.ofSeconds(2),
        Clock.systemUTC());
  }

  private static List<NetworkRange> loopbackAllowed() {
    return List.of(NetworkRange.parse("127.0.0.1/32"));
  }

  private DeliveryQueue queue(WebhookChannel channel, int maxAttempts) {
    return new DeliveryQueue(
        Map.of(NotificationChannel.WEBHOOK, channel),
        Map.of(NotificationChannel.WEBHOOK, maxAttempts),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
        2,
        (n, attempt) -> IntentJournal.Permit.SEND,
        (n, o) -> outcomes.add(o),
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private Notification notification(String path, WebhookFormat format) {
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.8, AT);
    Alert b =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.FIVE_MINUTES, Severity.WARNING, 0.6, AT);
    return TestNotifications.alert(
        "credit", new Target.Webhook(new WebhookSpec(receiver.url(path), SECRET, format)), a, b);
  }

  @Test
  void alertmanagerPayloadHasTheV4ShapeAndASignatureThatVerifies() throws Exception {
    Notification n = notification("/hook", WebhookFormat.ALERTMANAGER);
    assertThat(channel(loopbackAllowed()).deliver(n, 1).kind())
        .isEqualTo(DeliveryResult.Kind.DELIVERED);

    WebhookReceiver.Request r = receiver.next(5000);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Idempotency-Key")).isEqualTo(n.id());
    assertThat(r.header("X-FinPulse-Event")).isEqualTo("alert");
    String ts = r.header("X-FinPulse-Timestamp");
    assertThat(Long.parseLong(ts))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    assertThat(WebhookSigner.verify(SECRET, ts, r.body(), r.header("X-FinPulse-Signature")))
        .isTrue();
    assertThat(
            WebhookSigner.verify(
                "wrong-secret-0123456789", ts, r.body(), r.header("X-FinPulse-Signature")))
        .isFalse();
    // The documented construction, spelled out: HMAC-SHA256(secret, timestamp + "." + body), hex.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    String manual =
        java.util.HexFormat.of()
            .formatHex(
                mac.doFinal(
                    (ts + "." + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(r.header("X-FinPulse-Signature")).isEqualTo("v1=" + manual);

    JsonNode p = JSON.readTree(r.body());
    assertThat(p.get("version").asText()).isEqualTo("4");
    assertThat(p.get("status").asText()).isEqualTo("firing");
    assertThat(p.get("receiver").asText()).isEqualTo("credit");
    assertThat(p.get("groupKey").asText()).isEqualTo("credit/topic:banking");
    assertThat(p.get("truncatedAlerts").asInt()).isZero();
    assertThat(p.get("groupLabels").get("key").asText()).isEqualTo("banking");
    assertThat(p.get("commonLabels").get("alertname").asText()).isEqualTo("NegativeNewsSpike");
    assertThat(p.get("commonLabels").has("window")).isFalse(); // differs between the two alerts
    assertThat(p.get("externalURL").asText())
        .startsWith("https://grafana.example.com/d/finpulse-drilldown");
    JsonNode a = p.get("alerts").get(0);
    assertThat(p.get("alerts")).hasSize(2);
    assertThat(a.get("status").asText()).isEqualTo("firing");
    assertThat(a.get("labels").get("severity").asText()).isEqualTo("critical");
    assertThat(a.get("labels").get("window").asText()).isEqualTo("1m");
    assertThat(a.get("labels").get("key_kind").asText()).isEqualTo("topic");
    assertThat(a.get("annotations").get("summary").asText()).contains("banking");
    assertThat(a.get("annotations").get("negative_share").asText()).isEqualTo("0.8000");
    assertThat(a.get("startsAt").asText()).isEqualTo("2026-11-20T10:15:20Z");
    assertThat(a.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(a.get("fingerprint").asText()).isEqualTo(n.alerts().get(0).alert().id());
    assertThat(a.get("generatorURL").asText()).contains("var-key=banking");
    assertThat(a.get("evidence").get(0).get("url").asText())
        .isEqualTo("https://news.example.com/acme?x=1&y=2");
    assertThat(p.get("finpulse").get("notification_id").asText()).isEqualTo(n.id());
  }

  @Test
  void slackFormatIsASlackMessage() throws Exception {
    Notification n = notification("/slack", WebhookFormat.SLACK);
    channel(loopbackAllowed()).deliver(n, 1);
    JsonNode p = JSON.readTree(receiver.next(5000).body());
    assertThat(p.get("text").asText()).startsWith("[CRITICAL] topic banking: ");
    assertThat(p.get("blocks").get(0).get("type").asText()).isEqualTo("header");
    String section = p.get("blocks").get(1).get("text").get("text").asText();
    assertThat(section)
        .contains(
            "<https://news.example.com/acme?x=1&y=2|Acme &lt;b&gt;profit&lt;/b&gt; warning &amp; lenders' worries>")
        .contains("|Open in Grafana>");
  }

  @Test
  void retriesAfter500sWithTheSameIdempotencyKeySoTheReceiverProcessesOnce() throws Exception {
    receiver.answer(500, 503, 500);
    Notification n = notification("/hook", WebhookFormat.ALERTMANAGER);
    try (DeliveryQueue q = queue(channel(loopbackAllowed()), 10)) {
      q.submit(n);
      List<WebhookReceiver.Request> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        WebhookReceiver.Request r = receiver.next(5000);
        assertThat(r).as("attempt %d", i + 1).isNotNull();
        seen.add(r);
      }
      assertThat(seen).extracting(r -> r.header("Idempotency-Key")).containsOnly(n.id());
      assertThat(seen)
          .extracting(r -> r.header("X-FinPulse-Attempt"))
          .containsExactly("1", "2", "3", "4");
      assertThat(seen)
          .allSatisfy(
              r ->
                  assertThat(
                          WebhookSigner.verify(
                              SECRET,
                              r.header("X-FinPulse-Timestamp"),
                              r.body(),
                              r.header("X-FinPulse-Signature")))
                      .isTrue());
      assertThat(seen)
          .extracting(r -> new String(r.body()))
          .containsOnly(new String(seen.get(0).body()));
      Thread.sleep(300);
      assertThat(receiver.requestsWaiting()).isZero();
      assertThat(receiver.processedCount()).isEqualTo(1);
      assertThat(outcomes)
          .extracting(NotificationOutcome::outcome)
          .containsExactly(
              DeliveryOutcome.FAILED,
              DeliveryOutcome.FAILED,
              DeliveryOutcome.FAILED,
              DeliveryOutcome.DELIVERED);
      assertThat(outcomes.get(0).httpStatus()).isEqualTo(500);
      assertThat(outcomes.get(3).attempts()).isEqualTo(4);
    }
  }

  @Test
  void deadLetterAfterMaxAttemptsAndAt4xxAndRedirectsAreNotFollowed() throws Exception {
    receiver.answer(500, 500, 500);
    try (DeliveryQueue q = queue(channel(loopbackAllowed()), 3)) {
      q.submit(notification("/down", WebhookFormat.ALERTMANAGER));
      waitFor(() -> outcomes.size() >= 3);
    }
    assertThat(outcomes)
        .extracting(NotificationOutcome::outcome)
        .containsExactly(
            DeliveryOutcome.FAILED, DeliveryOutcome.FAILED, DeliveryOutcome.DEAD_LETTER);

    outcomes.clear();
    receiver.answer(302);
    assertThat(
            channel(loopbackAllowed())
                .deliver(notification("/moved", WebhookFormat.ALERTMANAGER), 1))
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
              assertThat(r.error()).contains("redirects are not followed");
            });
    receiver.answer(400);
    assertThat(
            channel(loopbackAllowed())
                .deliver(notification("/bad", WebhookFormat.ALERTMANAGER), 1)
                .kind())
        .isEqualTo(DeliveryResult.Kind.PERMANENT);
    receiver.answer(429);
    assertThat(
            channel(loopbackAllowed())
                .deliver(notification("/slow", WebhookFormat.ALERTMANAGER), 1)
                .kind())
        .isEqualTo(DeliveryResult.Kind.RETRY);
  }

  @Test
  void ssrfGuardRefusesLocalTargetsUnlessAllowed() throws Exception {
    try (DeliveryQueue q = queue(channel(List.of()), 5)) {
      q.submit(notification("/hook", WebhookFormat.ALERTMANAGER));
      waitFor(() -> !outcomes.isEmpty());
    }
    assertThat(outcomes.get(0).outcome()).isEqualTo(DeliveryOutcome.DEAD_LETTER);
    assertThat(outcomes.get(0).error()).contains("127.0.0.1").contains("loopback").contains("SSRF");
    assertThat(receiver.next(300)).isNull(); // nothing reached the receiver
  }

  @Test
  void secretsAndUrlTokensNeverReachLogsOrRecords() throws Exception {
    String token = "SLACKTOKEN-9f8e7d6c5b4a";
    receiver.answer(500, 500);
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.8, AT);
    Notification reachable =
        TestNotifications.alert(
            "credit",
            new Target.Webhook(
                new WebhookSpec(
                    receiver.url("/services/T0/B0/" + token), SECRET, WebhookFormat.ALERTMANAGER)),
            a);
    Notification refused =
        TestNotifications.alert(
            "credit",
            new Target.Webhook(
                new WebhookSpec(
                    "http://169.254.169.254/latest/" + token, SECRET, WebhookFormat.SLACK)),
            a);
    Notification unreachable =
        TestNotifications.alert(
            "credit",
            new Target.Webhook(
                new WebhookSpec(
                    "http://127.0.0.1:1/x/" + token, SECRET, WebhookFormat.ALERTMANAGER)),
            a);
    try (DeliveryQueue q = queue(channel(loopbackAllowed()), 3)) {
      q.submit(reachable);
      q.submit(refused);
      q.submit(unreachable);
      waitFor(() -> outcomes.stream().filter(o -> o.outcome().isFinal()).count() >= 3);
    }
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(6);
    List<String> everything = new java.util.ArrayList<>();
    logs.list.forEach(
        e ->
            everything.add(
                e.getFormattedMessage()
                    + " "
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
    outcomes.forEach(o -> everything.add(o.toString()));
    everything.add(reachable.target().toString());
    everything.add(((Target.Webhook) reachable.target()).spec().toString());
    assertThat(logs.list).isNotEmpty();
    assertThat(everything).noneSatisfy(s -> assertThat(s).contains(SECRET));
    assertThat(everything).noneSatisfy(s -> assertThat(s).contains(token));
    assertThat(everything).anySatisfy(s -> assertThat(s).contains("http://127.0.0.1:"));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
