package com.finpulse.processor.topology;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.InferenceWorker;
import com.finpulse.processor.service.StreamsProperties;
import com.finpulse.processor.testing.Articles;
import com.finpulse.processor.testing.DeterministicClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;

/**
 * {@link ProcessorTopology} under {@link TopologyTestDriver} with a real inference worker around a
 * {@link DeterministicClassifier}. The worker runs on its own thread, as in production: {@link
 * #awaitModel} waits for it, and {@link #tick} advances the mock wall clock so the punctuation
 * publishes what it finished.
 */
final class TopologyHarness implements AutoCloseable {

  static final Instant WALL_CLOCK_START = Instant.parse("2026-03-02T12:00:00Z");

  final DeterministicClassifier classifier;
  final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
  final ProcessorConfig config;
  final InferenceWorker worker;
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> raw;
  final TestOutputTopic<String, ScoredArticle> scored;
  final TestOutputTopic<byte[], byte[]> dlq;
  final TestOutputTopic<String, TrendPoint> trends;
  private final Path stateDir;

  TopologyHarness(ProcessorConfig config, DeterministicClassifier classifier) throws Exception {
    this.config = config;
    this.classifier = classifier;
    this.worker =
        new InferenceWorker(
            classifier, config.scoring().maxBatchSize(), config.scoring().tokenBudget(), metrics);
    worker.start();
    Files.createDirectories(Path.of("target"));
    stateDir = Files.createTempDirectory(Path.of("target"), "topology-test");
    // The production settings (exactly-once, dead-letter handlers, the config's overrides).
    Properties p = StreamsProperties.of(config, stateDir, metrics);
    // The driver flushes every store after every record; RocksDB makes that slow, and the window
    // logic is the same in memory.
    p.put(
        StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
        BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
    driver =
        new TopologyTestDriver(
            ProcessorTopology.build(config, worker, metrics), p, WALL_CLOCK_START);
    raw =
        driver.createInputTopic(
            Topics.NEWS_RAW, new ByteArraySerializer(), new ByteArraySerializer());
    scored =
        driver.createOutputTopic(
            Topics.NEWS_SCORED, new StringDeserializer(), EventSerdes.scoredArticle());
    dlq =
        driver.createOutputTopic(
            Topics.NEWS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    trends =
        driver.createOutputTopic(
            Topics.SENTIMENT_TRENDS, new StringDeserializer(), EventSerdes.trendPoint());
  }

  /** Pipes an article as ingest publishes it: key = id, timestamp = fetch time. */
  void pipe(NewsArticle a) {
    raw.pipeInput(Articles.key(a), Articles.json(a), a.fetchedAt());
  }

  void pipe(byte[] key, byte[] value, Instant timestamp) {
    raw.pipeInput(new TestRecord<>(key, value, timestamp));
  }

  /** Waits until the worker holds no submitted article. */
  void awaitModel() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!worker.isIdle()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the inference worker did not finish within 10 s");
      }
      Thread.sleep(2);
    }
  }

  void tick(Duration d) {
    driver.advanceWallClockTime(d);
  }

  /** Lets every buffered article go through the model and be published. */
  void scoreEverything() throws InterruptedException {
    tick(config.scoring().maxDelay());
    awaitModel();
    tick(Duration.ofMillis(20));
  }

  List<ScoredArticle> scoredArticles() {
    return scored.readValuesToList();
  }

  @Override
  public void close() throws Exception {
    driver.close();
    worker.close();
    try (Stream<Path> paths = Files.walk(stateDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
