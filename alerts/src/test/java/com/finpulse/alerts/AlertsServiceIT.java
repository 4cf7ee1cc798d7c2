package com.finpulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.notify.webhook.WebhookSigner;
import com.finpulse.alerts.testing.TestTrends;
import com.finpulse.alerts.testing.WebhookReceiver;
import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.embedded.junit.SmtpServers;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service against a real broker, a real SMTP server and a local webhook receiver: trend
 * points and scored articles in, one firing alert out to e-mail and webhook within 5 s of the
 * tipping update (group_wait 0), a restart that neither re-notifies nor forgets, then the resolve.
 */
class AlertsServiceIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final GreenMailExtension SMTP = SmtpServers.extension();

  private static final String SECRET = "it-webhook-secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WebhookReceiver receiver;
  private KafkaProducer<String, byte[]> producer;
  private final List<AlertsService> running = new ArrayList<>();
  private SimpleMeterRegistry meters;

  @BeforeEach
  void setUp() throws Exception {
    receiver = new WebhookReceiver();
    Map<String, Object> p = KAFKA.producerConfig();
    p.put("key.serializer", StringSerializer.class.getName());
    p.put(
        "value.serializer",
        org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        streams:
          application_id: alerts-it
        history:
          influx: false
        metrics:
          influx: false
          jmx: false
        routing:
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        delivery:
          initial_backoff: 100ms
          max_backoff: 1s
          webhook_max_attempts: 3
          allowed_private_networks: [127.0.0.1/32]
        api:
          bind: 127.0.0.1:0
          console_bind: ""
          token: it-api-token-0123456789
        digest:
          enabled: false
        """);
    Files.writeString(
        dir.resolve("subscriptions.yml"),
        """
        subscriptions:
          - name: earnings-desk
            topics: [earnings]
            channels:
              email: [desk@example.com]
              webhooks:
                - url: %s
                  secret: ${DESK_SECRET}
          - name: broken-hook
            topics: [earnings]
            channels:
              webhooks:
                - url: http://127.0.0.1:1/nobody-listens
                  secret: ${DESK_SECRET}
        """
            .formatted(receiver.url("/hook")));
  }

  @AfterEach
  void tearDown() {
    running.forEach(AlertsService::close);
    producer.close();
    receiver.close();
  }

  private AlertsService start() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("SMTP_HOST", "127.0.0.1");
    env.put("SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()));
    env.put("SMTP_USERNAME", SmtpServers.LOGIN);
    env.put("SMTP_PASSWORD", SmtpServers.PASSWORD);
    env.put("SMTP_FROM", SmtpServers.USER);
    env.put("DESK_SECRET", SECRET);
    meters = new SimpleMeterRegistry();
    ServiceContext ctx =
        new ServiceContext(
            env,
            dir,
            meters,
            dir.resolve("state"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Map.of("console", "true"));
    AlertsService s = AlertsService.create(ctx, null, null);
    running.add(s);
    s.start();
    return s;
  }

  private void stop(AlertsService s) {
    s.close();
    running.remove(s);
  }

  private void trend(Instant windowStart, long novel, long negative) {
    TrendPoint p = TestTrends.topicMinute("earnings", windowStart, novel, negative);
    send(
        Topics.SENTIMENT_TRENDS,
        p.recordKey(),
        EventSerdes.trendPoint().serialize(Topics.SENTIMENT_TRENDS, p));
  }

  private void negativeArticle(String title, double score, Instant at) {
    ScoredArticle a =
        new ScoredArticle(
            ArticleIds.fromContent(title, at, "it"),
            "wire",
            "https://news.example.com/" + Math.abs(title.hashCode()),
            title,
            at,
            at,
            at,
            List.of("ACME"),
            Long.toHexString(title.hashCode() * 0x9E3779B97F4A7C15L | 1L),
            Sentiment.NEGATIVE,
            new SentimentScores(0.9, 0.05, 0.05),
            score,
            "earnings",
            Map.of("earnings", 0.9),
            "it-model",
            at,
            java.util.Map.of());
    send(
        Topics.NEWS_SCORED,
        a.articleId(),
        EventSerdes.scoredArticle().serialize(Topics.NEWS_SCORED, a));
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void spikeFiresOnceToEmailAndWebhookWithinFiveSecondsSurvivesARestartAndResolves()
      throws Exception {
    AlertsService service = start();
    HttpClient http = HttpClient.newHttpClient();
    URI api = URI.create("http://127.0.0.1:" + service.apiAddress().getPort() + "/api/v1/");

    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
    for (int i = 0; i < 30; i++) {
      trend(t0.plus(Duration.ofMinutes(i)), 12, 2);
    }
    Instant spike = t0.plus(Duration.ofMinutes(30));
    negativeArticle("Acme slashes guidance, shares plunge", -0.94, spike.plusSeconds(2));
    negativeArticle("Auditor resigns at Beta Corp", -0.88, spike.plusSeconds(3));
    // The headlines take two hops (news.scored, then their repartition) where the trend takes one;
    // give them a head start, as the processor's own latency does in a live pipeline.
    Thread.sleep(3000);

    long tipped = System.nanoTime();
    trend(spike, 20, 16);

    // Polled here every 10 ms: GreenMail's own wait is coarser than what is measured.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (SMTP.getReceivedMessages().length == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    long emailMs = (System.nanoTime() - tipped) / 1_000_000;
    WebhookReceiver.Request hook = receiver.next(10_000);
    assertThat(hook).isNotNull();
    long webhookMs = (hook.receivedNanos() - tipped) / 1_000_000;
    System.out.printf(
        "MEASURED tipping update -> e-mail %d ms, webhook %d ms%n", emailMs, webhookMs);
    assertThat(emailMs).isLessThan(5000);
    assertThat(webhookMs).isLessThan(5000);

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject())
        .startsWith("[FinPulse CRITICAL] topic earnings (1m): 80% negative vs 17% baseline");
    String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
    assertThat(text)
        .contains("Acme slashes guidance, shares plunge")
        .contains("Auditor resigns at Beta Corp");

    assertThat(
            WebhookSigner.verify(
                SECRET,
                hook.header("X-FinPulse-Timestamp"),
                hook.body(),
                hook.header("X-FinPulse-Signature")))
        .isTrue();
    JsonNode payload = JSON.readTree(hook.body());
    assertThat(payload.get("status").asText()).isEqualTo("firing");
    assertThat(payload.get("alerts")).hasSize(1);
    String alertId = payload.get("alerts").get(0).get("fingerprint").asText();

    // The API sees it open; without the token it says 401.
    HttpResponse<String> open =
        http.send(
            HttpRequest.newBuilder(api.resolve("alerts?state=open"))
                .header("Authorization", "Bearer it-api-token-0123456789")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).contains(alertId);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(api.resolve("alerts")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);

    // Let the outcomes reach the topic (two deliveries, one dead letter), then restart: nothing is
    // sent again.
    waitForOutcomes(2, 1);
    assertThat(service.config().delivery().webhookMaxAttempts()).isEqualTo(3);
    stop(service);
    service = start();
    Thread.sleep(3000);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(receiver.next(200)).isNull();

    // Recovery: the restarted service remembers the open alert and resolves it.
    for (int i = 1; i <= 5; i++) {
      trend(spike.plus(Duration.ofMinutes(i)), 12, 2);
    }
    assertThat(SMTP.waitForIncomingEmail(15_000, 2)).isTrue();
    assertThat(SMTP.getReceivedMessages()[1].getSubject())
        .startsWith("[FinPulse RESOLVED] topic earnings (1m)");
    WebhookReceiver.Request resolved = receiver.next(15_000);
    assertThat(resolved).isNotNull();
    assertThat(JSON.readTree(resolved.body()).get("status").asText()).isEqualTo("resolved");
    assertThat(JSON.readTree(resolved.body()).get("alerts").get(0).get("fingerprint").asText())
        .isEqualTo(alertId);

    List<Alert> alerts = new ArrayList<>();
    List<NotificationOutcome> outcomes = new ArrayList<>();
    readAlertsTopic(alerts, outcomes, 4);
    assertThat(alerts)
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts).extracting(Alert::id).containsOnly(alertId);
    // The unreachable webhook: retried, then a dead letter on the alerts topic, for each change.
    assertThat(outcomes)
        .filteredOn(o -> o.subscription().equals("broken-hook"))
        .filteredOn(o -> o.outcome() == DeliveryOutcome.DEAD_LETTER)
        .hasSize(2)
        .allSatisfy(
            o -> {
              assertThat(o.attempts()).isEqualTo(3);
              assertThat(o.target()).startsWith("http://127.0.0.1:1#");
              assertThat(o.error()).contains("ConnectException");
            });
    assertThat(outcomes)
        .filteredOn(o -> o.subscription().equals("broken-hook"))
        .filteredOn(o -> o.outcome() == DeliveryOutcome.FAILED)
        .hasSize(4);
    assertThat(outcomes)
        .filteredOn(o -> o.subscription().equals("earnings-desk"))
        .filteredOn(o -> o.outcome() == DeliveryOutcome.DELIVERED)
        .extracting(NotificationOutcome::channel)
        .containsExactlyInAnyOrder(
            NotificationChannel.EMAIL,
            NotificationChannel.WEBHOOK,
            NotificationChannel.EMAIL,
            NotificationChannel.WEBHOOK);
    assertThat(service.isIdle()).isTrue();
    // The second instance counted the resolve, not the replayed firing.
    assertThat(meters.find(MeterNames.ALERTS_FIRED).counters()).isEmpty();
    assertThat(meters.get(MeterNames.ALERTS_RESOLVED).counter().count()).isEqualTo(1);
    assertThat(
            meters
                .get(MeterNames.ALERTS_NOTIFICATIONS)
                .tags("channel", "webhook", "outcome", "dead_letter")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private void waitForOutcomes(int delivered, int deadLetters) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<NotificationOutcome> outcomes = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      outcomes.clear();
      readAlertsTopic(new ArrayList<>(), outcomes, 0);
      if (outcomes.stream().filter(o -> o.outcome() == DeliveryOutcome.DELIVERED).count()
              >= delivered
          && outcomes.stream().filter(o -> o.outcome() == DeliveryOutcome.DEAD_LETTER).count()
              >= deadLetters) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("outcomes not on the alerts topic: " + outcomes);
  }

  private void readAlertsTopic(
      List<Alert> alerts, List<NotificationOutcome> outcomes, int atLeast) {
    Map<String, Object> c = KAFKA.consumerConfig("it-reader-" + System.nanoTime());
    c.put("key.deserializer", StringDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(Topics.ALERTS));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String type = HeaderNames.schemaType(r.headers());
          if ("Alert".equals(type)) {
            alerts.add(AlertSerdes.alert().read(r.value()));
          } else if ("NotificationOutcome".equals(type)) {
            outcomes.add(AlertSerdes.notificationOutcome().read(r.value()));
          }
        }
        if (alerts.size() + outcomes.size() >= Math.max(1, atLeast)
            && consumer.assignment().size() > 0) {
          if (atLeast == 0) {
            return;
          }
        }
      }
    }
  }
}
