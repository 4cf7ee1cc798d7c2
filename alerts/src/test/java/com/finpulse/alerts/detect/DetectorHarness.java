package com.finpulse.alerts.detect;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The detection topology in a TopologyTestDriver, with a wall clock that moves with the data: one
 * call per trend update, as the stream processor would emit them.
 */
final class DetectorHarness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  final DetectionSettings settings;
  final TopologyTestDriver driver;
  final TestInputTopic<String, TrendPoint> trends;
  final TestInputTopic<String, ScoredArticle> articles;
  final TestOutputTopic<String, Alert> alerts;
  private final String applicationId;
  private Instant wall;

  DetectorHarness(DetectionSettings settings, Path stateDir) {
    this(settings, ThresholdProfiles.fixed(settings.defaultProfile()), stateDir, T0);
  }

  DetectorHarness(
      DetectionSettings settings, ThresholdProfiles profiles, Path stateDir, Instant wallStart) {
    this.settings = settings;
    // The production settings (exactly-once, the poison-record handler) of the shipped alerts.yml.
    Properties props =
        DetectionStreams.properties(AlertsConfig.load(new ConfigLoader(Map.of()), null), stateDir);
    this.applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.driver =
        new TopologyTestDriver(
            DetectionTopology.build(settings, profiles, DetectorMetrics.NONE), props, wallStart);
    this.wall = wallStart;
    this.trends =
        driver.createInputTopic(
            Topics.SENTIMENT_TRENDS, Serdes.String().serializer(), EventSerdes.trendPoint());
    this.articles =
        driver.createInputTopic(
            Topics.NEWS_SCORED, Serdes.String().serializer(), EventSerdes.scoredArticle());
    this.alerts =
        driver.createOutputTopic(
            Topics.ALERTS, Serdes.String().deserializer(), AlertSerdes.alert());
  }

  /** The prefix of the topology's changelog topics. */
  String applicationId() {
    return applicationId;
  }

  static DetectionSettings defaults() {
    return AlertsConfig.load(new ConfigLoader(Map.of()), null).detection();
  }

  /** One update of a window: counts so far, at {@code offset} into the window. */
  void update(
      KeyKind kind,
      String key,
      TrendWindow window,
      Instant windowStart,
      Duration offset,
      long count,
      long negatives,
      long novelCount,
      long novelNegatives) {
    Instant updatedAt = windowStart.plus(offset);
    advanceWallTo(updatedAt.plusSeconds(1));
    TrendPoint p =
        new TrendPoint(
            kind,
            key,
            window,
            windowStart,
            windowStart.plus(window.size()),
            negatives,
            Math.max(0, count - negatives) / 2,
            Math.max(0, count - negatives) - Math.max(0, count - negatives) / 2,
            count,
            count == 0 ? 0 : -0.6 * negatives / count,
            count == 0 ? 0 : (double) negatives / count,
            novelCount,
            novelNegatives,
            updatedAt);
    trends.pipeInput(p.recordKey(), p, windowStart);
  }

  /** A full window delivered as three growing updates, as a live window is. */
  void window(KeyKind kind, String key, Instant start, long novel, long novelNegative) {
    long n1 = novel / 3;
    long v1 = novelNegative / 3;
    update(kind, key, TrendWindow.ONE_MINUTE, start, Duration.ofSeconds(20), n1, v1, n1, v1);
    update(
        kind,
        key,
        TrendWindow.ONE_MINUTE,
        start,
        Duration.ofSeconds(40),
        2 * n1,
        2 * v1,
        2 * n1,
        2 * v1);
    update(
        kind,
        key,
        TrendWindow.ONE_MINUTE,
        start,
        Duration.ofSeconds(58),
        novel,
        novelNegative,
        novel,
        novelNegative);
  }

  void negativeArticle(String topic, String title, double score, Instant at, String fingerprint) {
    ScoredArticle a =
        new ScoredArticle(
            com.finpulse.common.event.ArticleIds.fromContent(title, at, "test"),
            "wire",
            "https://news.example.com/" + Math.abs(title.hashCode()),
            title,
            at,
            at,
            at,
            List.of(),
            fingerprint,
            Sentiment.NEGATIVE,
            new SentimentScores((1 - score) / 2, 0.1, Math.max(0, (1 + score) / 2 - 0.1)),
            score,
            topic,
            Map.of(topic, 0.9),
            "test-model",
            at,
            java.util.Map.of());
    articles.pipeInput(a.articleId(), a, at);
  }

  void advanceWallTo(Instant t) {
    if (t.isAfter(wall)) {
      driver.advanceWallClockTime(Duration.between(wall, t));
      wall = t;
    }
  }

  List<Alert> drainAlerts() {
    return alerts.readValuesToList();
  }

  /** Everything in the detector's stores, to carry over into a new driver (a restart). */
  List<KeyValue<String, DetectorState>> detectorStates() {
    List<KeyValue<String, DetectorState>> out = new ArrayList<>();
    KeyValueStore<String, DetectorState> store =
        driver.getKeyValueStore(DetectionTopology.DETECTOR_STORE);
    try (var it = store.all()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  ClockAnchor clockAnchor() {
    KeyValueStore<String, ClockAnchor> store =
        driver.getKeyValueStore(DetectionTopology.CLOCK_STORE);
    return store.get(SpikeDetector.CLOCK_KEY);
  }

  void restore(List<KeyValue<String, DetectorState>> states, ClockAnchor anchor) {
    KeyValueStore<String, DetectorState> store =
        driver.getKeyValueStore(DetectionTopology.DETECTOR_STORE);
    states.forEach(kv -> store.put(kv.key, kv.value));
    KeyValueStore<String, ClockAnchor> clock =
        driver.getKeyValueStore(DetectionTopology.CLOCK_STORE);
    clock.put(SpikeDetector.CLOCK_KEY, anchor);
  }

  @Override
  public void close() {
    driver.close();
  }
}
