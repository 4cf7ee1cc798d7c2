package com.finpulse.bench.pipeline;

import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.serde.EventSerdes;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * One measurement: the model alone on the texts, then the same texts through a real broker, the
 * processor and a real influxd, first as a backlog (throughput, batch size), then at a steady
 * half-load rate (latency from produce to the InfluxDB write being accepted).
 */
final class PipelineRun {

  /**
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

  record Result(
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
        err.println(
            "Warming up the pipeline (Kafka Streams start, JIT compilation of the broker and"
                + " the processor, first model calls)...");
        // Headlines after the measured ones, so the measured phase scores exactly the texts the
        // model alone scored.
        next = o.articles();
        backlog(producer, o.warmUpArticles(), "warm-up");

        long callsBefore = service.metrics().modelCalls();
        long textsBefore = service.metrics().modelCallTexts();
        next = 0;
        double pipelineSeconds = backlog(producer, o.articles(), "pipeline");
        long calls = service.metrics().modelCalls() - callsBefore;
        double meanBatch =
            calls == 0 ? 0 : (double) (service.metrics().modelCallTexts() - textsBefore) / calls;

        next = o.articles() + o.warmUpArticles();
        double rate = 0.5 * o.articles() / pipelineSeconds;
        double[] latencies = steady(producer, o.latencyArticles(), rate);
        return new Result(
            o.articles(),
            pipelineSeconds,
            meanBatch,
            calls,
            o.latencyArticles(),
            rate,
            percentile(latencies, 0.50),
            percentile(latencies, 0.99),
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
    NewsArticle a =
        new NewsArticle(
            ArticleIds.fromContent(h.title(), now, "bench-" + i),
            "bench",
            null,
            h.title(),
            null,
            now,
            now,
            "en",
            h.ticker().isBlank() ? List.of() : List.of(h.ticker()),
            null,
            ContentFingerprint.of(h.title(), null));
    producedAt.put(a.id(), now.toEpochMilli());
    producer.send(
        new ProducerRecord<>(
            Topics.NEWS_RAW,
            null,
            now.toEpochMilli(),
            a.id().getBytes(StandardCharsets.UTF_8),
            EventSerdes.newsArticle().serialize(Topics.NEWS_RAW, a)));
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
                o.maxBatchSize(),
                s.maxDelay(),
                s.tokenBudget(),
                Math.max(s.maxBuffered(), 8 * o.maxBatchSize()),
                s.backpressureWait()))
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

  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
