package com.finpulse.processor.config;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.config.KafkaSettings;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.metrics.MetricsSettings;

/**
 * The stream processor's configuration, bound from {@code processor.yml} (defaults in the jar,
 * overrides in {@code $FINPULSE_CONFIG_DIR/processor.yml}).
 */
public record ProcessorConfig(
    KafkaSettings kafka,
    InfluxSettings influx,
    MetricsSettings metrics,
    StreamsSettings streams,
    ScoringSettings scoring,
    DedupSettings dedup,
    TrendSettings trends,
    SinkSettings sink,
    TopicSettings topics)
    implements Validated {

  /** Name of the shipped defaults on the classpath and of the user's override file. */
  public static final String FILE_NAME = "processor.yml";

  @Override
  public void validate(Validation v) {
    v.check(kafka != null, "kafka", "missing section");
    v.check(influx != null, "influx", "missing section");
    v.check(metrics != null, "metrics", "missing section");
    v.check(streams != null, "streams", "missing section");
    v.check(scoring != null, "scoring", "missing section");
    v.check(dedup != null, "dedup", "missing section");
    v.check(trends != null, "trends", "missing section");
    v.check(sink != null, "sink", "missing section");
    v.check(topics != null, "topics", "missing section");
    v.nested("kafka", kafka)
        .nested("influx", influx)
        .nested("metrics", metrics)
        .nested("streams", streams)
        .nested("scoring", scoring)
        .nested("dedup", dedup)
        .nested("trends", trends)
        .nested("sink", sink)
        .nested("topics", topics);
  }

  public ProcessorConfig withKafka(KafkaSettings newKafka) {
    return new ProcessorConfig(
        newKafka, influx, metrics, streams, scoring, dedup, trends, sink, topics);
  }

  public ProcessorConfig withInflux(InfluxSettings newInflux) {
    return new ProcessorConfig(
        kafka, newInflux, metrics, streams, scoring, dedup, trends, sink, topics);
  }

  public ProcessorConfig withStreams(StreamsSettings newStreams) {
    return new ProcessorConfig(
        kafka, influx, metrics, newStreams, scoring, dedup, trends, sink, topics);
  }

  public ProcessorConfig withScoring(ScoringSettings newScoring) {
    return new ProcessorConfig(
        kafka, influx, metrics, streams, newScoring, dedup, trends, sink, topics);
  }

  public ProcessorConfig withTrends(TrendSettings newTrends) {
    return new ProcessorConfig(
        kafka, influx, metrics, streams, scoring, dedup, newTrends, sink, topics);
  }

  public ProcessorConfig withSink(SinkSettings newSink) {
    return new ProcessorConfig(
        kafka, influx, metrics, streams, scoring, dedup, trends, newSink, topics);
  }

  public ProcessorConfig withMetrics(MetricsSettings newMetrics) {
    return new ProcessorConfig(
        kafka, influx, newMetrics, streams, scoring, dedup, trends, sink, topics);
  }
}
