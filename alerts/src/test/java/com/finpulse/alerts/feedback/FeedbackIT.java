package com.finpulse.alerts.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.api.ApiServer;
import com.finpulse.alerts.api.HistoryReads;
import com.finpulse.alerts.api.ModelLoop;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.alerts.history.TrendReader;
import com.finpulse.alerts.models.ModelDesk;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.influx.InfluxSchema.Article;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrections through the REST API on a real broker and a real influxd: recorded on {@code
 * labels.feedback} once per article and task, read back after a restart, refused when they name an
 * unknown article, a label the task does not have, or a text that changed, and exported with their
 * texts for training.
 */
class FeedbackIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  private static final String TOKEN = "feedback-it-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void correctionsAreKeptOnceEachAcrossARestartAndBadOnesAreRefused() throws Exception {
    Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    TopicProvisioner.ensure(
        client,
        Topics.all(1, (short) 1).stream()
            .filter(t -> t.name().equals(Topics.LABELS_FEEDBACK))
            .toList(),
        Duration.ofSeconds(30));
    Instant now = Instant.now();
    try (InfluxStore store =
        new InfluxStore(new InfluxSettings(INFLUX.url(), "feedback_it", null, null, null))) {
      store.ensureDatabase(Duration.ofSeconds(20));
      store.writeUntilAccepted(
          List.of(
              article("a1", "Acme beats estimates, <b>shares</b> jump", "ACME,BETA", now, 0.6),
              article("a2", "Beta, Inc. \"cuts\" jobs\nafter loss", "BETA", now, 0.2)),
          () -> true);
      HistoryReads history = new HistoryReads(new TrendReader(store), new ArticleReader(store));

      List<String> firstRun;
      try (Running api = new Running(client, history)) {
        String h1 = LabelFeedback.textHash("Acme beats estimates, <b>shares</b> jump");
        String h2 = LabelFeedback.textHash("Beta, Inc. \"cuts\" jobs\nafter loss");
        assertThat(api.post(correction("a1", "sentiment", null, "positive", h1)).statusCode())
            .isEqualTo(201);
        // The same article and task again: replaces, never duplicates.
        HttpResponse<String> again = api.post(correction("a1", "sentiment", null, "neutral", h1));
        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode stored = JSON.readTree(again.body());
        assertThat(stored.get("model_label").asText()).isEqualTo("negative");
        assertThat(stored.get("model_id").asText()).isEqualTo("default@abc");
        assertThat(stored.get("analyst").asText()).isEqualTo("api");
        assertThat(api.post(correction("a1", "entity", "ACME", "positive", h1)).statusCode())
            .isEqualTo(201);
        assertThat(api.post(correction("a2", "topic", null, "Personnel Change", h2)).statusCode())
            .isEqualTo(201);

        // Refused, each with its reason.
        HttpResponse<String> unknown =
            api.post(correction("nope", "sentiment", null, "positive", h1));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown article id");
        HttpResponse<String> badLabel =
            api.post(correction("a1", "sentiment", null, "bullish", h1));
        assertThat(badLabel.statusCode()).isEqualTo(400);
        assertThat(badLabel.body()).contains("label: must be one of negative, neutral, positive");
        HttpResponse<String> changed =
            api.post(correction("a2", "sentiment", null, "negative", h1));
        assertThat(changed.statusCode()).isEqualTo(409);
        HttpResponse<String> notATicker =
            api.post(correction("a2", "entity", "ACME", "negative", h2));
        assertThat(notATicker.statusCode()).isEqualTo(400);
        assertThat(notATicker.body()).contains("one of the article's tickers: BETA");

        firstRun = keys(JSON.readTree(api.get("feedback").body()));
        assertThat(firstRun)
            .containsExactlyInAnyOrder("a1|sentiment", "a1|entity|ACME", "a2|topic");
      }

      // A restart reads the topic back: the same corrections, once each, the latest label.
      try (Running api = new Running(client, history)) {
        JsonNode list = JSON.readTree(api.get("feedback").body());
        assertThat(keys(list)).containsExactlyInAnyOrderElementsOf(firstRun);
        assertThat(list.get("stats").get("corrections").asInt()).isEqualTo(3);
        for (JsonNode f : list.get("feedback")) {
          if (f.get("task").asText().equals("sentiment")) {
            assertThat(f.get("label").asText()).isEqualTo("neutral");
          }
        }
        // The review queue no longer offers the article whose sentiment was given.
        JsonNode review = JSON.readTree(api.get("review?range=24h").body());
        List<String> queued = new ArrayList<>();
        review
            .get("articles")
            .forEach(i -> queued.add(i.get("article").get("article_id").asText()));
        assertThat(queued).containsExactly("a2");

        // The export: one row per correction, the text joined and quoted as RFC 4180 says.
        HttpResponse<String> csv = api.get("feedback/export.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String body = csv.body();
        assertThat(body.split("\r\n", -1)[0])
            .isEqualTo(
                "article_id,task,target,label,model_label,model_id,text_hash,analyst,at,note,text");
        assertThat(body).contains("\"Beta, Inc. \"\"cuts\"\" jobs\nafter loss\"");
        assertThat(body.split("\r\n")).hasSize(4);
      }
    }
    // On the topic itself: compaction keys, one per article, task and target.
    assertThat(topicKeys(client)).contains("a1|sentiment", "a1|entity|ACME", "a2|topic");
  }

  @Test
  void modelVersionsArePromotedShadowedAndRolledBackThroughTheApi() throws Exception {
    Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    TopicProvisioner.ensure(client, Topics.all(1, (short) 1), Duration.ofSeconds(30));
    Path v1 = java.nio.file.Files.createDirectories(dir.resolve("registry/v1"));
    java.nio.file.Files.writeString(v1.resolve("model.json"), "{\"name\":\"v1\"}");
    java.nio.file.Files.createDirectories(dir.resolve("registry/v2-unfinished"));
    try (Running api = new Running(client, HistoryReads.NONE)) {
      assertThat(JSON.readTree(api.get("models").body()).get("serving").asText())
          .isEqualTo("default");
      HttpResponse<String> unknown = api.post("models/promote", "{\"version\":\"v9\"}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("no model version 'v9'");
      assertThat(api.post("models/promote", "{\"version\":\"v2-unfinished\"}").statusCode())
          .isEqualTo(404);
      assertThat(api.post("models/promote", "{\"version\":\"../v1\"}").statusCode()).isEqualTo(400);
      assertThat(api.post("models/rollback", "{}").statusCode()).isEqualTo(409);

      assertThat(api.post("models/shadow", "{\"version\":\"v1\",\"sample\":0.25}").statusCode())
          .isEqualTo(202);
      assertThat(api.post("models/shadow", "{\"version\":\"v1\",\"sample\":2}").statusCode())
          .isEqualTo(400);
      // What a processor reports, and two comparisons of the candidate: one flip.
      publish(
          client,
          Topics.MODELS_STATUS,
          "p1",
          EventSerdes.modelStatus()
              .serialize(
                  Topics.MODELS_STATUS,
                  new ModelStatus(
                      "p1", "default@abc", "default", "v1@def", "default", null, Instant.now())));
      publish(client, Topics.MODELS_SHADOW, "a1", comparison("a1", Sentiment.NEGATIVE));
      publish(client, Topics.MODELS_SHADOW, "a2", comparison("a2", Sentiment.POSITIVE));
      JsonNode shadowed =
          awaitModels(api, m -> m.get("shadow_report").get("compared").asInt() == 2);
      assertThat(shadowed.get("shadow").asText()).isEqualTo("v1");
      assertThat(shadowed.get("shadow_report").get("sentiment_agreement").asDouble())
          .isEqualTo(0.5);
      assertThat(shadowed.get("shadow_report").get("by_topic").get(0).get("flips").asInt())
          .isEqualTo(1);
      assertThat(shadowed.get("processors").get(0).get("instance").asText()).isEqualTo("p1");
      assertThat(shadowed.get("versions").get(0).get("name").asText()).isIn("v1", "v2-unfinished");

      HttpResponse<String> promoted =
          api.post("models/promote", "{\"version\":\"v1\",\"reason\":\"better on news\"}");
      assertThat(promoted.statusCode()).isEqualTo(202);
      // Promoting the candidate ends its shadow run.
      assertThat(JSON.readTree(promoted.body()).get("shadow").isNull()).isTrue();
      HttpResponse<String> back = api.post("models/rollback", "{\"reason\":\"flips\"}");
      assertThat(JSON.readTree(back.body()).get("serving").asText()).isEqualTo("default");
      assertThat(api.delete("models/shadow").statusCode()).isEqualTo(409);
    }
    // The history is the topic: read back after a restart, newest first, each change once.
    try (Running api = new Running(client, HistoryReads.NONE)) {
      JsonNode m = JSON.readTree(api.get("models").body());
      assertThat(m.get("serving").asText()).isEqualTo("default");
      List<String> actions = new ArrayList<>();
      m.get("history").forEach(h -> actions.add(h.get("action").asText()));
      assertThat(actions).containsExactly("rollback", "promote", "shadow_start");
    }
  }

  private JsonNode awaitModels(Running api, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode m = JSON.readTree(api.get("models").body());
    while (!done.test(m) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      m = JSON.readTree(api.get("models").body());
    }
    return m;
  }

  private static byte[] comparison(String id, Sentiment candidate) {
    return EventSerdes.shadowComparison()
        .serialize(
            Topics.MODELS_SHADOW,
            new ShadowComparison(
                id,
                "headline " + id,
                "default@abc",
                Sentiment.NEGATIVE,
                "Earnings",
                "v1@def",
                candidate,
                "Earnings",
                Instant.now()));
  }

  private static void publish(Map<String, Object> client, String topic, String key, byte[] value)
      throws Exception {
    try (var p = com.finpulse.common.topic.ReliableProducer.create(client, "feedback-it")) {
      p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<String> keys(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : list.get("feedback")) {
      out.add(
          f.get("article_id").asText()
              + "|"
              + f.get("task").asText()
              + (f.get("target").asText().isEmpty() ? "" : "|" + f.get("target").asText()));
    }
    return out;
  }

  private static List<String> topicKeys(Map<String, Object> client) {
    Map<String, Object> p = new java.util.HashMap<>(client);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(Topics.LABELS_FEEDBACK, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          keys.add(r.key());
          EventSerdes.labelFeedback().read(r.value());
        }
      }
    }
    return keys;
  }

  private static String correction(String id, String task, String target, String label, String hash)
      throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("article_id", id);
    body.put("task", task);
    if (target != null) {
      body.put("target", target);
    }
    body.put("label", label);
    body.put("text_hash", hash);
    return JSON.writeValueAsString(body);
  }

  private static Point article(String id, String title, String tickers, Instant at, double pNeg) {
    return Point.measurement(Article.MEASUREMENT)
        .time(Article.timestampNanos(at, id), TimeUnit.NANOSECONDS)
        .tag(Article.TAG_TOPIC, "Earnings")
        .tag(Article.TAG_SENTIMENT, Sentiment.NEGATIVE.label())
        .addField(Article.FIELD_ARTICLE_ID, id)
        .addField(Article.FIELD_TITLE, title)
        .addField(Article.FIELD_SOURCE, "wire")
        .addField(Article.FIELD_TICKERS, tickers)
        .addField(Article.FIELD_SCORE, -pNeg)
        .addField(Article.FIELD_P_NEGATIVE, pNeg)
        .addField(Article.FIELD_P_NEUTRAL, (1 - pNeg) / 2)
        .addField(Article.FIELD_P_POSITIVE, (1 - pNeg) / 2)
        .addField(Article.FIELD_TOPIC_CONFIDENCE, 0.9)
        .addField(Article.FIELD_MODEL_ID, "default@abc")
        .addField(Article.FIELD_TICKER_SENTIMENT, "ACME=positive")
        .build();
  }

  /** The API with its corrections on Kafka, as the alerts service wires it. */
  private final class Running implements AutoCloseable {
    private final KafkaFeedbackSink sink;
    private final ModelDesk desk;
    private final ApiServer server;
    private final URI base;

    Running(Map<String, Object> client, HistoryReads history) throws Exception {
      FeedbackBook book = new FeedbackBook();
      sink = new KafkaFeedbackSink(client, book);
      sink.start(Duration.ofSeconds(30));
      desk = new ModelDesk(client, Clock.systemUTC());
      desk.start(Duration.ofSeconds(30));
      AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
      SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
      server =
          new ApiServer(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              TOKEN,
              new ApiServer.Backends(
                  registry,
                  new ApiSubscriptionStore(dir, registry, url -> null),
                  () -> new SubscriptionFileWatcher.Status("none", null, 0, null),
                  new SilenceStore(dir),
                  new AlertBook(10),
                  n -> {},
                  new OutcomeWaiters(),
                  history,
                  new ModelLoop(book, sink, desk, new ModelRegistry(dir.resolve("registry")))),
              Clock.systemUTC());
      server.start();
      base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1/");
    }

    HttpResponse<String> post(String body) throws Exception {
      return post("feedback", body);
    }

    HttpResponse<String> delete(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Authorization", "Bearer " + TOKEN)
              .DELETE()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Authorization", "Bearer " + TOKEN)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
      server.close();
      desk.close();
      sink.close();
    }
  }
}
