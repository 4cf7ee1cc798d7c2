package com.finpulse.alerts.detect;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.config.StreamsSettings;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.streams.ConsumerGroupLag;
import com.finpulse.common.streams.ExactlyOnceStreams;
import com.finpulse.common.streams.StateRestoreProgress;
import com.finpulse.common.streams.StaticMemberId;
import com.finpulse.common.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert detector running: its Kafka Streams application (exactly-once, static membership), its
 * start-up wait, health, input lag and a clean stop that leaves the group.
 */
public final class DetectionStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionStreams.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> INPUTS = List.of(Topics.SENTIMENT_TRENDS, Topics.NEWS_SCORED);

  private final AlertsConfig config;
  private final KafkaStreams streams;
  private final ConsumerGroupLag lag;
  private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
  private volatile @Nullable Throwable failure;

  public DetectionStreams(
      AlertsConfig config, ThresholdProfiles profiles, Path stateDir, MeterRegistry meters) {
    this.config = config;
    DetectorMetrics metrics =
        window ->
            meters.counter(MeterNames.ALERTS_LATE_UPDATES, "window", window.label()).increment();
    this.streams =
        new KafkaStreams(
            DetectionTopology.build(config.detection(), profiles, metrics),
            properties(config, stateDir));
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Alert detection failed; the alerts service stops", e);
          failure = e;
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setGlobalStateRestoreListener(new StateRestoreProgress("alerts"));
    this.lag = new ConsumerGroupLag(config.kafka().clientProperties());
    for (String topic : INPUTS) {
      AtomicLong value = new AtomicLong();
      lagByTopic.put(topic, value);
      meters.gauge(MeterNames.ALERTS_CONSUMER_LAG, Tags.of("topic", topic), value, AtomicLong::get);
    }
  }

  /** The detector's production Streams settings; its TopologyTestDriver harness uses them too. */
  public static Properties properties(AlertsConfig config, Path stateDir) {
    StreamsSettings s = config.streams();
    Path streamsDir = stateDir.resolve("streams");
    return ExactlyOnceStreams.settings(
            config.kafka().clientProperties(), s.applicationId(), streamsDir)
        .replicationFactor(s.replicationFactor())
        .commitInterval(s.commitInterval())
        .standbyReplicas(s.standbyReplicas())
        .startFrom(s.startFrom())
        .staticMember(
            s.staticMembership() ? StaticMemberId.of(s.instanceId(), "alerts", streamsDir) : null)
        .with(PoisonRecordHandler.streamsProperties())
        .build();
  }

  /** Starts the application and waits until it runs (restoring state first where needed). */
  public void start() throws InterruptedException {
    streams.start();
    long started = System.nanoTime();
    long deadline = started + START_TIMEOUT.toNanos();
    long nextNote = started + 5_000_000_000L;
    while (streams.state() != KafkaStreams.State.RUNNING) {
      KafkaStreams.State state = streams.state();
      if (failure != null
          || state == KafkaStreams.State.ERROR
          || state == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(
            "alert detection did not start (state " + state + "); see the log above");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "alert detection not running after "
                + START_TIMEOUT.toSeconds()
                + " s (state "
                + state
                + "); is Kafka at "
                + config.kafka().bootstrapServers()
                + " reachable?");
      }
      if (System.nanoTime() >= nextNote) {
        LOG.info(
            "Alert detection starting: Kafka Streams is {} ({} s)",
            state,
            (System.nanoTime() - started) / 1_000_000_000);
        nextNote = System.nanoTime() + 5_000_000_000L;
      }
      Thread.sleep(50);
    }
  }

  /** The running application, for interactive queries of the detector's stores (the digest). */
  public KafkaStreams queryable() {
    return streams;
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  public boolean isHealthy() {
    KafkaStreams.State state = streams.state();
    return failure == null
        && state != KafkaStreams.State.ERROR
        && state != KafkaStreams.State.PENDING_ERROR;
  }

  /**
   * Records the detector still has to read on its inputs and repartition topics; refreshes the lag
   * gauges. Negative when the cluster does not answer.
   */
  public long refreshLag() {
    try {
      long total = 0;
      for (Map.Entry<String, Long> e :
          lag.lag(config.streams().applicationId(), INPUTS).entrySet()) {
        AtomicLong gauge = lagByTopic.get(e.getKey());
        if (gauge != null) {
          gauge.set(e.getValue());
        }
        total += e.getValue();
      }
      return total;
    } catch (RuntimeException e) {
      LOG.debug("Detector lag not available: {}", e.toString());
      return -1;
    }
  }

  /**
   * A clean stop leaves the group even as a static member: whoever joins next (another instance, a
   * new state directory) need not wait for this member's session to expire.
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    lag.close();
  }
}
