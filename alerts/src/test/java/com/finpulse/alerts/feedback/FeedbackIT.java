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
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.influx.InfluxSchema.Article;
import com.finpulse.common.influx.InfluxStore;
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
    private final ApiServer server;
    private final URI base;

    Running(Map<String, Object> client, HistoryReads history) throws Exception {
      FeedbackBook book = new FeedbackBook();
      sink = new KafkaFeedbackSink(client, book);
      sink.start(Duration.ofSeconds(30));
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
                  new ModelLoop(book, sink, null, null)),
              Clock.systemUTC());
      server.start();
      base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1/");
    }

    HttpResponse<String> post(String body) throws Exception {
      return http.send(
          HttpRequest.newBuilder(base.resolve("feedback"))
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
      sink.close();
    }
  }
}
