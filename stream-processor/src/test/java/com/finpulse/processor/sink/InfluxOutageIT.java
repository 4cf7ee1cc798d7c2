package com.finpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.TrendSettings;
import com.finpulse.processor.service.ProcessorService;
import com.finpulse.processor.testing.Await;
import com.finpulse.processor.testing.DeterministicClassifier;
import com.finpulse.processor.testing.KafkaTopics;
import com.finpulse.processor.testing.PipelineVerifier;
import com.finpulse.processor.testing.TestConfigs;
import com.finpulse.processor.testing.TestNews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB stops for 60 s in the middle of a run: scoring and trends carry on into Kafka, the
 * writer holds its offsets and retries, and once InfluxDB is back every point is there.
 */
class InfluxOutageIT {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxOutageIT.class);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  static final List<TrendWindow> WINDOWS =
      List.of(TrendWindow.ONE_MINUTE, TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR);
  static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void influxDbDownForAMinuteLosesNoPoint(@TempDir Path state) throws Exception {
    ProcessorConfig shipped = TestConfigs.against(KAFKA.bootstrapServers(), INFLUX.url());
    ProcessorConfig config =
        shipped
            .withStreams(shipped.streams().withApplicationId("outage-it"))
            .withScoring(TestConfigs.scoring(16, Duration.ofMillis(50), 64))
            .withTrends(new TrendSettings(WINDOWS, Duration.ofHours(2)))
            .withMetrics(new MetricsSettings(false, false, Duration.ofSeconds(10)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTopics kafka = new KafkaTopics(KAFKA.bootstrapServers());
    Instant from = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES);
    List<NewsArticle> before = TestNews.wave("before", 120, from, Duration.ofMinutes(20), 31);
    List<NewsArticle> during =
        TestNews.wave("during", 120, from.plus(Duration.ofMinutes(15)), Duration.ofMinutes(20), 32);
    Set<String> first = PipelineVerifier.ids(before, NewsArticle::id);
    Set<String> all = new TreeSet<>(first);
    all.addAll(PipelineVerifier.ids(during, NewsArticle::id));

    try (ProcessorService service =
            new ProcessorService(
                config, new DeterministicClassifier(), meters, state, SinkObserver.NONE);
        InfluxStore influx = new InfluxStore(config.influx())) {
      service.start();
      PipelineVerifier verifier = new PipelineVerifier(kafka, influx, WINDOWS);
      kafka.publish(Topics.NEWS_RAW, before);
      verifier.awaitScored(first, Duration.ofSeconds(60));
      verifier.awaitInfluxMatches(first, Duration.ofSeconds(60));

      LOG.info("Stopping influxd for {} s", OUTAGE.toSeconds());
      INFLUX.stop();
      long stopped = System.nanoTime();
      kafka.publish(Topics.NEWS_RAW, during);
      // Scoring and trends do not wait for InfluxDB.
      verifier.awaitScored(all, Duration.ofSeconds(50));
      verifier.awaitTrendTopicMatches(Duration.ofSeconds(30));
      Await.until(
          "the writer notices InfluxDB is down",
          Duration.ofSeconds(30),
          () -> MeterRegistries.count(meters, MeterNames.PROCESSOR_INFLUX_FAILURES) > 0);
      long remaining = OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stopped).toMillis();
      Thread.sleep(Math.max(0, remaining));
      assertThat(service.isIdle())
          .describedAs("records wait, uncommitted, for InfluxDB: the writer is not idle")
          .isFalse();
      assertThat(service.isHealthy()).isTrue();

      LOG.info("Restarting influxd");
      INFLUX.restart();
      verifier.awaitInfluxMatches(all, Duration.ofSeconds(90));
      verifier.assertExactlyOnce(all);
      Await.until("the processor drains", Duration.ofSeconds(30), service::isIdle);
      LOG.info(
          "{} failed InfluxDB write attempts during the outage, no point missing",
          (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_INFLUX_FAILURES));
    }
  }
}
