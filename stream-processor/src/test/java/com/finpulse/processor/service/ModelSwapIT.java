package com.finpulse.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.SinkSettings;
import com.finpulse.processor.sink.SinkObserver;
import com.finpulse.processor.testing.Await;
import com.finpulse.processor.testing.DeterministicClassifier;
import com.finpulse.processor.testing.KafkaTopics;
import com.finpulse.processor.testing.PipelineVerifier;
import com.finpulse.processor.testing.TestConfigs;
import com.finpulse.processor.testing.TestNews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live promotion against a real broker: articles flow in continuously while {@code
 * models.serving} promotes a second registry version and then a broken one. Every article is on
 * news.scored exactly once, each names the model that scored it, those published after the
 * processor reported the new version carry it, and the broken version leaves it serving and is
 * reported with its error. The registry holds real model directories (the shipped model.json); the
 * loading reads each one's manifest as the service does and scores with the classifier double.
 */
class ModelSwapIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void aPromotionMidStreamSwapsWithoutLosingOrRepeatingAnArticle(@TempDir Path state)
      throws Exception {
    Path registry = state.resolve("registry");
    Path repoModel = Path.of("").toAbsolutePath().getParent().resolve("models/default/model.json");
    Files.createDirectories(registry.resolve("v2"));
    Files.copy(repoModel, registry.resolve("v2/model.json"));
    Files.createDirectories(registry.resolve("v3-broken"));
    Files.writeString(
        registry.resolve("v3-broken/model.json"), "{\"format\":\"finpulse-model/0\"}");

    ProcessorConfig shipped = TestConfigs.against(KAFKA.bootstrapServers(), "http://127.0.0.1:9");
    ProcessorConfig config =
        shipped
            .withStreams(shipped.streams().withApplicationId("ModelSwapIT").withThreads(2))
            .withScoring(
                TestConfigs.scoring(16, Duration.ofMillis(50), 64)
                    .withRegistryDir(registry.toString()))
            .withSink(new SinkSettings(false, 100))
            .withMetrics(new MetricsSettings(false, false, Duration.ofSeconds(10)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTopics kafka = new KafkaTopics(KAFKA.bootstrapServers());
    List<NewsArticle> wave =
        TestNews.wave(
            "swap", 360, Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMinutes(20), 5);
    Set<String> expected = PipelineVerifier.ids(wave, NewsArticle::id);
    PipelineVerifier verifier = new PipelineVerifier(kafka, null, List.of());

    try (ProcessorService service =
        new ProcessorService(
            config,
            new DeterministicClassifier().withDelay(Duration.ofMillis(5), Duration.ZERO),
            meters,
            state,
            SinkObserver.NONE,
            dir -> {
              ModelBundle.readManifest(dir); // a version whose model.json is bad fails here
              return new DeterministicClassifier().withDelay(Duration.ofMillis(5), Duration.ZERO);
            })) {
      service.start();
      String instance = service.modelStatus().instance();
      awaitStatus(
          kafka, instance, s -> s.requested() == null && s.servingVersion().equals("default"));

      // The first articles are scored by the configured model; then, with articles still coming,
      // the promotion.
      kafka.publish(Topics.NEWS_RAW, wave.subList(0, 60));
      verifier.awaitScored(
          PipelineVerifier.ids(wave.subList(0, 60), NewsArticle::id), Duration.ofSeconds(60));
      int i = 60;
      for (; i < 120; i += 10) {
        kafka.publish(Topics.NEWS_RAW, wave.subList(i, i + 10));
        Thread.sleep(30);
      }
      publishServing(kafka, "v2");
      int publishedBeforeStatus = i;
      int afterStatus = -1;
      for (; i < 300; i += 10) {
        kafka.publish(Topics.NEWS_RAW, wave.subList(i, i + 10));
        if (afterStatus < 0 && statusOf(kafka, instance, s -> "v2".equals(s.servingVersion()))) {
          afterStatus = i + 10; // articles from here on are published after the swap was reported
        }
        Thread.sleep(30);
      }
      awaitStatus(kafka, instance, s -> "v2".equals(s.servingVersion()) && s.error() == null);
      if (afterStatus < 0) {
        afterStatus = i;
      }

      // A broken version: v2 keeps serving, the error is reported.
      publishServing(kafka, "v3-broken");
      ModelStatus refused =
          awaitStatus(kafka, instance, s -> "v3-broken".equals(s.requested()) && s.error() != null);
      assertThat(refused.servingVersion()).isEqualTo("v2");
      assertThat(refused.serving()).isEqualTo("v2@test");
      assertThat(refused.error()).contains("v3-broken").contains("unknown format");
      kafka.publish(Topics.NEWS_RAW, wave.subList(i, wave.size()));

      verifier.awaitScored(expected, Duration.ofSeconds(60));
      List<ScoredArticle> scored = verifier.assertExactlyOnce(expected);
      Map<String, String> modelOf =
          scored.stream()
              .collect(Collectors.toMap(ScoredArticle::articleId, ScoredArticle::modelId));
      assertThat(Set.copyOf(modelOf.values()))
          .containsExactlyInAnyOrder(DeterministicClassifier.MODEL_ID, "v2@test");
      for (NewsArticle late : wave.subList(afterStatus, wave.size())) {
        assertThat(modelOf.get(late.id())).as(late.id()).isEqualTo("v2@test");
      }
      assertThat(wave.subList(0, publishedBeforeStatus))
          .extracting(a -> modelOf.get(a.id()))
          .contains(DeterministicClassifier.MODEL_ID);
      assertThat(
              meters.get(MeterNames.PROCESSOR_MODEL_SWAPS).tag("outcome", "ok").counter().count())
          .isEqualTo(1);
      assertThat(
              meters
                  .get(MeterNames.PROCESSOR_MODEL_SWAPS)
                  .tag("outcome", "failed")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(service.isHealthy()).isTrue();
    }
  }

  private static void publishServing(KafkaTopics kafka, String version) throws Exception {
    ModelServing s =
        new ModelServing(version, null, 0, ModelServing.Action.PROMOTE, "ana", null, Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] value = EventSerdes.modelServing().serialize(Topics.MODELS_SERVING, headers, s);
    kafka.publishRaw(
        List.of(
            new ProducerRecord<>(
                Topics.MODELS_SERVING,
                null,
                ModelServing.KEY.getBytes(StandardCharsets.UTF_8),
                value,
                headers)));
  }

  private static List<ModelStatus> statuses(KafkaTopics kafka, String instance) {
    List<ModelStatus> out = new ArrayList<>();
    for (ModelStatus s :
        kafka.readCommitted(Topics.MODELS_STATUS, EventSerdes.modelStatus()::read)) {
      if (s.instance().equals(instance)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean statusOf(KafkaTopics kafka, String instance, Predicate<ModelStatus> p) {
    return statuses(kafka, instance).stream().anyMatch(p);
  }

  private static ModelStatus awaitStatus(
      KafkaTopics kafka, String instance, Predicate<ModelStatus> p) throws InterruptedException {
    Await.until(
        "a status on models.status",
        Duration.ofSeconds(30),
        () -> statusOf(kafka, instance, p),
        () -> statuses(kafka, instance).toString());
    return statuses(kafka, instance).stream().filter(p).reduce((a, b) -> b).orElseThrow();
  }
}
