package com.finpulse.processor.service;

import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.common.streams.ConsumerGroupLag;
import com.finpulse.common.streams.StateRestoreProgress;
import com.finpulse.common.streams.StaticMemberId;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.aggregate.TrendAggregation;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.ScoringSettings;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.InferenceWorker;
import com.finpulse.processor.serving.ModelEvents;
import com.finpulse.processor.serving.ServedModel;
import com.finpulse.processor.serving.ServingFollower;
import com.finpulse.processor.serving.VersionLoader;
import com.finpulse.processor.sink.InfluxSink;
import com.finpulse.processor.sink.SinkObserver;
import com.finpulse.processor.topology.ProcessorTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream processor as a service: the Kafka Streams application (intake, scoring, trends), the
 * inference worker its threads share, and the InfluxDB writer. {@code ./finpulse up} runs it in
 * process; {@code ./finpulse process} runs it alone.
 *
 * <p>The classifier is given, not loaded here: the composition root decides which model (see {@link
 * ProcessorServiceProvider#classifier}); it is the version {@code default}. Other versions come
 * from the model registry when {@code models.serving} asks for them ({@link ServingFollower}); the
 * service closes whatever model it serves when it closes.
 */
public final class ProcessorService implements ManagedService {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

  /** Consumer name in the lag gauge for the Kafka Streams application. */
  static final String STREAMS_CONSUMER = "streams";

  /** Consumer name in the lag gauge for the InfluxDB writer. */
  static final String SINK_CONSUMER = "influx-sink";

  /** Longest the start waits to read models.serving to its end before scoring begins. */
  static final Duration SERVING_CATCH_UP = Duration.ofSeconds(30);

  private final ProcessorConfig config;
  private final Classifier classifier;
  private final ProcessorMetrics metrics;
  private final Path serviceStateDir;
  private final SinkObserver observer;
  private final Function<Path, Classifier> versionLoader;
  private InferenceWorker worker;
  private ModelEvents modelEvents;
  private ServingFollower follower;
  private KafkaStreams streams;
  private InfluxStore influx;
  private InfluxSink sink;
  private ConsumerGroupLag lagMonitor;
  private ScheduledExecutorService lagRefresher;
  private volatile Throwable streamsFailure;
  private volatile boolean closed;

  public ProcessorService(
      ProcessorConfig config,
      Classifier classifier,
      MeterRegistry meters,
      Path serviceStateDir,
      SinkObserver observer) {
    this(
        config,
        classifier,
        meters,
        serviceStateDir,
        observer,
        dir -> ProcessorServiceProvider.load(dir, config.scoring()));
  }

  /**
   * @param versionLoader loads a model directory of the registry (or {@code scoring.model_dir} for
   *     the version {@code default}); tests give a double
   */
  ProcessorService(
      ProcessorConfig config,
      Classifier classifier,
      MeterRegistry meters,
      Path serviceStateDir,
      SinkObserver observer,
      Function<Path, Classifier> versionLoader) {
    this.config = config;
    this.classifier = classifier;
    this.metrics = new ProcessorMetrics(meters);
    this.serviceStateDir = serviceStateDir;
    this.observer = observer;
    this.versionLoader = versionLoader;
  }

  @Override
  public String name() {
    return "processor";
  }

  public ProcessorMetrics metrics() {
    return metrics;
  }

  public ProcessorConfig config() {
    return config;
  }

  /** The sink's consumer group: {@code <application id>-influx-sink}. */
  public String sinkGroupId() {
    return sinkGroupId(config.streams().applicationId());
  }

  /** The InfluxDB sink's consumer group of the processor application {@code applicationId}. */
  public static String sinkGroupId(String applicationId) {
    return applicationId + "-" + SINK_CONSUMER;
  }

  Path streamsStateDir() {
    String configured = config.streams().stateDir();
    return configured.isEmpty() ? serviceStateDir.resolve("streams") : Path.of(configured);
  }

  @Override
  public void start() throws Exception {
    Map<String, Object> client = config.kafka().clientProperties();
    TopicProvisioner.ensure(
        client,
        Topics.all(config.topics().partitions(), config.topics().replicationFactor()),
        Duration.ofSeconds(60));
    Path stateDir = streamsStateDir();
    Files.createDirectories(stateDir);

    ScoringSettings.ModelCallLimits limits = config.scoring().modelCallLimits(classifier.onGpu());
    LOG.info(
        "Scoring on the {} with {}: model calls of up to {} articles and {} padded tokens",
        classifier.onGpu() ? "GPU" : "CPU",
        classifier.modelId(),
        limits.maxArticles(),
        limits.tokenBudget());
    modelEvents = new ModelEvents(client);
    worker =
        new InferenceWorker(
            ServedModel.configured(classifier),
            limits.maxArticles(),
            limits.tokenBudget(),
            metrics,
            modelEvents);
    worker.start();
    ScoringSettings scoring = config.scoring();
    follower =
        new ServingFollower(
            client,
            StaticMemberId.of(config.streams().instanceId(), "", stateDir),
            new VersionLoader(
                new ModelRegistry(ProcessorServiceProvider.modelDir(scoring.registryDir())),
                ProcessorServiceProvider.modelDir(scoring.modelDir()),
                versionLoader),
            worker,
            modelEvents::publishStatus,
            metrics);
    // Converge to the promoted version before the first article is scored.
    follower.start(SERVING_CATCH_UP);
    streams =
        new KafkaStreams(
            ProcessorTopology.build(config, worker, metrics),
            StreamsProperties.of(config, stateDir, metrics));
    streams.setUncaughtExceptionHandler(
        e -> {
          streamsFailure = e;
          LOG.error(
              "A stream thread failed ({}); stopping the processor. State and input offsets are"
                  + " as of the last commit: a restart resumes without loss.",
              e.toString(),
              e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setGlobalStateRestoreListener(new StateRestoreProgress("processor"));
    streams.start();
    LOG.info(
        "Processor started: application {}, {} stream thread(s), model {}, state in {}",
        config.streams().applicationId(),
        config.streams().threads(),
        worker.modelId(),
        stateDir);

    if (config.sink().enabled()) {
      influx = new InfluxStore(config.influx());
      String instance = StreamsProperties.instanceId(config, stateDir);
      sink =
          new InfluxSink(
              client,
              sinkGroupId(),
              instance == null ? null : instance + "-" + SINK_CONSUMER,
              config.sink().batchSize(),
              influx,
              metrics,
              observer);
      sink.start();
    }

    lagMonitor = new ConsumerGroupLag(client);
    lagRefresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "finpulse-processor-lag");
              t.setDaemon(true);
              return t;
            });
    lagRefresher.scheduleWithFixedDelay(this::refreshLag, 5, 10, TimeUnit.SECONDS);
  }

  /** What this instance last reported on models.status; null before the start. */
  public ModelStatus modelStatus() {
    return follower == null ? null : follower.status();
  }

  /** Kafka Streams' state, for status lines and tests. */
  public KafkaStreams.State streamsState() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  private List<String> streamsInputs() {
    return List.of(
        Topics.NEWS_RAW,
        Topics.NEWS_SCORED,
        config.streams().applicationId() + "-" + TrendAggregation.REPARTITION + "-repartition");
  }

  private List<String> sinkInputs() {
    return List.of(Topics.NEWS_SCORED, Topics.SENTIMENT_TRENDS);
  }

  /** Total lag of the processor's consumers; refreshes the lag gauges. */
  long refreshLag() {
    try {
      long total = 0;
      Map<String, Long> s = lagMonitor.lag(config.streams().applicationId(), streamsInputs());
      for (Map.Entry<String, Long> e : s.entrySet()) {
        metrics.lag(STREAMS_CONSUMER, e.getKey(), e.getValue());
        total += e.getValue();
      }
      if (sink != null) {
        Map<String, Long> k = lagMonitor.lag(sinkGroupId(), sinkInputs());
        for (Map.Entry<String, Long> e : k.entrySet()) {
          metrics.lag(SINK_CONSUMER, e.getKey(), e.getValue());
          total += e.getValue();
        }
      }
      return total;
    } catch (RuntimeException e) {
      LOG.debug("Consumer lag not available: {}", e.toString());
      return -1;
    }
  }

  /**
   * Idle: Kafka Streams is running, no consumer of the processor lags behind its inputs, no article
   * is buffered or inside the model, and the InfluxDB writer holds nothing unwritten.
   */
  @Override
  public boolean isIdle() {
    if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    if (metrics.buffered() > 0 || !worker.isIdle() || (sink != null && !sink.isIdle())) {
      return false;
    }
    return refreshLag() == 0;
  }

  /** What {@link #isIdle} looks at, for diagnostics. */
  String idleReport() {
    StringBuilder sb = new StringBuilder();
    sb.append("streams=").append(streamsState());
    sb.append(" buffered=").append(metrics.buffered());
    sb.append(" worker idle=").append(worker != null && worker.isIdle());
    sb.append(" sink idle=").append(sink == null || sink.isIdle());
    try {
      sb.append(" streams lag=")
          .append(lagMonitor.lag(config.streams().applicationId(), streamsInputs()));
      if (sink != null) {
        sb.append(" sink lag=").append(lagMonitor.lag(sinkGroupId(), sinkInputs()));
      }
    } catch (RuntimeException e) {
      sb.append(" lag unknown: ").append(e.getMessage());
    }
    return sb.toString();
  }

  @Override
  public boolean isHealthy() {
    if (closed || streams == null) {
      return true;
    }
    KafkaStreams.State state = streams.state();
    boolean streamsOk =
        streamsFailure == null
            && state != KafkaStreams.State.ERROR
            && state != KafkaStreams.State.PENDING_ERROR
            && state != KafkaStreams.State.PENDING_SHUTDOWN
            && state != KafkaStreams.State.NOT_RUNNING;
    return streamsOk && !worker.isFailed() && (sink == null || sink.isHealthy());
  }

  /** Stops in order: no new results (streams), then the writer, the worker and the model. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lagRefresher != null) {
      lagRefresher.shutdownNow();
    }
    if (streams != null) {
      if (!streams.close(Duration.ofSeconds(30))) {
        LOG.warn("Kafka Streams did not stop within 30 s");
      }
    }
    if (sink != null) {
      sink.close();
    }
    if (follower != null) {
      follower.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (modelEvents != null) {
      modelEvents.close();
    }
    if (lagMonitor != null) {
      lagMonitor.close();
    }
    if (influx != null) {
      influx.close();
    }
    closeModels();
  }

  /** The serving model and the shadow candidate (the configured model if none took its place). */
  private void closeModels() {
    Set<Classifier> models = Collections.newSetFromMap(new IdentityHashMap<>());
    if (worker == null) {
      models.add(classifier);
    } else {
      InferenceWorker.Setup s = worker.setup();
      models.add(s.serving().classifier());
      if (s.shadow() != null) {
        models.add(s.shadow().candidate().classifier());
      }
    }
    for (Classifier m : models) {
      try {
        m.close();
      } catch (RuntimeException e) {
        LOG.warn("A model did not close cleanly: {}", e.toString());
      }
    }
  }
}
