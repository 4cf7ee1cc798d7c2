package com.finpulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.app.grafana.DashboardPanelQueries;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.embedded.junit.SmtpServers;
import com.finpulse.ingest.service.IngestServiceProvider;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline, end to end, on real servers: the {@code simulate:spike} source paced at 60x
 * real time, ingest, the stream processor with the real default model, the alerts service, a real
 * KRaft broker, a real influxd, a real SMTP server and a webhook receiver. One run in {@link
 * #runPipeline}; each test checks one promise about its outcome.
 *
 * <p>The scenario: 30 simulated minutes of mixed background news, then 5 minutes of a burst of
 * negative energy news, then 10 quiet minutes. The desk subscribed to the energy topic (1-minute
 * windows, {@code group_wait} 0) must get exactly one firing alert, within 5 seconds of the article
 * that tipped it, by e-mail and webhook, and a resolve once the burst is over.
 */
class PipelineEndToEndIT {

  private static final String SPIKED_TOPIC = "Energy | Oil";
  private static final String WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
  private static final Duration TIPPING_BUDGET = Duration.ofSeconds(5);
  private static final List<String> LIVE_SOURCES =
      List.of("top-news", "top-news-mirror", "noticias", "moved-away");

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser(SmtpServers.USER, SmtpServers.LOGIN, SmtpServers.PASSWORD))
          .withPerMethodLifecycle(false);

  private static WebhookReceiver hooks;
  private static FixtureFeedServer feeds;
  private static MailArrivals mails;
  private static InfluxStore influx;
  private static final Map<String, Instant> publishedAt = new HashMap<>();
  private static final List<ScoredArticle> scored = new ArrayList<>();
  private static final List<Alert> alerts = new ArrayList<>();
  private static final List<NotificationOutcome> outcomes = new ArrayList<>();
  private static final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private static long scoredCounter;
  private static long duplicatesCounter;
  private static long fetchErrorsOfMovedAway;
  private static long dlqCounter;

  @BeforeAll
  static void runPipeline() throws Exception {
    Path work = Files.createTempDirectory("finpulse-e2e");
    hooks = new WebhookReceiver(Map.of("/energy-desk", 200, "/retired-endpoint", 410));
    Path fixtures =
        Path.of(
            System.getProperty("finpulse.shared.dir", "../../shared"),
            "data",
            "news-fixtures",
            "feeds");
    feeds =
        new FixtureFeedServer(
            Map.of(
                "/rss/top-news.xml", fixtures.resolve("cnbc-international-top-news.rss.xml"),
                "/mirror/top-news.xml", fixtures.resolve("cnbc-international-top-news.rss.xml"),
                "/rss/noticias.xml", fixtures.resolve("uol-noticias.rss.xml")));
    Path config = writeConfig(work.resolve("config"));

    E2eStack.provisionTopics(KAFKA);
    produceRaw("poison-1", "{\"this is\": not an article".getBytes(StandardCharsets.UTF_8));

    influx = new InfluxStore(InfluxSettings.local().withUrl(INFLUX.url()));
    influx.ensureDatabase(Duration.ofSeconds(10));
    mails = new MailArrivals(SMTP);
    // Closing publishes the last step of the meters to InfluxDB.
    try (E2eStack stack =
        E2eStack.start(
            KAFKA,
            INFLUX,
            work,
            config,
            Map.of("E2E_WEBHOOK_SECRET", WEBHOOK_SECRET),
            Map.of("source", "simulate:spike", "speed", "60", "console", "true"))) {
      CompositeMeterRegistry meters = stack.meters();
      // Beside the simulation, live ingest polls real feed captures over HTTP once: fetching,
      // charset detection, the real extractor and ticker finder, dedup, and a failing source.
      try (ManagedService live =
          new IngestServiceProvider()
              .create(stack.context("ingest-live", Map.of("source", "live")))) {
        live.start();
        awaitFirstPollOfEveryLiveSource(meters);
      }
      assertThat(stack.services().awaitIdle(Duration.ofSeconds(5), Duration.ofMinutes(8)))
          .as("the pipeline drained within 8 minutes")
          .isTrue();
      scoredCounter = (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_SCORED);
      duplicatesCounter = (long) MeterRegistries.count(meters, MeterNames.INGEST_DUPLICATES);
      fetchErrorsOfMovedAway =
          (long) MeterRegistries.count(meters, MeterNames.INGEST_ERRORS, "source", "moved-away");
      dlqCounter = (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_DLQ);
    }
    readTopics();
  }

  private static void awaitFirstPollOfEveryLiveSource(CompositeMeterRegistry meters)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (String source : LIVE_SOURCES) {
      while (MeterRegistries.count(meters, MeterNames.INGEST_FETCHES, "source", source) < 1) {
        assertThat(System.nanoTime()).as("live source " + source + " polled").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
    // Let the articles of that round reach Kafka before live ingest stops (close flushes too).
    Thread.sleep(2000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (feeds != null) {
      feeds.close();
    }
    if (mails != null) {
      mails.close();
    }
    if (hooks != null) {
      hooks.close();
    }
    if (influx != null) {
      influx.close();
    }
  }

  private static Path writeConfig(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("ingest.yml"),
        """
        sources:
          - name: top-news
            type: feed
            url: %s
            poll_interval: 1h
          - name: top-news-mirror
            type: feed
            url: %s
            poll_interval: 1h
          - name: noticias
            type: feed
            url: %s
            poll_interval: 1h
            language: pt
          - name: moved-away
            type: feed
            url: %s
            poll_interval: 1h
        simulate:
          seed: 7
          duration: 45m
          baseline_per_minute: 6
          spike_topic: energy
          spike_start: 30m
          spike_length: 5m
          spike_per_minute: 20
        """
            .formatted(
                feeds.url("/rss/top-news.xml"),
                feeds.url("/mirror/top-news.xml"),
                feeds.url("/rss/noticias.xml"),
                feeds.url("/rss/gone.xml")));
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        smtp:
          host: 127.0.0.1
          port: %d
          username: %s
          password: %s
        routing:
          group_wait: 0s
          group_interval: 2s
        delivery:
          initial_backoff: 200ms
          max_backoff: 1s
          allowed_private_networks: [127.0.0.0/8]
        api:
          enabled: false
        digest:
          enabled: false
        """
            .formatted(SMTP.getSmtp().getPort(), SmtpServers.LOGIN, SmtpServers.PASSWORD));
    Files.writeString(
        dir.resolve("subscriptions.yml"),
        """
        subscriptions:
          - name: energy-desk
            topics: ["%s"]
            windows: [1m]
            channels:
              email: [energy-desk@example.test]
              webhooks:
                - url: %s
                  secret: ${E2E_WEBHOOK_SECRET}
                  format: alertmanager
          - name: energy-archive
            topics: ["%s"]
            windows: [1m]
            channels:
              webhooks:
                - url: %s
                  secret: ${E2E_WEBHOOK_SECRET}
        """
            .formatted(
                SPIKED_TOPIC,
                hooks.url("/energy-desk"),
                SPIKED_TOPIC,
                hooks.url("/retired-endpoint")));
    return dir;
  }

  private static void produceRaw(String key, byte[] value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            KAFKA.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(Topics.NEWS_RAW, key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  private static void readTopics() {
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReads.committed(KAFKA.bootstrapServers(), Topics.NEWS_RAW, Duration.ofSeconds(30))) {
      publishedAt.put(
          new String(r.key(), StandardCharsets.UTF_8), Instant.ofEpochMilli(r.timestamp()));
    }
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReads.committed(
            KAFKA.bootstrapServers(), Topics.NEWS_SCORED, Duration.ofSeconds(30))) {
      scored.add(EventSerdes.scoredArticle().read(r.value()));
    }
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReads.committed(KAFKA.bootstrapServers(), Topics.ALERTS, Duration.ofSeconds(30))) {
      String type = HeaderNames.schemaType(r.headers());
      if ("Alert".equals(type)) {
        alerts.add(AlertSerdes.alert().read(r.value()));
      } else if ("NotificationOutcome".equals(type)) {
        outcomes.add(AlertSerdes.notificationOutcome().read(r.value()));
      }
    }
    deadLetters.addAll(
        TopicReads.committed(KAFKA.bootstrapServers(), Topics.NEWS_DLQ, Duration.ofSeconds(30)));
  }

  // ------------------------------------------------------------------ scoring

  @Test
  void everyArticleIsScoredExactlyOnce() {
    long articles = publishedAt.keySet().stream().filter(k -> !k.startsWith("poison")).count();
    assertThat(articles).as("the simulation's and the feeds' articles").isGreaterThan(300);
    assertThat(scored).hasSize((int) articles);
    assertThat(scored.stream().map(ScoredArticle::articleId).distinct()).hasSize((int) articles);
    assertThat(scoredCounter).isEqualTo(articles);
  }

  @Test
  void liveFeedsArriveOnceAndTheirFailuresAreCounted() {
    // The mirror serves the same items under the same links: whichever source is polled first
    // publishes them, the other only counts duplicates.
    List<ScoredArticle> topNews =
        scored.stream().filter(a -> a.source().startsWith("top-news")).toList();
    assertThat(topNews).hasSizeGreaterThan(10);
    assertThat(topNews.stream().map(ScoredArticle::url).distinct()).hasSize(topNews.size());
    assertThat(duplicatesCounter).isGreaterThanOrEqualTo(topNews.size());
    assertThat(fetchErrorsOfMovedAway).isGreaterThan(0);
    // The Latin-1 feed without an encoding declaration comes out as proper Portuguese text.
    List<String> noticias =
        scored.stream()
            .filter(a -> a.source().equals("noticias"))
            .map(ScoredArticle::title)
            .toList();
    assertThat(noticias).isNotEmpty().noneMatch(t -> t.contains("\uFFFD") || t.contains("Ã"));
    assertThat(String.join(" ", noticias)).containsPattern("[áéíóúãõç]");
  }

  @Test
  void theModelSeesTheBurstAsNegativeEnergyNews() {
    List<ScoredArticle> energy =
        scored.stream().filter(a -> a.topic().equals(SPIKED_TOPIC)).toList();
    long negative = energy.stream().filter(a -> a.sentimentScore() < -0.3).count();
    assertThat(energy).hasSizeGreaterThan(60);
    assertThat((double) negative / energy.size()).isGreaterThan(0.6);
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicWithItsReason() {
    assertThat(deadLetters).hasSize(1);
    ConsumerRecord<byte[], byte[]> dead = deadLetters.get(0);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"this is\": not an article");
    assertThat(dead.headers().lastHeader(HeaderNames.DLQ_ERROR)).isNotNull();
    assertThat(dlqCounter).isEqualTo(1);
  }

  // ------------------------------------------------------------------ alerts

  private static List<JsonNode> deskPayloads() {
    List<JsonNode> out = new ArrayList<>();
    for (WebhookReceiver.Request r : hooks.requests("/energy-desk")) {
      try {
        out.add(JsonCodec.mapper().readTree(r.body()));
      } catch (Exception e) {
        throw new AssertionError("webhook body is not JSON: " + r.body(), e);
      }
    }
    return out;
  }

  @Test
  void theSpikedTopicFiresExactlyOnceAndResolvesAfterTheBurst() {
    List<JsonNode> payloads = deskPayloads();
    List<String> firing = new ArrayList<>();
    List<String> resolved = new ArrayList<>();
    for (JsonNode p : payloads) {
      assertThat(p.path("version").asText()).isEqualTo("4");
      for (JsonNode a : p.path("alerts")) {
        assertThat(a.path("labels").path("key").asText()).isEqualTo(SPIKED_TOPIC);
        assertThat(a.path("labels").path("window").asText()).isEqualTo("1m");
        (a.path("status").asText().equals("firing") ? firing : resolved)
            .add(a.path("fingerprint").asText());
      }
    }
    assertThat(firing).as("firing alerts delivered to the desk").isNotEmpty();
    assertThat(firing.stream().distinct()).as("one episode").hasSize(1);
    assertThat(resolved).as("the resolve after the burst").containsOnly(firing.get(0));
    JsonNode last = payloads.get(payloads.size() - 1);
    assertThat(last.path("status").asText()).isEqualTo("resolved");

    List<Alert> topicAlerts =
        alerts.stream()
            .filter(a -> a.keyKind() == KeyKind.TOPIC && a.key().equals(SPIKED_TOPIC))
            .filter(a -> a.window() == TrendWindow.ONE_MINUTE)
            .toList();
    assertThat(topicAlerts.stream().map(Alert::id).distinct()).hasSize(1);
    assertThat(topicAlerts.get(topicAlerts.size() - 1).status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  void webhooksAreSignedWithTheSubscriptionsSecret() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    for (WebhookReceiver.Request r : hooks.requests("/energy-desk")) {
      String ts = r.header("X-FinPulse-Timestamp");
      byte[] signed = (ts + "." + r.body()).getBytes(StandardCharsets.UTF_8);
      assertThat(r.header("X-FinPulse-Signature"))
          .isEqualTo("v1=" + HexFormat.of().formatHex(mac.doFinal(signed)));
      assertThat(r.header("Idempotency-Key")).isNotBlank();
    }
  }

  @Test
  void theDeskGetsTheAlertByEmailWithTheEvidence() {
    List<MailArrivals.Arrival> mail = mails.arrivals();
    Alert fired = firstFiring();
    List<MailArrivals.Arrival> firing =
        mail.stream()
            .filter(m -> m.subject().contains(SPIKED_TOPIC) && !m.subject().contains("RESOLVED"))
            .toList();
    // The first message announces the alert; a later one may only escalate it (same episode).
    assertThat(firing).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(firing.get(0).subject())
        .startsWith(
            "[FinPulse " + fired.severity().label().toUpperCase(java.util.Locale.ROOT) + "]")
        .contains("topic " + SPIKED_TOPIC + " (1m)")
        .contains("% negative vs");
    if (firing.size() == 2) {
      assertThat(firing.get(1).subject()).startsWith("[FinPulse CRITICAL]");
    }
    assertThat(fired.evidence()).isNotEmpty();
    assertThat(firing.get(0).text()).contains(fired.evidence().get(0).title());
    assertThat(mail)
        .filteredOn(m -> m.subject().startsWith("[FinPulse RESOLVED]"))
        .singleElement()
        .satisfies(m -> assertThat(m.subject()).contains(SPIKED_TOPIC));
  }

  @Test
  void bothChannelsDeliverWithinFiveSecondsOfTheTippingArticle() {
    Alert fired = firstFiring();
    Instant tipping = tippingArticlePublishedAt(fired);
    Instant webhook =
        hooks.requests("/energy-desk").stream()
            .map(WebhookReceiver.Request::receivedAt)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Instant email =
        mails.arrivals().stream()
            .filter(m -> m.subject().contains(SPIKED_TOPIC))
            .map(MailArrivals.Arrival::at)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    System.out.printf(
        "tipping article published %s; webhook after %d ms, e-mail after %d ms%n",
        tipping,
        Duration.between(tipping, webhook).toMillis(),
        Duration.between(tipping, email).toMillis());
    assertThat(Duration.between(tipping, webhook)).isLessThanOrEqualTo(TIPPING_BUDGET);
    assertThat(Duration.between(tipping, email)).isLessThanOrEqualTo(TIPPING_BUDGET);
  }

  /**
   * When ingest published the article that tipped the window: the k-th article of the spiked topic
   * in the window that fired, in publish order, k being the window's article count when it fired.
   * (If the aggregation saw the articles in another order, the real tipping article was published
   * later, so this bound is conservative.)
   */
  private static Instant tippingArticlePublishedAt(Alert fired) {
    Instant from = fired.windowStart();
    Instant to = from.plus(fired.window().size());
    List<Instant> published =
        scored.stream()
            .filter(a -> a.topic().equals(SPIKED_TOPIC))
            .filter(a -> !a.eventTime().isBefore(from) && a.eventTime().isBefore(to))
            .map(a -> publishedAt.get(a.articleId()))
            .sorted()
            .toList();
    assertThat(published.size()).isGreaterThanOrEqualTo((int) fired.articleCount());
    return published.get((int) fired.articleCount() - 1);
  }

  private static Alert firstFiring() {
    return alerts.stream()
        .filter(a -> a.keyKind() == KeyKind.TOPIC && a.key().equals(SPIKED_TOPIC))
        .filter(a -> a.window() == TrendWindow.ONE_MINUTE && a.status() == AlertStatus.FIRING)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no firing alert for " + SPIKED_TOPIC + " (1m)"));
  }

  @Test
  void aWebhookThatIsGoneIsDeadLetteredNotRetriedForever() {
    assertThat(hooks.requests("/retired-endpoint")).isNotEmpty();
    assertThat(outcomes)
        .filteredOn(o -> o.subscription().equals("energy-archive"))
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(DeliveryOutcome.DEAD_LETTER));
  }

  // ------------------------------------------------------------------ InfluxDB and Grafana

  @Test
  void trendPointsInInfluxMatchTheLatestTrendOfEachWindow() {
    long points =
        influx.countOf(
            "SELECT count(\""
                + InfluxSchema.Trend.FIELD_COUNT
                + "\") FROM \""
                + InfluxSchema.Trend.MEASUREMENT
                + "\"");
    assertThat(points).isGreaterThan(100);
    long articlePoints =
        influx.countOf(
            "SELECT count(\""
                + InfluxSchema.Article.FIELD_SCORE
                + "\") FROM \""
                + InfluxSchema.Article.MEASUREMENT
                + "\"");
    assertThat(articlePoints).isEqualTo(scored.size());
  }

  @Test
  void everyDashboardQueryReturnsData() {
    try (InfluxStore store =
        new InfluxStore(DashboardPanelQueries.provisionedDatabase(INFLUX.url()))) {
      for (DashboardPanelQueries.Report report :
          DashboardPanelQueries.against(store).checkProvisioned()) {
        System.out.println(report.describe());
        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.ran())
            .as("every query of " + report.dashboard() + " ran")
            .isEqualTo(report.queries());
      }
    }
  }

  @Test
  void brokenDashboardQueriesAreReported() {
    try (InfluxStore store =
        new InfluxStore(DashboardPanelQueries.provisionedDatabase(INFLUX.url()))) {
      DashboardPanelQueries.Report report =
          DashboardPanelQueries.against(store)
              .checkJson(
                  """
                  {"uid": "broken", "title": "Broken", "templating": {"list": []},
                   "panels": [
                     {"id": 1, "title": "typo", "targets": [{"refId": "A", "rawQuery": true,
                       "query": "SELEC mean(\\"count\\") FROM \\"sentiment_trend\\" WHERE $timeFilter"}]},
                     {"id": 2, "title": "wrong measurement", "targets": [{"refId": "A", "rawQuery": true,
                       "query": "SELECT mean(\\"count\\") FROM \\"sentiment_trends\\" WHERE $timeFilter GROUP BY time($__interval) fill(none)"}]},
                     {"id": 3, "title": "fine", "targets": [{"refId": "A", "rawQuery": true,
                       "query": "SELECT sum(\\"count\\") FROM \\"sentiment_trend\\" WHERE $timeFilter GROUP BY time($__interval) fill(0)"}]}
                   ]}
                  """);
      assertThat(report.passed()).isFalse();
      assertThat(report.describe())
          .contains("FAIL panel 1 \"typo\" A")
          .contains("FAIL panel 2 \"wrong measurement\" A: no series")
          .contains("ok   panel 3 \"fine\" A");
    }
  }
}
