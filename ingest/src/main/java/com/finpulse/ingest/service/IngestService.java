package com.finpulse.ingest.service;

import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.dedup.Deduplicator;
import com.finpulse.ingest.dedup.SentArticle;
import com.finpulse.ingest.dedup.SentJournal;
import com.finpulse.ingest.dedup.SentTopicReader;
import com.finpulse.ingest.dedup.UrlCanonicalizer;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.fetch.HostGate;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import com.finpulse.ingest.publish.ArticlePublisher;
import com.finpulse.ingest.publish.KafkaArticlePublisher;
import com.finpulse.ingest.source.ArticleAssembler;
import com.finpulse.ingest.source.IngestMetrics;
import com.finpulse.ingest.source.LiveSources;
import com.finpulse.ingest.source.NewsSource;
import com.finpulse.ingest.source.ProgressListener;
import com.finpulse.ingest.source.ReplaySource;
import com.finpulse.ingest.source.SimulateSource;
import com.finpulse.ingest.source.SourceFailedException;
import com.finpulse.ingest.ticker.TickerFinder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: sources → dedup → Kafka {@code news.raw}.
 *
 * <p>Start creates missing topics, restores what was sent before (the journal plus a read-back of
 * {@code news.raw} past it; the simulator keeps no memory between runs, its articles being new by
 * construction), then runs every source on its own virtual thread. Idle once a finite source is
 * exhausted and Kafka acknowledged everything; close stops the sources and sends what is pending.
 */
public final class IngestService implements ManagedService {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration JOURNAL_FLUSH = Duration.ofMillis(500);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final IngestConfig config;
  private final SourceMode mode;
  private final Speed speed;
  private final @Nullable Path stateDir;
  private final IngestMetrics metrics;
  private final Collaborators collaborators;
  private final Clock clock;
  private final ProgressListener progress;
  private final Function<IngestConfig, ArticlePublisher> publisherFactory;

  private SentJournal journal;
  private Deduplicator dedup;
  private ArticlePublisher publisher;
  private IngestPipeline pipeline;
  private HttpFetcher fetcher;
  private ExecutorService sourceThreads;
  private ScheduledExecutorService housekeeping;
  private final List<Future<?>> running = new ArrayList<>();
  private final AtomicInteger finiteRunning = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean failed;
  private volatile boolean closed;

  /**
   * @param speed pace of a finite source
   * @param stateDir journal and validators; null only for the simulator (which keeps none)
   * @param publisherFactory the Kafka publisher in production; tests may pass another
   */
  public IngestService(
      IngestConfig config,
      SourceMode mode,
      Speed speed,
      @Nullable Path stateDir,
      MeterRegistry registry,
      Collaborators collaborators,
      Clock clock,
      ProgressListener progress,
      Function<IngestConfig, ArticlePublisher> publisherFactory) {
    if (stateDir == null && !(mode instanceof SourceMode.Simulate)) {
      throw new IllegalArgumentException("live and replay sources need a state directory");
    }
    if (mode instanceof SourceMode.Replay r && !java.nio.file.Files.isRegularFile(r.file())) {
      throw new IllegalArgumentException(
          "replay file " + r.file().toAbsolutePath() + " does not exist");
    }
    this.config = config;
    this.mode = mode;
    this.speed = speed;
    this.stateDir = stateDir;
    this.metrics = new IngestMetrics(registry);
    this.collaborators = collaborators;
    this.clock = clock;
    this.progress = progress;
    this.publisherFactory = publisherFactory;
  }

  /** The production publisher: the idempotent Kafka producer. */
  public static ArticlePublisher kafkaPublisher(IngestConfig config) {
    return new KafkaArticlePublisher(config.kafka(), config.producer(), Topics.NEWS_RAW);
  }

