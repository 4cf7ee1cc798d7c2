package com.finpulse.processor.topology;

import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.aggregate.TrendAggregation;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.intake.ArticleDeduplicator;
import com.finpulse.processor.intake.ArticleValidator;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.BufferedArticleSerde;
import com.finpulse.processor.score.InferenceWorker;
import com.finpulse.processor.score.ScoringProcessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology, built in one place for the service and the tests.
 *
 * <pre>
 *  news.raw (bytes) -> validate --(bad)--------------------------------------> news.dlq
 *                         |                                                       ^
 *                       dedup [article-dedup-store]                               |
 *                         |                                                       |
 *                       score [scoring-buffer-store] <-> inference worker --(model rejects)
 *                         |
 *                     news.scored
 *
 *  news.scored (event time) -> keys (market, topic, tickers) -> repartition
 *     -> late-arrival meter -> tumbling windows 1m / 5m / 1h (+ grace) -> sentiment.trends
 * </pre>
 *
 * Two sub-topologies: intake and scoring (Processor API: the batching needs its own store and
 * punctuation), and trends (DSL windowing). Every processor, store and internal topic is named, so
 * a change to the code does not rename the changelogs of a running deployment.
 */
public final class ProcessorTopology {

  /** Ids seen recently (window store, retention {@code dedup.retention}). */
  public static final String DEDUP_STORE = "article-dedup-store";

  /** Articles admitted and not yet published (key-value store, per-task sequence keys). */
  public static final String SCORING_BUFFER_STORE = "scoring-buffer-store";

  static final String NEWS_RAW_SOURCE = "news-raw-source";
  static final String VALIDATE = "validate";
  static final String DEDUP = "dedup";
  static final String SCORE = "score";
  static final String NEWS_SCORED_SINK = "news-scored-sink";
  static final String NEWS_DLQ_SINK = "news-dlq-sink";

  private ProcessorTopology() {}

  public static Topology build(
      ProcessorConfig config, InferenceWorker worker, ProcessorMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    TrendAggregation.addTo(builder, config.trends(), metrics);
    Topology topology = builder.build();
    topology
        .addSource(
            NEWS_RAW_SOURCE,
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer(),
            Topics.NEWS_RAW)
        .addProcessor(
            VALIDATE, () -> new ArticleValidator(DEDUP, NEWS_DLQ_SINK, metrics), NEWS_RAW_SOURCE)
        .addProcessor(
            DEDUP,
            () -> new ArticleDeduplicator(DEDUP_STORE, config.dedup().retention(), metrics),
            VALIDATE)
        .addProcessor(
            SCORE,
            () ->
                new ScoringProcessor(
                    config.scoring(),
                    worker,
                    metrics,
                    SCORING_BUFFER_STORE,
                    DEDUP_STORE,
                    NEWS_SCORED_SINK,
                    NEWS_DLQ_SINK),
            DEDUP)
        .addStateStore(
            Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                    DEDUP_STORE, config.dedup().retention(), config.dedup().retention(), false),
                Serdes.String(),
                Serdes.Long()),
            DEDUP,
            SCORE)
        .addStateStore(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(SCORING_BUFFER_STORE),
                    Serdes.Long(),
                    new BufferedArticleSerde())
                // Every write must reach the changelog in its transaction: no record cache.
                .withCachingDisabled(),
            SCORE)
        .addSink(
            NEWS_SCORED_SINK,
            Topics.NEWS_SCORED,
            new StringSerializer(),
            EventSerdes.scoredArticle(),
            SCORE)
        .addSink(
            NEWS_DLQ_SINK,
            Topics.NEWS_DLQ,
            new ByteArraySerializer(),
            new ByteArraySerializer(),
            VALIDATE,
            SCORE);
    return topology;
  }
}
