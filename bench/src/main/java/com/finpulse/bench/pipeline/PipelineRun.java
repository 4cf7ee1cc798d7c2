package com.finpulse.bench.pipeline;

import com.finpulse.bench.Percentiles;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.embedded.KafkaBroker;
import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.ScoringSettings;
import com.finpulse.processor.service.ProcessorService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * One measurement: the model alone on the texts, then the same texts through a real broker, the
 * processor and a real influxd, first as a backlog (throughput, batch size), then at a steady
 * half-load rate (latency from produce to the InfluxDB write being accepted).
 */
final class PipelineRun {

  /**
   * @param warmUpArticles headlines pushed through before measuring; {@link
   *     #WARM_UP_UNTIL_JIT_SETTLES} repeats rounds of {@value #WARM_UP_ROUND} until the JIT settles
   * @param commitInterval Kafka Streams commit interval; null keeps processor.yml's
   */
  record Options(
      int articles,
      int warmUpArticles,
      int latencyArticles,
      int partitions,
      int threads,
      int maxBatchSize,
      @Nullable Duration commitInterval,
      Path workDir) {}

  /** How the warm-up went: articles, seconds, and JIT compilation's share of the CPU at its end. */
  record WarmUp(int articles, double seconds, double jitShare) {}

  record Result(
      WarmUp warmUp,
      int articles,
      double pipelineSeconds,
      double meanBatchSize,
      long modelCalls,
      int latencyArticles,
      double latencyRate,
      double p50Millis,
      double p99Millis,
      double modelSeconds) {

    double pipelinePerSecond() {
      return articles / pipelineSeconds;
    }

    double modelPerSecond() {
      return articles / modelSeconds;
    }

    double ratio() {
      return pipelinePerSecond() / modelPerSecond();
    }
  }

  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);

  static final int WARM_UP_UNTIL_JIT_SETTLES = -1;
  static final int WARM_UP_ROUND = 2000;

  /** JIT compilation below this share of the CPU over a round: the code is warm. */
  static final double JIT_SETTLED = 0.03;

  private static final Duration MAX_WARM_UP = Duration.ofMinutes(8);

  private final Classifier classifier;
  private final List<Headline> headlines;
  private final Options o;
  private final PrintStream err;
  private final Map<String, Long> producedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> writtenAt = new ConcurrentHashMap<>();
  private final AtomicInteger written = new AtomicInteger();
  private int next;

  PipelineRun(Classifier classifier, List<Headline> headlines, Options o, PrintStream err) {
    this.classifier = classifier;
    this.headlines = headlines;
    this.o = o;
    this.err = err;
  }

  Result run() throws Exception {
    double modelSeconds = modelAlone();
    Path kafkaDir = o.workDir().resolve("kafka");
    try (KafkaBroker broker = KafkaBroker.onFreePorts(kafkaDir);
        InfluxdServer influxd = InfluxdServer.onFreePorts(o.workDir().resolve("influxd"))) {
      broker.start();
      influxd.start(Duration.ofSeconds(30));
      TopicProvisioner.ensure(
          Map.of("bootstrap.servers", broker.bootstrapServers()),
          Topics.all(o.partitions(), (short) 1),
          Duration.ofSeconds(60));
      ProcessorConfig config = config(broker.bootstrapServers(), influxd.url());
      try (ProcessorService service =
              new ProcessorService(
                  config,
                  classifier,
                  new SimpleMeterRegistry(),
                  o.workDir().resolve("processor"),
                  (articles, trends, acceptedAt) -> {
                    for (ScoredArticle a : articles) {
                      if (writtenAt.putIfAbsent(a.articleId(), acceptedAt) == null) {
                        written.incrementAndGet();
                      }
                    }
                  });
          KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
        service.start();
        // Headlines after the measured ones, so the measured phase scores exactly the texts the
        // model alone scored.
        next = o.articles();
        WarmUp warm = warmUp(producer);
        int afterWarmUp = next;

        long callsBefore = service.metrics().modelCalls();
        long textsBefore = service.metrics().modelCallTexts();
        next = 0;
        double pipelineSeconds = backlog(producer, o.articles(), "pipeline");
        long calls = service.metrics().modelCalls() - callsBefore;
        double meanBatch =
            calls == 0 ? 0 : (double) (service.metrics().modelCallTexts() - textsBefore) / calls;

        next = afterWarmUp;
        double rate = 0.5 * o.articles() / pipelineSeconds;
        double[] latencies = steady(producer, o.latencyArticles(), rate);
        return new Result(
            warm,
            o.articles(),
            pipelineSeconds,
            meanBatch,
            calls,
            o.latencyArticles(),
            rate,
            Percentiles.of(latencies, 0.50),
            Percentiles.of(latencies, 0.99),
            modelSeconds);
      }
    }
  }

  /**
   * The model alone on the texts of the measured pipeline phase, in batches of the same maximum
   * size, after a warm-up.
   */
  private double modelAlone() {
    List<String> texts = new ArrayList<>(o.articles());
    for (int i = 0; i < o.articles(); i++) {
      texts.add(headlines.get(i % headlines.size()).title());
    }
    int b = o.maxBatchSize();
    classifier.classify(texts.subList(0, Math.min(b, texts.size())));
    classifier.classify(texts.subList(0, Math.min(b, texts.size())));
    ProgressBar bar = new ProgressBar(err, "model alone", texts.size(), "articles");
    long started = System.nanoTime();
    for (int from = 0; from < texts.size(); from += b) {
      classifier.classify(texts.subList(from, Math.min(texts.size(), from + b)));
      bar.update(Math.min(texts.size(), from + b));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    bar.finish(texts.size());
    return seconds;
  }

  /**
   * Pushes headlines through until the measured phase will see the steady state: Kafka Streams
   * started, first model calls done, and the broker's and processor's code compiled. A 2-core box
   * spends a tenth of its CPU on JIT compilation for minutes after start: a one-off that a
   * long-running service does not pay, so by default rounds repeat until compilation takes less
   * than {@value #JIT_SETTLED} of the CPU over a round (at most {@link #MAX_WARM_UP}).
   */
  private WarmUp warmUp(KafkaProducer<byte[], byte[]> producer) throws Exception {
    long started = System.nanoTime();
    if (o.warmUpArticles() != WARM_UP_UNTIL_JIT_SETTLES) {
      err.println("Warming up the pipeline with " + o.warmUpArticles() + " articles...");
      backlog(producer, o.warmUpArticles(), "warm-up");
      return new WarmUp(o.warmUpArticles(), (System.nanoTime() - started) / 1e9, Double.NaN);
    }
    err.println(
        "Warming up the pipeline until JIT compilation takes under "
            + Math.round(JIT_SETTLED * 100)
            + "% of the CPU...");
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int cores = Runtime.getRuntime().availableProcessors();
    long deadline = started + MAX_WARM_UP.toNanos();
    int articles = 0;
    double share;
    do {
      long compiledBefore = jit.getTotalCompilationTime();
      long roundStart = System.nanoTime();
      backlog(producer, WARM_UP_ROUND, "warm-up");
      articles += WARM_UP_ROUND;
      double roundMillis = (System.nanoTime() - roundStart) / 1e6;
      share = (jit.getTotalCompilationTime() - compiledBefore) / (roundMillis * cores);
      err.printf(
          Locale.ROOT,
          "warm-up: %d articles, JIT compilation %.1f%% of the CPU in the last round%n",
          articles,
          100 * share);
    } while (share > JIT_SETTLED && System.nanoTime() < deadline);
    return new WarmUp(articles, (System.nanoTime() - started) / 1e9, share);
  }

  /** Produces {@code n} articles at once; seconds from the first send to the last point. */
  private double backlog(KafkaProducer<byte[], byte[]> producer, int n, String label)
      throws Exception {
    int target = written.get() + n;
    ProgressBar bar = new ProgressBar(err, label, n, "articles");
    int base = written.get();
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      send(producer);
    }
    producer.flush();
    awaitWritten(target, bar, base);
    double seconds = (System.nanoTime() - started) / 1e9;
    bar.finish(n);
    return seconds;
  }

  /** Produces {@code n} articles at {@code perSecond}; latency of each from send to point. */
  private double[] steady(KafkaProducer<byte[], byte[]> producer, int n, double perSecond)
      throws Exception {
    err.printf(
        "Latency phase: %d articles at %.1f articles/s (half the measured throughput)%n",
        n, perSecond);
    List<String> ids = new ArrayList<>(n);
    int target = written.get() + n;
    ProgressBar bar = new ProgressBar(err, "latency", n, "articles");
    int base = written.get();
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long due = started + (long) (i * 1e9 / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      ids.add(send(producer));
      producer.flush();
      bar.update(written.get() - base);
    }
    awaitWritten(target, bar, base);
    bar.finish(n);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = writtenAt.get(ids.get(i)) - producedAt.get(ids.get(i));
    }
    return out;
  }

  private String send(KafkaProducer<byte[], byte[]> producer) {
    int i = next++;
    Headline h = headlines.get(i % headlines.size());
    Instant now = Instant.now();
    NewsArticle a = BenchHeadlines.article(h, now, "bench-" + i);
    producedAt.put(a.id(), now.toEpochMilli());
    producer.send(BenchHeadlines.record(a));
    return a.id();
  }

  private void awaitWritten(int target, ProgressBar bar, int base) throws InterruptedException {
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (written.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + (written.get() - base)
                + " articles reached InfluxDB within "
                + PHASE_TIMEOUT);
      }
      bar.update(written.get() - base);
      Thread.sleep(20);
    }
  }

  private ProcessorConfig config(String bootstrap, String influxUrl) {
    ProcessorConfig shipped =
        new ConfigLoader(
                Map.of(
                    LocalEndpoints.ENV_KAFKA_BOOTSTRAP, bootstrap,
                    LocalEndpoints.ENV_INFLUX_URL, influxUrl))
            .load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, null);
    ScoringSettings s = shipped.scoring();
    return shipped
        .withStreams(
            shipped
                .streams()
                .withApplicationId("bench-pipeline")
                .withThreads(o.threads())
                .withCommitInterval(
                    o.commitInterval() == null
                        ? shipped.streams().commitInterval()
                        : o.commitInterval()))
        .withScoring(
            new ScoringSettings(
                s.modelDir(),
                s.registryDir(),
                o.maxBatchSize(),
                s.maxDelay(),
                s.tokenBudget(),
                Math.max(s.maxBuffered(), 8 * o.maxBatchSize()),
                s.backpressureWait(),
                o.maxBatchSize(),
                Math.max(s.gpuTokenBudget(), o.maxBatchSize() * 128)))
        .withMetrics(new MetricsSettings(false, false, Duration.ofSeconds(10)));
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            // Topics were just created: a retried first batch must not be overtaken.
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            1),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
