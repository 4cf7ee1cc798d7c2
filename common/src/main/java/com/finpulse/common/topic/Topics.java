package com.finpulse.common.topic;

import java.time.Duration;
import java.util.List;

/**
 * Every topic the services share, with how it is created. Kafka Streams names its own internal
 * changelog and repartition topics from the application id; they are not listed here.
 */
public final class Topics {

  /** Articles from ingest. Key: article id. Value: {@code NewsArticle}. */
  public static final String NEWS_RAW = "news.raw";

  /** Articles with the model's verdict. Key: article id. Value: {@code ScoredArticle}. */
  public static final String NEWS_SCORED = "news.scored";

  /** Records the processor could not read or validate, with the reason in headers. */
  public static final String NEWS_DLQ = "news.dlq";

  /** Windowed aggregates. Key: {@code kind:key:window}. Value: {@code TrendPoint}. */
  public static final String SENTIMENT_TRENDS = "sentiment.trends";

  /** Alerts and the delivery outcome of every notification. Key: alert id. */
  public static final String ALERTS = "alerts";

  /**
   * Never written: the member of the consumer group {@code <alerts application id>-delivery} that
   * is assigned its one partition is the alerts instance that delivers notifications; the others
   * stand by.
   */
  public static final String ALERTS_DELIVERY = "alerts.delivery";

  /**
   * Analysts' corrections of the model. Key: {@code LabelFeedback.recordKey()}. Value: {@code
   * LabelFeedback}. Compacted: the latest correction of an article's task wins, kept for good.
   */
  public static final String LABELS_FEEDBACK = "labels.feedback";

  /**
   * Which model version the processors serve and which runs in shadow. Key: {@code
   * ModelServing.KEY}. Value: {@code ModelServing}. Every change is kept a year: the history of
   * promotions and roll-backs.
   */
  public static final String MODELS_SERVING = "models.serving";

  /** What each processor instance serves. Key: the instance. Value: {@code ModelStatus}. */
  public static final String MODELS_STATUS = "models.status";

  /** Serving and shadow model side by side on sampled articles. Key: article id. */
  public static final String MODELS_SHADOW = "models.shadow";

  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration MONTH = Duration.ofDays(30);

  private Topics() {}

  /**
   * The shared topics with their settings.
   *
   * @param partitions partitions of the high-volume topics: the unit of scale-out for the stream
   *     processor (at most one active task per partition)
   * @param replicationFactor 1 for the local single broker, 3 in production
   */
  public static List<TopicSpec> all(int partitions, short replicationFactor) {
    return List.of(
        TopicSpec.deleteAfter(NEWS_RAW, partitions, replicationFactor, WEEK),
        TopicSpec.deleteAfter(NEWS_SCORED, partitions, replicationFactor, MONTH),
        TopicSpec.deleteAfter(NEWS_DLQ, 1, replicationFactor, MONTH),
        TopicSpec.deleteAfter(SENTIMENT_TRENDS, partitions, replicationFactor, MONTH),
        // One partition: alerts of one key stay in order and the history reads back in order.
        TopicSpec.deleteAfter(ALERTS, 1, replicationFactor, Duration.ofDays(365)),
        // One partition: its holder in the delivery group is the one instance that delivers.
        TopicSpec.deleteAfter(ALERTS_DELIVERY, 1, replicationFactor, WEEK),
        TopicSpec.compacted(LABELS_FEEDBACK, 1, replicationFactor),
        // One partition: the changes stay in order; the latest is the state.
        TopicSpec.deleteAfter(MODELS_SERVING, 1, replicationFactor, Duration.ofDays(365)),
        TopicSpec.compacted(MODELS_STATUS, 1, replicationFactor),
        TopicSpec.deleteAfter(MODELS_SHADOW, 1, replicationFactor, WEEK));
  }
}
