package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.EventSerde;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection topology.
 *
 * <pre>
 * sentiment.trends --(watched windows)--> SpikeDetector [detector-state, detector-clock,
 *                                                        evidence-minutes] --> alerts
 * sentiment.trends --(1h)--> HourlyStatsRecorder [hourly-stats]
 * news.scored --(negative)--> one record per topic, ticker and market
 *     --> articles-by-key (multicast to the partitions of the key's trends, see TrendPartitions)
 *     --> EvidenceRecorder [evidence-minutes, evidence-hours]
 * </pre>
 *
 * The trend stream is consumed as it comes, keyed by {@code kind:key:window}: every update of one
 * (key, window) is in one partition, in order, and the alert path has a single hop. The evidence
 * stream is repartitioned to follow it (Kafka Streams sizes the repartition topic like {@code
 * sentiment.trends}, since the two share the evidence store). Run it with {@code exactly_once_v2}:
 * state and emitted alerts commit together.
 */
public final class DetectionTopology {

  public static final String DETECTOR_STORE = "detector-state";
  public static final String CLOCK_STORE = "detector-clock";
  public static final String EVIDENCE_MINUTES = "evidence-minutes";
  public static final String EVIDENCE_HOURS = "evidence-hours";
  public static final String HOURLY_STATS = "hourly-stats";

  /** Evidence must cover the longest window plus its close grace. */
  static final Duration EVIDENCE_MINUTES_RETENTION = Duration.ofHours(3);

  /** The digest's day plus slack. */
  static final Duration EVIDENCE_HOURS_RETENTION = Duration.ofHours(26);

  /** The digest's day and the prior week, plus slack. */
  public static final Duration HOURLY_STATS_RETENTION = Duration.ofDays(8).plusHours(2);

  private static final EventSerde<StoredHeadline> HEADLINE =
      new EventSerde<>(StoredHeadline.class, 1);

  private DetectionTopology() {}

  public static Topology build(
      DetectionSettings settings, ThresholdProfiles profiles, DetectorMetrics metrics) {
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DETECTOR_STORE),
            Serdes.String(),
            StateSerdes.detectorState()));
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CLOCK_STORE),
            Serdes.String(),
            StateSerdes.clockAnchor()));
    b.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                EVIDENCE_MINUTES, EVIDENCE_MINUTES_RETENTION, Duration.ofMinutes(1), false),
            Serdes.String(),
            StateSerdes.headlines()));
    b.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                EVIDENCE_HOURS, EVIDENCE_HOURS_RETENTION, Duration.ofHours(1), false),
            Serdes.String(),
            StateSerdes.headlines()));
    b.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                HOURLY_STATS, HOURLY_STATS_RETENTION, Duration.ofHours(1), false),
            Serdes.String(),
            StateSerdes.hourStats()));

    KStream<String, com.finpulse.common.event.TrendPoint> trends =
        b.stream(
                Topics.SENTIMENT_TRENDS,
                Consumed.with(Serdes.String(), EventSerdes.trendPoint())
                    .withTimestampExtractor(new EventTimestamps())
                    .withName("trends"))
            .filter(
                (k, p) ->
                    p != null
                        && (settings.windows().contains(p.window())
                            || p.window() == TrendWindow.ONE_HOUR),
                Named.as("trends-used"));
    List<TrendWindow> partitioned = new ArrayList<>(settings.windows());
    if (!partitioned.contains(TrendWindow.ONE_HOUR)) {
      partitioned.add(TrendWindow.ONE_HOUR);
    }

    trends
        .filter((k, p) -> settings.windows().contains(p.window()), Named.as("trends-watched"))
        .process(
            () -> new SpikeDetector(settings, profiles, metrics),
            Named.as("spike-detector"),
            DETECTOR_STORE,
            CLOCK_STORE,
            EVIDENCE_MINUTES)
        .to(Topics.ALERTS, Produced.<String, Alert>with(Serdes.String(), AlertSerdes.alert()));

    trends
        .filter((k, p) -> p.window() == TrendWindow.ONE_HOUR, Named.as("trends-hourly"))
        .process(HourlyStatsRecorder::new, Named.as("hourly-stats-recorder"), HOURLY_STATS);

    b.stream(
            Topics.NEWS_SCORED,
            Consumed.with(Serdes.String(), EventSerdes.scoredArticle())
                .withTimestampExtractor(new EventTimestamps())
                .withName("articles"))
        .flatMap(
            (k, a) -> {
              // Negative evidence for a key: a ticker's by the sentiment toward it, the market's
              // and a topic's by the article's.
              List<KeyValue<String, StoredHeadline>> out = new ArrayList<>();
              if (a != null) {
                for (String pk : PartitionKeys.of(a)) {
                  SentimentScores s = PartitionKeys.sentimentFor(a, pk);
                  if (s.label() == Sentiment.NEGATIVE) {
                    out.add(KeyValue.pair(pk, StoredHeadline.of(a, s.score())));
                  }
                }
              }
              return out;
            },
            Named.as("article-keys"))
        .repartition(
            Repartitioned.with(Serdes.String(), HEADLINE)
                .withStreamPartitioner(new TrendPartitions(partitioned))
                .withName("articles-by-key"))
        .process(
            () -> new EvidenceRecorder(settings.evidenceHeadlines()),
            Named.as("evidence-recorder"),
            EVIDENCE_MINUTES,
            EVIDENCE_HOURS);
    return b.build();
  }
}
