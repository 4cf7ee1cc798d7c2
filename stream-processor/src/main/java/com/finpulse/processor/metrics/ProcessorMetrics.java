package com.finpulse.processor.metrics;

import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's meters, created once per service on its registry. Under exactly-once a
 * transaction that aborts is processed again, so counters count attempts: after a crash they can
 * run slightly ahead of what the output topics hold.
 */
public final class ProcessorMetrics {

  private final MeterRegistry registry;
  private final Counter scored;
  private final Counter duplicates;
  private final Counter modelFailures;
  private final DistributionSummary batchSize;
  private final Timer modelLatency;
  private final Timer backpressure;
  private final Counter influxFailures;
  private final Counter trendPointsWritten;
  private final Counter articlePointsWritten;
  private final Counter swapsOk;
  private final Counter swapsFailed;
  private final Counter shadowComparisons;
  private final Counter shadowSentimentAgreements;
  private final Counter shadowTopicAgreements;
  private final Counter shadowFailures;
  private final Timer shadowLatency;
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Map<TrendWindow, Counter> late = new ConcurrentHashMap<>();
  private final Map<String, Integer> bufferedByTask = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.scored =
        Counter.builder(MeterNames.PROCESSOR_SCORED)
            .description("articles scored and published to news.scored")
            .register(registry);
    this.duplicates =
        Counter.builder(MeterNames.PROCESSOR_DUPLICATES)
            .description("articles dropped as already seen")
            .register(registry);
    this.modelFailures =
        Counter.builder(MeterNames.PROCESSOR_MODEL_FAILURES)
            .description("failed model calls")
            .register(registry);
    this.batchSize =
        DistributionSummary.builder(MeterNames.PROCESSOR_BATCH_SIZE)
            .description("articles per model call")
            .register(registry);
    this.modelLatency =
        Timer.builder(MeterNames.PROCESSOR_MODEL_LATENCY)
            .description("duration of one model call")
            .register(registry);
    this.backpressure =
        Timer.builder(MeterNames.PROCESSOR_BACKPRESSURE)
            .description("stream-thread waits for the model because a scoring buffer was full")
            .register(registry);
    this.influxFailures =
        Counter.builder(MeterNames.PROCESSOR_INFLUX_FAILURES)
            .description("failed InfluxDB write attempts, each retried")
            .register(registry);
    this.trendPointsWritten = pointsWritten(InfluxSchema.Trend.MEASUREMENT);
    this.articlePointsWritten = pointsWritten(InfluxSchema.Article.MEASUREMENT);
    this.swapsOk = swaps("ok");
    this.swapsFailed = swaps("failed");
    this.shadowComparisons =
        Counter.builder(MeterNames.PROCESSOR_SHADOW_COMPARISONS)
            .description("articles scored by the shadow candidate beside the serving model")
            .register(registry);
    this.shadowSentimentAgreements = shadowAgreements("sentiment");
    this.shadowTopicAgreements = shadowAgreements("topic");
    this.shadowFailures =
        Counter.builder(MeterNames.PROCESSOR_SHADOW_FAILURES)
            .description("failed model calls of the shadow candidate")
            .register(registry);
    this.shadowLatency =
        Timer.builder(MeterNames.PROCESSOR_SHADOW_LATENCY)
            .description("duration of one model call of the shadow candidate")
            .register(registry);
    Gauge.builder(MeterNames.PROCESSOR_BUFFERED, this, ProcessorMetrics::buffered)
        .description("articles in the scoring buffers")
        .register(registry);
  }

  private Counter swaps(String outcome) {
    return Counter.builder(MeterNames.PROCESSOR_MODEL_SWAPS)
        .tag("outcome", outcome)
        .description("changes of the serving model asked for on models.serving")
        .register(registry);
  }

  private Counter shadowAgreements(String task) {
    return Counter.builder(MeterNames.PROCESSOR_SHADOW_AGREEMENTS)
        .tag("task", task)
        .description("shadow comparisons where the candidate agreed with the serving model")
        .register(registry);
  }

  private Counter pointsWritten(String measurement) {
    return Counter.builder(MeterNames.PROCESSOR_POINTS_WRITTEN)
        .tag("measurement", measurement)
        .description("points accepted by InfluxDB")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void scored() {
    scored.increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void deadLetter(String stage) {
    deadLetters
        .computeIfAbsent(
            stage,
            s ->
                Counter.builder(MeterNames.PROCESSOR_DLQ)
                    .tag("stage", s)
                    .description("records sent to news.dlq")
                    .register(registry))
        .increment();
  }

  public void late(TrendWindow window) {
    late.computeIfAbsent(
            window,
            w ->
                Counter.builder(MeterNames.PROCESSOR_LATE)
                    .tag("window", w.label())
                    .description("articles that arrived after their window's grace period")
                    .register(registry))
        .increment();
  }

  public void modelCall(int articles, long nanos) {
    batchSize.record(articles);
    modelLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void modelFailure() {
    modelFailures.increment();
  }

  /** A change of the serving model was made ({@code ok}) or refused because it did not load. */
  public void modelSwap(boolean ok) {
    (ok ? swapsOk : swapsFailed).increment();
  }

  public void shadowComparison(boolean sentimentAgrees, boolean topicAgrees) {
    shadowComparisons.increment();
    if (sentimentAgrees) {
      shadowSentimentAgreements.increment();
    }
    if (topicAgrees) {
      shadowTopicAgreements.increment();
    }
  }

  public void shadowCall(long nanos) {
    shadowLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void shadowFailure() {
    shadowFailures.increment();
  }

  public void backpressureWait(long nanos) {
    backpressure.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void influxFailure() {
    influxFailures.increment();
  }

  public void trendPointsWritten(int n) {
    trendPointsWritten.increment(n);
  }

  public void articlePointsWritten(int n) {
    articlePointsWritten.increment(n);
  }

  /** Articles a task holds in its scoring buffer; the task's entry goes when the task closes. */
  public void buffered(String task, int articles) {
    if (articles < 0) {
      bufferedByTask.remove(task);
    } else {
      bufferedByTask.put(task, articles);
    }
  }

  public long buffered() {
    return bufferedByTask.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** Records behind the end of {@code topic} for one of the processor's consumers. */
  public void lag(String consumer, String topic, long records) {
    lag.computeIfAbsent(
            consumer + "\u0000" + topic,
            k -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder(MeterNames.PROCESSOR_CONSUMER_LAG, value, AtomicLong::get)
                  .tag("topic", topic)
                  .tag("consumer", consumer)
                  .description("records behind the end of an input topic")
                  .register(registry);
              return value;
            })
        .set(records);
  }

  /** Mean articles per model call so far (for benchmarks and status lines). */
  public double meanBatchSize() {
    return batchSize.count() == 0 ? 0 : batchSize.totalAmount() / batchSize.count();
  }

  public long modelCalls() {
    return batchSize.count();
  }

  /** Texts scored by all model calls so far. */
  public long modelCallTexts() {
    return (long) batchSize.totalAmount();
  }
}
