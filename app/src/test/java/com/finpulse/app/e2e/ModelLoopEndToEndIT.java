package com.finpulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.alerts.api.auth.ApiToken;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.model.cli.ModelCommand;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.serve.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analysts teach the model, end to end on the real stack (broker, influxd, ingest running {@code
 * simulate:steady}, the stream processor with the shipped model, the alerts service with its REST
 * API): corrections through the API, refused when they name an unknown article, an unknown label or
 * a text that changed; the export trains a registry version whose predictions moved towards the
 * corrections; the version runs in shadow, is promoted while articles flow (none lost, none scored
 * twice, the later ones by the new version), and a version that does not load leaves it serving
 * with the error shown.
 */
class ModelLoopEndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int CORRECTIONS = 4;

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  @TempDir Path work;

  @Test
  void correctionsTrainAVersionThatIsShadowedThenPromotedLive() throws Exception {
    Path registry = work.resolve("registry");
    int apiPort = E2eStack.freePort();
    Path config = writeConfig(work.resolve("config"), apiPort);
    try (E2eStack stack =
        E2eStack.start(
            KAFKA,
            INFLUX,
            work,
            config,
            Map.of("FINPULSE_MODEL_REGISTRY", registry.toString()),
            Map.of("source", "simulate:steady"))) {
      String token = Files.readString(stack.stateOf("alerts").resolve(ApiToken.FILE_NAME)).strip();
      ApiClient api = new ApiClient("http://127.0.0.1:" + apiPort + "/api/v1/", token);

      // 1. The shipped model scores the simulated stream.
      JsonNode listed =
          api.await(
              CORRECTIONS + 1 + " scored articles",
              "articles?range=24h&limit=50",
              WAIT,
              a -> distinctTitles(a.get("articles")).size() > CORRECTIONS);
      List<JsonNode> picked = distinctTitles(listed.get("articles")).subList(0, CORRECTIONS + 1);
      String shippedModelId = picked.get(0).get("model_id").asText();
      assertThat(shippedModelId).startsWith("default@");

      // 2. Corrections through the API: each says the model got the sentiment wrong.
      Map<String, String> titles = new HashMap<>(); // article id -> title
      for (JsonNode a : picked.subList(0, CORRECTIONS)) {
        String label = opposite(Sentiment.fromLabel(a.get("sentiment").asText())).label();
        HttpResponse<String> r = api.post("feedback", correction(a, label, textHash(a)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(ApiClient.json(r).get("model_id").asText()).isEqualTo(shippedModelId);
        titles.put(a.get("article_id").asText(), a.get("title").asText());
      }
      // The same correction again replaces the first: still one per article and task.
      JsonNode first = picked.get(0);
      String firstLabel = opposite(Sentiment.fromLabel(first.get("sentiment").asText())).label();
      assertThat(api.post("feedback", correction(first, firstLabel, textHash(first))).statusCode())
          .isEqualTo(201);
      JsonNode other = picked.get(CORRECTIONS);
      HttpResponse<String> changed =
          api.post("feedback", correction(other, "neutral", textHash(first)));
      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(409);
      HttpResponse<String> unknown =
          api.post(
              "feedback",
              "{\"article_id\":\"no-such-article\",\"task\":\"sentiment\",\"label\":\"neutral\","
                  + "\"text_hash\":\""
                  + textHash(other)
                  + "\"}");
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
      HttpResponse<String> badLabel =
          api.post("feedback", correction(other, "bullish", textHash(other)));
      assertThat(badLabel.statusCode()).as(badLabel.body()).isEqualTo(400);
      assertThat(badLabel.body()).contains("negative, neutral, positive");
      JsonNode feedback = api.getJson("feedback");
      assertThat(feedback.get("feedback")).hasSize(CORRECTIONS);

      // 3. The export trains a registry version from the serving model, one epoch.
      HttpResponse<String> export = api.get("feedback/export.csv");
      assertThat(export.statusCode()).isEqualTo(200);
      Path feedbackCsv = Files.writeString(work.resolve("feedback.csv"), export.body());
      assertThat(export.body().split("\r\n")).hasSize(CORRECTIONS + 1);
      Path v1 = train(feedbackCsv, registry);
      JsonNode training =
          JsonCodec.mapper().readTree(v1.resolve("model.json").toFile()).get("training");
      assertThat(training.at("/registry/version").asText()).isEqualTo("v1");
      JsonNode agreement = training.get("feedback_agreement");
      assertThat(agreement).as("training.feedback_agreement").isNotNull();
      assertThat(agreement.at("/before/n").asInt() + agreement.at("/trained_before/n").asInt())
          .isEqualTo(CORRECTIONS);
      // The corrections it trained on (all but the latest, the feedback dev set): the new version
      // gives the analysts' labels more probability than the shipped model did.
      List<JsonNode> byTime = new ArrayList<>();
      feedback.get("feedback").forEach(byTime::add);
      byTime.sort(Comparator.comparing(f -> Instant.parse(f.get("at").asText())));
      Map<String, String> trained = new LinkedHashMap<>(); // title -> the analysts' label
      for (JsonNode f : byTime.subList(0, CORRECTIONS - agreement.at("/before/n").asInt())) {
        trained.put(titles.get(f.get("article_id").asText()), f.get("label").asText());
      }
      assertThat(trained).hasSize(agreement.at("/trained_before/n").asInt()).isNotEmpty();
      double before = meanProbabilityOfLabels(E2eStack.SHIPPED_MODEL, trained);
      double after = meanProbabilityOfLabels(v1, trained);
      System.out.printf(
          "p(analysts' label) on the %d trained corrections: shipped %.3f, v1 %.3f%n",
          trained.size(), before, after);
      assertThat(after).as("moved towards the corrections").isGreaterThan(before + 0.05);
      // The run's own report: more of the trained corrections labelled as the analysts did.
      assertThat(agreement.at("/trained_after/agreeing").asInt())
          .as(agreement.toString())
          .isGreaterThan(agreement.at("/trained_before/agreeing").asInt());

      // 4. Shadow: v1 scores every article beside the shipped model.
      HttpResponse<String> shadow =
          api.post("models/shadow", "{\"version\":\"v1\",\"sample\":1.0}");
      assertThat(shadow.statusCode()).as(shadow.body()).isEqualTo(202);
      JsonNode shadowed =
          api.await(
              "a shadow report of v1",
              "models",
              WAIT,
              m ->
                  m.at("/shadow_report/compared").asInt() > 0
                      && m.at("/shadow_report/candidate").asText().startsWith("v1@"));
      assertThat(shadowed.get("shadow").asText()).isEqualTo("v1");
      assertThat(processors(shadowed))
          .allSatisfy(p -> assertThat(p.path("shadow").asText()).startsWith("v1@"));
      assertThat(shadowed.at("/shadow_report/serving").asText()).isEqualTo(shippedModelId);

      // 5. Promotion while articles keep coming.
      HttpResponse<String> promote = api.post("models/promote", "{\"version\":\"v1\"}");
      assertThat(promote.statusCode()).as(promote.body()).isEqualTo(202);
      JsonNode promoted =
          api.await(
              "a processor serving v1",
              "models",
              WAIT,
              m ->
                  anyProcessor(
                      m,
                      p ->
                          p.path("serving_version").asText().equals("v1")
                              && !p.hasNonNull("error")));
      Instant swapReported = Instant.now();
      String v1ModelId = processors(promoted).get(0).get("serving").asText();
      assertThat(v1ModelId).startsWith("v1@");
      awaitScoredAfter(swapReported, 5);

      // 6. A version that does not load: v1 keeps serving, the error is shown.
      Files.createDirectories(registry.resolve("v2"));
      Files.writeString(registry.resolve("v2/model.json"), "{\"format\": \"finpulse-model/1\", ");
      HttpResponse<String> broken = api.post("models/promote", "{\"version\":\"v2\"}");
      assertThat(broken.statusCode()).as(broken.body()).isEqualTo(202);
      JsonNode refused =
          api.await(
              "the processor's error for v2",
              "models",
              WAIT,
              m ->
                  anyProcessor(
                      m, p -> p.path("requested").asText().equals("v2") && p.hasNonNull("error")));
      for (JsonNode p : processors(refused)) {
        assertThat(p.get("serving_version").asText()).isEqualTo("v1");
        assertThat(p.get("serving").asText()).isEqualTo(v1ModelId);
        assertThat(p.get("error").asText()).contains("v2");
      }

      // Counted: every article published up to now is on news.scored exactly once; those
      // published after the processor reported v1 were scored by it.
      List<ConsumerRecord<byte[], byte[]>> raw =
          TopicReads.committed(KAFKA.bootstrapServers(), Topics.NEWS_RAW, Duration.ofSeconds(30));
      Map<String, Instant> publishedAt = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : raw) {
        publishedAt.put(
            new String(r.key(), StandardCharsets.UTF_8), Instant.ofEpochMilli(r.timestamp()));
      }
      assertThat(publishedAt).hasSize(raw.size());
      List<ScoredArticle> scored = awaitScored(publishedAt.keySet());
      assertThat(scored).hasSize(publishedAt.size());
      Map<String, String> modelOf =
          scored.stream()
              .collect(Collectors.toMap(ScoredArticle::articleId, ScoredArticle::modelId));
      assertThat(modelOf.keySet()).isEqualTo(publishedAt.keySet());
      long late = 0;
      for (Map.Entry<String, Instant> e : publishedAt.entrySet()) {
        if (e.getValue().isAfter(swapReported)) {
          late++;
          assertThat(modelOf.get(e.getKey())).as(e.getKey()).isEqualTo(v1ModelId);
        }
      }
      assertThat(late).isGreaterThanOrEqualTo(5);
      assertThat(Set.copyOf(modelOf.values())).contains(shippedModelId, v1ModelId);
      System.out.printf(
          "%d articles scored once each, %d published after the swap was reported%n",
          scored.size(), late);
    }
  }

  // ------------------------------------------------------------------ training

  /** {@code ./finpulse model train --feedback}, in this JVM, with the least data it accepts. */
  private Path train(Path feedbackCsv, Path registry) throws Exception {
    StringBuilder extra = new StringBuilder("text,label,task\n");
    for (int i = 0; i < 4; i++) {
      extra
          .append("Initech shares plunge after profit warning ")
          .append(i)
          .append(",negative,sentiment\n");
      extra
          .append("Initech schedules its annual meeting ")
          .append(i)
          .append(",neutral,sentiment\n");
      extra.append("Initech soars on record orders ").append(i).append(",positive,sentiment\n");
      extra.append("Initech oil output rises ").append(i).append(",Energy | Oil,topic\n");
    }
    Path extraCsv = Files.writeString(work.resolve("extra.csv"), extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new ModelCommand()
            .run(
                new String[] {
                  "train",
                  "--base",
                  "bge-small",
                  "--init",
                  E2eStack.SHIPPED_MODEL.toString(),
                  "--extra",
                  extraCsv.toString(),
                  "--feedback",
                  feedbackCsv.toString(),
                  "--registry",
                  registry.toString(),
                  "--lora-rank",
                  "32",
                  "--lora-alpha",
                  "64",
                  "--lora-targets",
                  "q,k,v,o,ffn_in,ffn_out",
                  "--train-layer-norms",
                  "--epochs",
                  "1",
                  "--max-length",
                  "48",
                  "--feedback-weight",
                  "8",
                  "--batch-size",
                  "4",
                  "--warmup",
                  "0",
                  "--lr",
                  "1e-3",
                  "--head-lr",
                  "5e-3",
                  "--dropout",
                  "0",
                  "--dev-fraction",
                  "0.25"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    String log = err.toString(StandardCharsets.UTF_8);
    System.out.println(log);
    assertThat(code).as(log).isZero();
    assertThat(log).contains(CORRECTIONS + " correction(s)");
    return registry.resolve("v1");
  }

  /** The mean probability a model gives each text's label. */
  private static double meanProbabilityOfLabels(Path modelDir, Map<String, String> labels)
      throws Exception {
    try (Classifier c = Classifiers.load(modelDir)) {
      List<String> texts = new ArrayList<>(labels.keySet());
      List<Prediction> predictions = c.classify(texts);
      double sum = 0;
      for (int i = 0; i < texts.size(); i++) {
        sum +=
            probability(
                predictions.get(i).sentimentScores(),
                Sentiment.fromLabel(labels.get(texts.get(i))));
      }
      return sum / texts.size();
    }
  }

  private static double probability(SentimentScores s, Sentiment label) {
    return switch (label) {
      case NEGATIVE -> s.negative();
      case NEUTRAL -> s.neutral();
      case POSITIVE -> s.positive();
    };
  }

  /** The label an analyst gives an article the model got wrong. */
  private static Sentiment opposite(Sentiment said) {
    return switch (said) {
      case NEGATIVE -> Sentiment.POSITIVE;
      case NEUTRAL, POSITIVE -> Sentiment.NEGATIVE;
    };
  }

  // ------------------------------------------------------------------ the API

  private static List<JsonNode> distinctTitles(JsonNode articles) {
    Map<String, JsonNode> byTitle = new LinkedHashMap<>();
    articles.forEach(a -> byTitle.putIfAbsent(a.get("title").asText(), a));
    return new ArrayList<>(byTitle.values());
  }

  private static String textHash(JsonNode article) {
    return article.get("text_hash").asText();
  }

  private static String correction(JsonNode article, String label, String textHash)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("article_id", article.get("article_id").asText());
    body.put("task", "sentiment");
    body.put("label", label);
    body.put("text_hash", textHash);
    return JsonCodec.mapper().writeValueAsString(body);
  }

  private static List<JsonNode> processors(JsonNode models) {
    List<JsonNode> out = new ArrayList<>();
    models.get("processors").forEach(out::add);
    return out;
  }

  private static boolean anyProcessor(
      JsonNode models, java.util.function.Predicate<JsonNode> test) {
    return processors(models).stream().anyMatch(test);
  }

  // ------------------------------------------------------------------ the topics

  private static List<ScoredArticle> scored() {
    List<ScoredArticle> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReads.committed(
            KAFKA.bootstrapServers(), Topics.NEWS_SCORED, Duration.ofSeconds(30))) {
      out.add(EventSerdes.scoredArticle().read(r.value()));
    }
    return out;
  }

  /** Waits until {@code n} articles published after {@code since} are on news.scored. */
  private static void awaitScoredAfter(Instant since, int n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Set<String> scoredIds =
          scored().stream().map(ScoredArticle::articleId).collect(Collectors.toSet());
      long after =
          TopicReads.committed(KAFKA.bootstrapServers(), Topics.NEWS_RAW, Duration.ofSeconds(30))
              .stream()
              .filter(r -> Instant.ofEpochMilli(r.timestamp()).isAfter(since))
              .filter(r -> scoredIds.contains(new String(r.key(), StandardCharsets.UTF_8)))
              .count();
      if (after >= n) {
        return;
      }
      assertThat(System.nanoTime())
          .as(n + " articles published after " + since + " scored (" + after + " so far)")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  /** news.scored once every one of {@code ids} is on it. */
  private static List<ScoredArticle> awaitScored(Set<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<ScoredArticle> scored = scored();
      Set<String> seen = scored.stream().map(ScoredArticle::articleId).collect(Collectors.toSet());
      if (seen.containsAll(ids)) {
        // Articles published since the cut are scored too: keep only the counted ones, but every
        // scored record of them (a second one would be a double scoring).
        return scored.stream().filter(a -> ids.contains(a.articleId())).toList();
      }
      assertThat(System.nanoTime())
          .as("every published article scored (" + seen.size() + " of " + ids.size() + ")")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  // ------------------------------------------------------------------ the stack

  private static Path writeConfig(Path dir, int apiPort) throws Exception {
    Files.createDirectories(dir);
    // Two articles a second for six minutes (3 simulated hours at 30x real time): they flow
    // through every step, the promotion included.
    Files.writeString(
        dir.resolve("ingest.yml"),
        """
        sources: []
        simulate:
          seed: 11
          duration: 3h
          baseline_per_minute: 4
          speed: "30"
        """);
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        api:
          bind: 127.0.0.1:%d
          console_bind: ""
        digest:
          enabled: false
        """
            .formatted(apiPort));
    Files.writeString(dir.resolve("subscriptions.yml"), "subscriptions: []\n");
    return dir;
  }
}
