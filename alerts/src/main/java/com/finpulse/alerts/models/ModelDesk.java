package com.finpulse.alerts.models;

import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.ReliableProducer;
import com.finpulse.common.topic.TopicFollower;
import com.finpulse.common.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The model versions the stream processors serve, as the alerts service sees and steers them: the
 * history of promotions, roll-backs and shadow runs ({@code models.serving}, whose latest record
 * the processors converge to), what each processor reports it serves ({@code models.status}), and
 * the shadow candidate's comparisons ({@code models.shadow}). Promote, roll back and shadow are one
 * record each on {@code models.serving}.
 */
public final class ModelDesk implements AutoCloseable {

  /** What processors serve before any promotion: their configured model directory. */
  public static final String INITIAL = "default";

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  /** A change that cannot be made (nothing to roll back to, no shadow running). */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final List<ModelServing> history = new ArrayList<>();
  private final Map<String, ModelStatus> statuses = new TreeMap<>();
  private final ShadowTally shadow = new ShadowTally();
  private final List<TopicFollower> followers;

  public ModelDesk(Map<String, Object> kafkaClient, Clock clock) {
    this.clock = clock;
    this.producer = ReliableProducer.create(kafkaClient, "finpulse-alerts-models");
    this.followers =
        List.of(
            TopicFollower.of(
                Topics.MODELS_SERVING,
                EventSerdes.modelServing(),
                kafkaClient,
                (k, change) -> remember(change)),
            TopicFollower.of(
                Topics.MODELS_STATUS,
                EventSerdes.modelStatus(),
                kafkaClient,
                (k, s) -> {
                  synchronized (statuses) {
                    statuses.put(s.instance(), s);
                  }
                }),
            TopicFollower.of(
                Topics.MODELS_SHADOW,
                EventSerdes.shadowComparison(),
                kafkaClient,
                (k, c) -> add(c)));
  }

  private void add(ShadowComparison c) {
    shadow.add(c);
  }

  /** Reads the topics so far; waits up to {@code timeout} for them. */
  public void start(Duration timeout) throws InterruptedException {
    followers.forEach(TopicFollower::start);
    for (TopicFollower f : followers) {
      f.awaitCaughtUp(timeout);
    }
  }

  public boolean healthy() {
    return followers.stream().allMatch(TopicFollower::healthy);
  }

  /** The desired state now: the latest change, or null before the first one. */
  public @Nullable ModelServing current() {
    synchronized (history) {
      return history.isEmpty() ? null : history.get(history.size() - 1);
    }
  }

  /** The version the processors are asked to serve. */
  public String servingVersion() {
    ModelServing c = current();
    return c == null ? INITIAL : c.serving();
  }

  /** Every change, newest first. */
  public List<ModelServing> history(int limit) {
    synchronized (history) {
      List<ModelServing> out = new ArrayList<>(history);
      java.util.Collections.reverse(out);
      return out.stream().limit(limit).toList();
    }
  }

  /** What each processor instance last reported. */
  public List<ModelStatus> statuses() {
    synchronized (statuses) {
      return statuses.values().stream()
          .sorted(Comparator.comparing(ModelStatus::instance))
          .toList();
    }
  }

  public ShadowTally.Report shadowReport(FeedbackBook feedback) {
    return shadow.report(feedback);
  }

  /** Serve {@code version}; the candidate in shadow stops if it is that version. */
  public ModelServing promote(String version, String user, @Nullable String reason) {
    ModelServing c = current();
    String keepShadow =
        c != null && c.shadow() != null && !c.shadow().equals(version) ? c.shadow() : null;
    return write(
        new ModelServing(
            version,
            keepShadow,
            keepShadow == null ? 0 : c.shadowSample(),
            ModelServing.Action.PROMOTE,
            user,
            reason,
            clock.instant()));
  }

  /**
   * Serve again the version served before the current one.
   *
   * @throws RefusedException when there is none
   */
  public ModelServing rollback(String user, @Nullable String reason) {
    String now = servingVersion();
    String previous = null;
    synchronized (history) {
      for (int i = history.size() - 1; i >= 0 && previous == null; i--) {
        if (!history.get(i).serving().equals(now)) {
          previous = history.get(i).serving();
        }
      }
    }
    if (previous == null) {
      if (now.equals(INITIAL)) {
        throw new RefusedException("nothing to roll back to: " + INITIAL + " has always served");
      }
      previous = INITIAL;
    }
    ModelServing c = current();
    return write(
        new ModelServing(
            previous,
            c == null ? null : c.shadow(),
            c == null ? 0 : c.shadowSample(),
            ModelServing.Action.ROLLBACK,
            user,
            reason,
            clock.instant()));
  }

  /** Run {@code version} in shadow on a {@code sample} share of the articles. */
  public ModelServing startShadow(String version, double sample, String user) {
    if (version.equals(servingVersion())) {
      throw new RefusedException(version + " is the serving version already");
    }
    return write(
        new ModelServing(
            servingVersion(),
            version,
            sample,
            ModelServing.Action.SHADOW_START,
            user,
            null,
            clock.instant()));
  }

  public ModelServing stopShadow(String user) {
    ModelServing c = current();
    if (c == null || c.shadow() == null) {
      throw new RefusedException("no candidate runs in shadow");
    }
    return write(
        new ModelServing(
            c.serving(), null, 0, ModelServing.Action.SHADOW_STOP, user, null, clock.instant()));
  }

  private ModelServing write(ModelServing change) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value = EventSerdes.modelServing().serialize(Topics.MODELS_SERVING, headers, change);
    try {
      producer
          .send(new ProducerRecord<>(Topics.MODELS_SERVING, null, ModelServing.KEY, value, headers))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording the change", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not record the change on " + Topics.MODELS_SERVING + ": " + e.getMessage(), e);
    }
    remember(change);
    return change;
  }

  /** Written here and read back by the follower: the history keeps one copy of each change. */
  private void remember(ModelServing change) {
    synchronized (history) {
      if (history.isEmpty() || !history.get(history.size() - 1).equals(change)) {
        history.add(change);
      }
    }
  }

  @Override
  public void close() {
    followers.forEach(TopicFollower::close);
    producer.close(ACK_TIMEOUT);
  }
}
