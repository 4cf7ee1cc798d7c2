package com.finpulse.common.metrics;

/**
 * Names of the meters the services publish (Micrometer, dotted). In InfluxDB each becomes a
 * measurement with dots replaced by underscores ({@code finpulse.ingest.articles} is {@code
 * finpulse_ingest_articles}), which is what the pipeline-health dashboard queries; over JMX they
 * appear under the {@code metrics} domain.
 */
public final class MeterNames {

  // ingest
  /** Counter, tags source, outcome (ok, not_modified, error). */
  public static final String INGEST_FETCHES = "finpulse.ingest.fetches";

  /** Counter, tag source: new articles published to news.raw. */
  public static final String INGEST_ARTICLES = "finpulse.ingest.articles";

  /** Counter, tags source, kind (exact, near). */
  public static final String INGEST_DUPLICATES = "finpulse.ingest.duplicates";

  /**
   * Counter, tags source, kind (http, timeout, too_large, robots, redirect, network, parse,
   * extract, publish).
   */
  public static final String INGEST_ERRORS = "finpulse.ingest.errors";

  /**
   * Counter, tag source: items a source listed again that it had already delivered (a feed
   * re-polled, a replay resumed after a restart). Not duplicates of another source's story.
   */
  public static final String INGEST_KNOWN = "finpulse.ingest.known";

  /** Counter: rows of a replay file skipped as unreadable (no timestamp, no headline, bad CSV). */
  public static final String INGEST_REPLAY_SKIPPED = "finpulse.ingest.replay.skipped";

  /** Gauge: articles handed to Kafka and not yet acknowledged (grows while the broker is down). */
  public static final String INGEST_PENDING = "finpulse.ingest.pending";

  /** Timer, tag source. */
  public static final String INGEST_FETCH_LATENCY = "finpulse.ingest.fetch.latency";

  // stream processor
  /** Counter: articles scored and published to news.scored. */
  public static final String PROCESSOR_SCORED = "finpulse.processor.scored";

  /** Counter, tag stage: records sent to news.dlq. */
  public static final String PROCESSOR_DLQ = "finpulse.processor.dlq";

  /** Counter: articles dropped as already seen (same id). */
  public static final String PROCESSOR_DUPLICATES = "finpulse.processor.duplicates";

  /** Distribution summary: articles per model call. */
  public static final String PROCESSOR_BATCH_SIZE = "finpulse.processor.batch.size";

  /** Timer: one model call (a whole batch). */
  public static final String PROCESSOR_MODEL_LATENCY = "finpulse.processor.model.latency";

  /** Counter, tag measurement: points accepted by InfluxDB. */
  public static final String PROCESSOR_POINTS_WRITTEN = "finpulse.processor.points.written";

  /** Counter: failed InfluxDB write attempts (each retried, none dropped). */
  public static final String PROCESSOR_INFLUX_FAILURES = "finpulse.processor.influx.failures";

  /** Gauge, tag topic: records behind the end of the input topics. */
  public static final String PROCESSOR_CONSUMER_LAG = "finpulse.processor.consumer.lag";

  /** Gauge: articles held in the scoring buffers (waiting for or inside a model call). */
  public static final String PROCESSOR_BUFFERED = "finpulse.processor.buffered";

  /** Timer: time stream threads waited for the model because their scoring buffer was full. */
  public static final String PROCESSOR_BACKPRESSURE = "finpulse.processor.backpressure";

  /** Counter: failed model calls (the batch is split to isolate the text that fails). */
  public static final String PROCESSOR_MODEL_FAILURES = "finpulse.processor.model.failures";

  /**
   * Counter, tag window: articles that arrived after their window's grace period; they are in
   * news.scored and InfluxDB's scored articles, not in that window's trend.
   */
  public static final String PROCESSOR_LATE = "finpulse.processor.late";

  /**
   * Counter, tag outcome (ok, failed): changes of the serving model asked for on models.serving.
   */
  public static final String PROCESSOR_MODEL_SWAPS = "finpulse.processor.model.swaps";

  /** Counter: articles scored by the shadow candidate and compared on models.shadow. */
  public static final String PROCESSOR_SHADOW_COMPARISONS = "finpulse.processor.shadow.comparisons";

  /** Counter, tag task (sentiment, topic): shadow comparisons where the candidate agreed. */
  public static final String PROCESSOR_SHADOW_AGREEMENTS = "finpulse.processor.shadow.agreements";

  /**
   * Timer: one model call of the shadow candidate; the serving model's next call waits at most this
   * long for it.
   */
  public static final String PROCESSOR_SHADOW_LATENCY = "finpulse.processor.shadow.latency";

  /**
   * Counter: failed calls of the shadow candidate (its sample is skipped; serving is unaffected).
   */
  public static final String PROCESSOR_SHADOW_FAILURES = "finpulse.processor.shadow.failures";

  // alerts
  /** Counter, tags severity, key_kind. */
  public static final String ALERTS_FIRED = "finpulse.alerts.fired";

  /** Counter, tag key_kind. */
  public static final String ALERTS_RESOLVED = "finpulse.alerts.resolved";

  /** Counter, tags channel (email, webhook, console), outcome (delivered, failed, dead_letter). */
  public static final String ALERTS_NOTIFICATIONS = "finpulse.alerts.notifications";

  /** Timer, tag channel: from the alert's state change to the target accepting the message. */
  public static final String ALERTS_DELIVERY_LATENCY = "finpulse.alerts.delivery.latency";

  /** Gauge: notifications waiting to be delivered (queued or retrying). */
  public static final String ALERTS_PENDING = "finpulse.alerts.pending";

  /** Gauge: alerts firing now. */
  public static final String ALERTS_OPEN = "finpulse.alerts.open";

  /** Counter, tag reason (silenced, inhibited, quiet_hours): notifications held back. */
  public static final String ALERTS_SUPPRESSED = "finpulse.alerts.suppressed";

  /** Counter, tag outcome (sent, failed): daily digests built and handed to delivery. */
  public static final String ALERTS_DIGESTS = "finpulse.alerts.digests";

  /** Counter, tag outcome (applied, rejected): reloads of subscriptions.yml. */
  public static final String ALERTS_CONFIG_RELOADS = "finpulse.alerts.config.reloads";

  /** Counter, tag window: trend updates for windows the detector had already closed. */
  public static final String ALERTS_LATE_UPDATES = "finpulse.alerts.late.updates";

  /** Gauge, tag topic: records behind the end of the alerts service's input topics. */
  public static final String ALERTS_CONSUMER_LAG = "finpulse.alerts.consumer.lag";

  /** Gauge: 1 while this alerts instance delivers notifications, 0 on standby. */
  public static final String ALERTS_DELIVERY_ACTIVE = "finpulse.alerts.delivery.active";

  /** Counter: times this alerts instance took delivery up (at start or from another instance). */
  public static final String ALERTS_DELIVERY_TAKEOVERS = "finpulse.alerts.delivery.takeovers";

  /** Counter: times this alerts instance found itself fenced by another that took delivery over. */
  public static final String ALERTS_DELIVERY_FENCED = "finpulse.alerts.delivery.fenced";

  private MeterNames() {}
}