  /**
   * The pace of a run: the one asked for, else the simulator's configured one, else real time (a
   * replay).
   */
  public static Speed speedOf(@Nullable String option, SourceMode mode, IngestConfig config) {
    if (option != null && !option.isBlank()) {
      return Speed.parse(option);
    }
    return mode instanceof SourceMode.Simulate
        ? Speed.parse(config.simulate().speed())
        : Speed.REAL_TIME;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public synchronized void start() throws Exception {
    if (started) {
      return;
    }
    Duration startup = config.producer().startupTimeout();
    TopicProvisioner.ensure(
        config.kafka().clientProperties(),
        Topics.all(config.producer().topicPartitions(), config.producer().replicationFactor()),
        startup);
    dedup = new Deduplicator(config.dedup(), null, clock);
    if (!(mode instanceof SourceMode.Simulate)) {
      restoreDedup(startup);
    }
    publisher = publisherFactory.apply(config);
    pipeline = new IngestPipeline(dedup, publisher, metrics, new UndeliverableLog(stateDir));
    Gauge.builder(MeterNames.INGEST_PENDING, pipeline, IngestPipeline::inFlight)
        .description("articles handed to Kafka and not yet acknowledged")
        .register(metrics.registry());
    List<NewsSource> sources = sources();
    if (sources.isEmpty()) {
      LOG.warn("Ingest has no enabled source in mode {}; nothing will be ingested", describe(mode));
    }
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("ingest-housekeeping").unstarted(r));
    housekeeping.scheduleWithFixedDelay(this::housekeep, 500, 500, TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(dedup::expire, 1, 1, TimeUnit.HOURS);
    sourceThreads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ingest-source-", 0).factory());
    for (NewsSource s : sources) {
      if (s.isFinite()) {
        finiteRunning.incrementAndGet();
      }
      running.add(sourceThreads.submit(() -> runSource(s)));
    }
    started = true;
    LOG.info(
        "Ingest started: {} source(s) in mode {}, dedup remembers {} article(s)",
        sources.size(),
        describe(mode),
        dedup.size());
  }

  private void restoreDedup(Duration timeout) throws Exception {
    journal = SentJournal.open(stateDir);
    long cutoff = clock.millis() - config.dedup().retention().toMillis();
    SentJournal.Loaded loaded = journal.load(cutoff);
    SentTopicReader.Result fromTopic =
        SentTopicReader.readAfter(
            config.kafka().clientProperties(),
            Topics.NEWS_RAW,
            loaded.nextOffsets(),
            cutoff,
            timeout);
    List<SentArticle> all = new ArrayList<>(loaded.articles());
    all.addAll(fromTopic.articles());
    dedup = new Deduplicator(config.dedup(), journal, clock);
    dedup.restore(all);
    LOG.info(
        "Dedup restored: {} article(s) from the journal in {} ({} expired, {} unreadable line(s)),"
            + " {} read back from {} past it",
        loaded.articles().size(),
        stateDir,
        loaded.expired(),
        loaded.unreadable(),
        fromTopic.articles().size(),
        Topics.NEWS_RAW);
  }

  private List<NewsSource> sources() {
    return switch (mode) {
      case SourceMode.Simulate s ->
          List.of(new SimulateSource(s.scenario(), config.simulate(), speed, clock, progress));
      case SourceMode.Replay r ->
          List.of(
              new ReplaySource(
                  r.file(), config.replay(), speed, assembler(), metrics, clock, progress));
      case SourceMode.Live l -> {
        fetcher =
            new HttpFetcher(
                config.http(),
                config.politeness(),
                new HostGate(config.politeness(), clock),
                clock);
        yield LiveSources.of(
            config.enabledSources(),
            config.politeness(),
            fetcher,
            new ValidatorStore(stateDir),
            assembler(),
            this::articleExtractor,
            metrics,
            clock);
      }
    };
  }

  private ArticleAssembler assembler() {
    TickerFinder tickers = collaborators.tickerFinder(config);
    return new ArticleAssembler(
        new UrlCanonicalizer(config.dedup().trackingParameters()),
        tickers,
        config.producer().maxBodyChars(),
        clock);
  }

  private ArticleExtractor articleExtractor() {
    return collaborators.articleExtractor(config);
  }

  private void runSource(NewsSource s) {
    try {
      s.run(pipeline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SourceFailedException e) {
      failed = true;
      LOG.error(
          "Source {}: {}; nothing more comes from it and ingest reports itself unhealthy",
          s.name(),
          e.getMessage());
    } catch (RuntimeException e) {
      if (s.isFinite()) {
        failed = true;
      }
      LOG.error(
          "Source {} stopped on an unexpected error; ingest {}",
          s.name(),
          s.isFinite() ? "is unhealthy" : "goes on with the other sources",
          e);
    } finally {
      if (s.isFinite()) {
        finiteRunning.decrementAndGet();
      }
    }
  }

  private void housekeep() {
    try {
      if (journal != null) {
        journal.flushIfDue(JOURNAL_FLUSH.toMillis());
      }
      publisher.warnIfStalled();
    } catch (RuntimeException e) {
      LOG.error("Ingest housekeeping failed (journal flush); retrying in 500ms", e);
    }
  }

  @Override
  public boolean isIdle() {
    return started
        && !closed
        && mode.isFinite()
        && finiteRunning.get() == 0
        && pipeline.inFlight() == 0;
  }

  @Override
  public boolean isHealthy() {
    return !failed;
  }

  /** Articles offered and not yet acknowledged (for status and tests). */
  public int pending() {
    return pipeline == null ? 0 : pipeline.inFlight();
  }

  /** Blocks until a finite source is exhausted and everything sent is acknowledged. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isIdle()) {
      if (System.nanoTime() > deadline || closed) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (sourceThreads != null) {
      sourceThreads.shutdownNow();
      try {
        if (!sourceThreads.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("Some ingest sources did not stop within 10s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (pipeline != null) {
      pipeline.closing();
    }
    if (publisher != null) {
      publisher.close(STOP_TIMEOUT);
    }
    if (housekeeping != null) {
      housekeeping.shutdownNow();
    }
    if (journal != null) {
      journal.close();
    }
    if (fetcher != null) {
      fetcher.close();
    }
    LOG.info("Ingest stopped");
  }

  static String describe(SourceMode mode) {
    return switch (mode) {
      case SourceMode.Live l -> "live";
      case SourceMode.Replay r -> "replay:" + r.file();
      case SourceMode.Simulate s -> "simulate:" + s.scenario().configName();
    };
  }
}
