package com.finpulse.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.TrendSettings;
import com.finpulse.processor.sink.SinkObserver;
import com.finpulse.processor.testing.Await;
import com.finpulse.processor.testing.KafkaTopics;
import com.finpulse.processor.testing.PipelineVerifier;
import com.finpulse.processor.testing.TestConfigs;
import com.finpulse.processor.testing.TestNews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Articles in, points out, against a real broker and a real influxd: every valid article is on
 * news.scored exactly once, bad records are dead letters, duplicates are dropped, and the trends on
 * sentiment.trends and in InfluxDB equal a recomputation from news.scored. Subclasses choose the
 * classifier: the deterministic double, or the real model.
 */
abstract class PipelineContract {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  static final List<TrendWindow> WINDOWS =
      List.of(TrendWindow.ONE_MINUTE, TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR);

  /** The classifier under test; the service closes it. */
  abstract Classifier classifier() throws Exception;

  /** Valid, distinct articles to push through. */
  abstract int articles();

  @Test
  void articlesInPointsOutExactlyOnceWithTrendsEqualToARecomputation(@TempDir Path state)
      throws Exception {
    ProcessorConfig shipped = TestConfigs.against(KAFKA.bootstrapServers(), INFLUX.url());
    ProcessorConfig config =
        shipped
            .withStreams(
                shipped.streams().withApplicationId(getClass().getSimpleName()).withThreads(2))
            .withScoring(TestConfigs.scoring(16, Duration.ofMillis(50), 64))
            // A grace longer than the data's span: nothing is late, everything is comparable.
            .withTrends(new TrendSettings(WINDOWS, Duration.ofHours(2)))
            .withMetrics(new MetricsSettings(false, false, Duration.ofSeconds(10)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTopics kafka = new KafkaTopics(KAFKA.bootstrapServers());
    Instant from = Instant.now().minus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
    List<NewsArticle> wave = TestNews.wave("it", articles(), from, Duration.ofMinutes(40), 11);
    Set<String> expected = PipelineVerifier.ids(wave, NewsArticle::id);

    try (ProcessorService service =
            new ProcessorService(config, classifier(), meters, state, SinkObserver.NONE);
        InfluxStore influx = new InfluxStore(config.influx())) {
      service.start();
      List<NewsArticle> input = new ArrayList<>(wave);
      input.addAll(wave.subList(0, 20)); // re-published copies: same ids
      kafka.publish(Topics.NEWS_RAW, input);
      kafka.publishRaw(
          List.of(
              new ProducerRecord<>(
                  Topics.NEWS_RAW,
                  "k".getBytes(StandardCharsets.UTF_8),
                  "{oops".getBytes(StandardCharsets.UTF_8)),
              new ProducerRecord<>(Topics.NEWS_RAW, null, "{}".getBytes(StandardCharsets.UTF_8)),
              new ProducerRecord<>(Topics.NEWS_RAW, null, new byte[] {0, 1, 2})));

      PipelineVerifier verifier = new PipelineVerifier(kafka, influx, WINDOWS);
      verifier.awaitScored(expected, Duration.ofSeconds(120));
      verifier.awaitTrendTopicMatches(Duration.ofSeconds(60));
      verifier.awaitInfluxMatches(expected, Duration.ofSeconds(60));
      List<ScoredArticle> scored = verifier.assertExactlyOnce(expected);
      String modelId = scored.get(0).modelId();
      assertThat(scored).allSatisfy(a -> assertThat(a.modelId()).isEqualTo(modelId));
      assertThat(kafka.readCommitted(Topics.NEWS_DLQ)).hasSize(3);

      Await.until(
          "the processor reports idle",
          Duration.ofSeconds(30),
          service::isIdle,
          service::idleReport);
      assertThat(MeterRegistries.count(meters, MeterNames.PROCESSOR_SCORED)).isEqualTo(articles());
      assertThat(MeterRegistries.count(meters, MeterNames.PROCESSOR_DUPLICATES)).isEqualTo(20);
      assertThat(MeterRegistries.count(meters, MeterNames.PROCESSOR_DLQ)).isEqualTo(3);
      assertThat(
              meters
                  .find(MeterNames.PROCESSOR_POINTS_WRITTEN)
                  .tag("measurement", "sentiment_trend")
                  .counter()
                  .count())
          .isPositive();
      assertThat(service.metrics().meanBatchSize()).isGreaterThan(1);
      assertThat(service.isHealthy()).isTrue();
    }
  }
}
