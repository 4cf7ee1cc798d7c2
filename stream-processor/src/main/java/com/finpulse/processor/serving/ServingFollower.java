package com.finpulse.processor.serving;

import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.text.LogText;
import com.finpulse.common.topic.TopicFollower;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.InferenceWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inference worker on the model versions {@code models.serving} asks for. The topic is
 * read with a {@link TopicFollower}, outside the Kafka Streams topology and without a group: at
 * start it is read from the beginning to its end and the latest record is served before the first
 * article is scored (unreadable records are logged and skipped); then the topic is followed. Models
 * load on the follower's thread while the worker goes on scoring with the current one; a loaded
 * model is handed to the worker, which switches between two model calls, and the model it replaced
 * is closed once the worker has let go of it. A promotion of the shadow candidate reuses the loaded
 * candidate.
 *
 * <p>After the start and after every record it acted on, it publishes this instance's {@link
 * ModelStatus} on {@code models.status}; a version that does not load leaves the serving model in
 * place, is named with the reason there and in one WARN line, and counts as a failed swap.
 */
public final class ServingFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingFollower.class);

  private final String instance;
  private final VersionLoader loader;
  private final InferenceWorker worker;
  private final Consumer<ModelStatus> statusSink;
  private final ProcessorMetrics metrics;
  private final TopicFollower follower;
  private final CountDownLatch firstApplied = new CountDownLatch(1);

  /** Set on the follower's thread only: the topic has been read to the end it had at start. */
  private boolean caughtUp;

  /** The latest record read before {@link #caughtUp}; served once the end is reached. */
  private @Nullable ModelServing latestBeforeEnd;

  private volatile boolean closed;
  private volatile @Nullable ModelStatus status;

  public ServingFollower(
      Map<String, Object> clientProperties,
      String instance,
      VersionLoader loader,
      InferenceWorker worker,
      Consumer<ModelStatus> statusSink,
      ProcessorMetrics metrics) {
    this.instance = instance;
    this.loader = loader;
    this.worker = worker;
    this.statusSink = statusSink;
    this.metrics = metrics;
    this.follower =
        new TopicFollower(
            Topics.MODELS_SERVING,
            clientProperties,
            "finpulse-processor-serving-" + instance,
            new TopicFollower.Reader() {
              @Override
              public void record(ConsumerRecord<String, byte[]> record) {
                read(EventSerdes.modelServing().read(record.value()));
              }

              @Override
              public void caughtUp() {
                reachedEnd();
              }
            });
  }

  /** The last status this instance published; null before the start. */
  public @Nullable ModelStatus status() {
    return status;
  }

  /**
   * Reads {@code models.serving} to its end, serves its latest record and publishes the status
   * (waiting at most {@code catchUp} for that), then goes on following the topic.
   */
  public void start(Duration catchUp) throws InterruptedException {
    follower.start();
    if (!firstApplied.await(catchUp.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn(
          "{} was not read to its end within {} s: scoring with {} until it is",
          Topics.MODELS_SERVING,
          catchUp.toSeconds(),
          worker.modelId());
    }
  }

  /** On the follower's thread: the records up to the end only remember the latest. */
  private void read(@Nullable ModelServing record) {
    if (record == null) {
      return;
    }
    if (caughtUp) {
      serve(record);
    } else {
      latestBeforeEnd = record;
    }
  }

  private void reachedEnd() {
    caughtUp = true;
    ModelServing latest = latestBeforeEnd;
    latestBeforeEnd = null;
    if (latest != null) {
      serve(latest);
    } else {
      publish(null, null);
    }
    firstApplied.countDown();
  }

  private void serve(ModelServing want) {
    if (closed) {
      return;
    }
    try {
      apply(want);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Serves what {@code want} asks for as far as its models load: loads what is not loaded yet,
   * hands the set-up to the worker, closes what the worker let go of and reports.
   */
  void apply(ModelServing want) throws InterruptedException {
    InferenceWorker.Setup now = worker.setup();
    ServedModel serving = now.serving();
    ServedModel oldShadow = now.shadow() == null ? null : now.shadow().candidate();
    List<String> errors = new ArrayList<>();
    List<ServedModel> loaded = new ArrayList<>();

    ServedModel newServing = serving;
    boolean servingChange = !want.serving().equals(serving.version());
    if (servingChange) {
      if (oldShadow != null && oldShadow.version().equals(want.serving())) {
        newServing = oldShadow; // promotion of the candidate: no second load
      } else {
        try {
          newServing = loader.load(want.serving(), serving.classifier().topicLabels());
          loaded.add(newServing);
        } catch (VersionLoader.LoadException e) {
          errors.add(e.getMessage());
        }
      }
    }

    ServedModel newShadow = null;
    String wantShadow = want.shadow();
    if (wantShadow != null && !wantShadow.equals(newServing.version())) {
      if (!(want.shadowSample() >= 0 && want.shadowSample() <= 1)) {
        errors.add("shadow_sample must be between 0 and 1, got " + want.shadowSample());
      } else if (oldShadow != null
          && oldShadow != newServing
          && oldShadow.version().equals(wantShadow)) {
        newShadow = oldShadow;
      } else if (serving != newServing && serving.version().equals(wantShadow)) {
        newShadow = serving; // the replaced model goes on in shadow
      } else {
        try {
          newShadow = loader.load(wantShadow, newServing.classifier().topicLabels());
          loaded.add(newShadow);
        } catch (VersionLoader.LoadException e) {
          errors.add("shadow " + e.getMessage());
        }
      }
    }

    if (closed) {
      loaded.forEach(m -> m.classifier().close());
      return;
    }
    try {
      worker
          .configure(
              newServing,
              newShadow == null ? null : new InferenceWorker.Shadow(newShadow, want.shadowSample()))
          .get();
    } catch (ExecutionException e) {
      loaded.forEach(m -> m.classifier().close());
      throw new IllegalStateException("the inference worker did not take the change", e);
    }
    for (ServedModel old : new ServedModel[] {serving, oldShadow}) {
      if (old != null && old != newServing && old != newShadow) {
        old.classifier().close();
      }
    }

    if (servingChange) {
      metrics.modelSwap(newServing != serving);
    }
    String error = errors.isEmpty() ? null : String.join("; ", errors);
    if (error != null) {
      LOG.warn(
          "{} asks for serving '{}'{}: {}. Still serving {}{}; fix the version in the registry ({})"
              + " and promote it again, or promote another",
          Topics.MODELS_SERVING,
          quoted(want.serving()),
          wantShadow == null ? "" : " with shadow '" + quoted(wantShadow) + "'",
          error,
          newServing.modelId(),
          newShadow == null ? "" : " (shadow " + newShadow.modelId() + ")",
          loader.registry().root());
    } else if (newServing != serving || newShadow != oldShadow) {
      LOG.info(
          "Now serving {}{} (was {}{})",
          newServing.modelId(),
          newShadow == null
              ? ""
              : ", "
                  + newShadow.modelId()
                  + " in shadow on "
                  + want.shadowSample()
                  + " of articles",
          serving.modelId(),
          oldShadow == null ? "" : ", shadow " + oldShadow.modelId());
    }
    publish(want.serving(), error);
  }

  private void publish(@Nullable String requested, @Nullable String error) {
    InferenceWorker.Setup s = worker.setup();
    ModelStatus st =
        new ModelStatus(
            instance,
            s.serving().modelId(),
            s.serving().version(),
            s.shadow() == null ? null : s.shadow().candidate().modelId(),
            requested,
            error,
            Instant.now());
    status = st;
    statusSink.accept(st);
  }

  /** Stops following; the models stay with the worker (the service closes them after it). */
  @Override
  public void close() {
    closed = true;
    follower.close();
  }

  /** A name from a record, cut and escaped for a log line or a status. */
  static String quoted(String s) {
    return LogText.escape(s.length() > 100 ? s.substring(0, 100) + "..." : s);
  }
}
