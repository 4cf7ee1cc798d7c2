package com.finpulse.alerts;

import com.finpulse.alerts.api.ApiServer;
import com.finpulse.alerts.api.HistoryReads;
import com.finpulse.alerts.api.auth.ApiToken;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.detect.DetectionTopology;
import com.finpulse.alerts.detect.DetectorMetrics;
import com.finpulse.alerts.detect.PoisonRecordHandler;
import com.finpulse.alerts.digest.DigestBuilder;
import com.finpulse.alerts.digest.DigestScheduler;
import com.finpulse.alerts.digest.StreamsStatsSource;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.AlertLogReader;
import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.alerts.history.ConsolePrinter;
import com.finpulse.alerts.history.InfluxHistory;
import com.finpulse.alerts.history.OutcomeRecorder;
import com.finpulse.alerts.history.TrendReader;
import com.finpulse.alerts.notify.Backoff;
import com.finpulse.alerts.notify.ChannelWarmUp;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.Inhibitor;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.alerts.route.Router;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.subscription.SubscriptionsFile;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.NotificationChannel;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.streams.StateRestoreProgress;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.TopicSpec;
import com.finpulse.common.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service: the detection topology (Kafka Streams, exactly-once), the alert log reader
 * feeding the router, the delivery queue with its channels, the digest scheduler and the REST API.
 * Runs in {@code ./finpulse up}, alone with {@code ./finpulse alerts}, or in a test.
 */
public final class AlertsService implements ManagedService {

  private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);
  public static final String NAME = "alerts";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FLUSH_TICK = Duration.ofMillis(100);

  private final AlertsConfig config;
  private final ServiceContext context;
  private final @Nullable Path subscriptionsFile;
  private final Clock clock;
  private final MeterRegistry meters;
  private final boolean console;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private SubscriptionRegistry registry;
  private Router router;
  private DeliveryQueue queue;
  private KafkaStreams streams;
  private AlertLogReader reader;
  private AlertBook book;
  private @Nullable ApiServer api;
  private @Nullable InfluxHistory influx;
  private @Nullable InfluxStore influxStore;
  private volatile boolean failed;

  /**
   * @param subscriptionsFile {@code subscriptions.yml}; null when there is none (no subscribers)
   */
  public AlertsService(
      AlertsConfig config, ServiceContext context, @Nullable Path subscriptionsFile, Clock clock) {
    this.config = config;
    this.context = context;
    this.subscriptionsFile = subscriptionsFile;
    this.clock = clock;
    this.meters = context.meters();
    this.console =
        config.console() != null
            ? config.console()
            : Boolean.parseBoolean(context.options().getOrDefault("console", "false"));
  }

  /** Loads {@code alerts.yml} (shipped defaults plus the user's file) as the launcher does. */
  public static AlertsService create(
      ServiceContext context, @Nullable Path configFile, @Nullable Path subscriptionsFile) {
    ConfigLoader loader = context.configLoader();
    Path userConfig = configFile != null ? configFile : context.configFile(AlertsConfig.FILE_NAME);
    AlertsConfig config = AlertsConfig.load(loader, userConfig);
    Path subs = subscriptionsFile;
    if (subs == null && config.subscriptions().file() != null) {
      subs = Path.of(config.subscriptions().file());
    }
    if (subs == null) {
      subs = context.configFile(SubscriptionsFile.FILE_NAME);
    }
    return new AlertsService(config, context, subs, Clock.systemUTC());
  }

  /**
   * Validates {@code alerts.yml} and the subscriptions file (where {@link #create} would find them)
   * without starting anything.
   *
   * @return every problem of both files; empty when both are valid
   */
  public static List<String> checkConfig(
      ServiceContext context, @Nullable Path configFile, @Nullable Path subscriptionsFile) {
    ConfigLoader loader = context.configLoader();
    Path userConfig = configFile != null ? configFile : context.configFile(AlertsConfig.FILE_NAME);
    List<String> problems = new ArrayList<>();
    AlertsConfig config = null;
    try {
      config = AlertsConfig.load(loader, userConfig);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    Path subs = subscriptionsFile;
    if (subs == null && config != null && config.subscriptions().file() != null) {
      subs = Path.of(config.subscriptions().file());
    }
    if (subs == null) {
      subs = context.configFile(SubscriptionsFile.FILE_NAME);
    }
    if (subs != null) {
      Path file = subs;
      problems.addAll(
          ConfigException.problemsOf(() -> loader.loadFile(SubscriptionsFile.class, file)));
    }
    return problems;
  }

  @Override
  public String name() {
    return NAME;
  }

  public AlertsConfig config() {
    return config;
  }

  /** Where the REST API listens (after start), or null when it is off. */
  public @Nullable InetSocketAddress apiAddress() {
    return api == null ? null : api.address();
  }

  /** The console's and the API's addresses (after start); empty when the API is off. */
  @Override
  public Map<String, String> addresses() {
    if (api == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    InetSocketAddress console = api.consoleAddress();
    out.put("console", url(console != null ? console : api.address(), "/"));
    out.put("REST API", url(api.address(), "/api/v1/"));
    out.put(
        "API token",
        config.api().token() != null
            ? "api.token in alerts.yml"
            : context.stateDir().resolve(ApiToken.FILE_NAME).toAbsolutePath().toString());
    return out;
  }

  private static String url(InetSocketAddress a, String path) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + path;
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(context.stateDir());
    ensureTopics();

    registry = new SubscriptionRegistry(config.detection());
    DeliveryChannels channels = DeliveryChannels.build(config, clock);
    ChannelWarmUp.startInBackground(channels.all(), clock);
    ApiSubscriptionStore apiSubscriptions =
        new ApiSubscriptionStore(context.stateDir(), registry, channels.guard());
    apiSubscriptions.load();
    Supplier<SubscriptionFileWatcher.Status> fileStatus;
    if (subscriptionsFile == null) {
      LOG.info(
          "No {} found: no subscribers from a file; alerts go to the console, the history and"
              + " subscriptions added through the API",
          SubscriptionsFile.FILE_NAME);
      SubscriptionFileWatcher.Status none =
          new SubscriptionFileWatcher.Status("none", null, 0, null);
      fileStatus = () -> none;
    } else {
      SubscriptionFileWatcher watcher =
          new SubscriptionFileWatcher(subscriptionsFile, context.configLoader(), registry, meters);
      closeables.add(watcher);
      watcher.loadInitial();
      watcher.startWatching(config.subscriptions().reloadInterval());
      fileStatus = watcher::status;
    }
    SilenceStore silences = new SilenceStore(context.stateDir());
    silences.load();

    if (config.history().influx()) {
      InfluxStore store = new InfluxStore(config.influx());
      influxStore = store;
      influx = new InfluxHistory(store);
      closeables.add(store);
      closeables.add(influx);
      influx.start();
    }

    Producer<String, byte[]> producer = producer();
    closeables.add(producer::close);
    NotificationLog log = new NotificationLog();
    OutcomeWaiters waiters = new OutcomeWaiters();
    OutcomeRecorder recorder = new OutcomeRecorder(log, producer, influx);
    queue =
        new DeliveryQueue(
            channels.byKind(),
            Map.of(
                NotificationChannel.EMAIL, config.delivery().emailMaxAttempts(),
                NotificationChannel.WEBHOOK, config.delivery().webhookMaxAttempts()),
            new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff()),
            config.delivery().threads(),
            (n, o) -> {
              recorder.onOutcome(n, o);
              waiters.onOutcome(n, o);
            },
            clock,
            meters);
    closeables.add(queue);

    router =
        new Router(
            config.routing(),
            new Inhibitor(config.inhibition()),
            registry,
            silences,
            log,
            queue,
            clock,
            meters);
    router.pause();
    registry.onChange(router::onSubscriptionsChanged);

    streams =
        new KafkaStreams(
            DetectionTopology.build(
                config.detection(), registry.thresholdProfiles(), detectorMetrics()),
            streamsProperties());
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Alert detection failed; the alerts service stops", e);
          failed = true;
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    // A clean stop leaves the group even as a static member: whoever joins next (another instance,
    // a new state directory) need not wait for this member's session to expire.
    closeables.add(
        () ->
            streams.close(
                CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30))));
    registerLagGauges();

    book = new AlertBook(1000);
    DigestScheduler digests =
        new DigestScheduler(
            config.digest(),
            registry,
            new DigestBuilder(config.digest(), new StreamsStatsSource(streams)),
            queue,
            (s, from, to) ->
                (int)
                    book.firedBetween(from, to).stream()
                        .filter(a -> s.covers(a.keyKind(), a.key(), a.window()))
                        .count(),
            clock,
            meters);
    ConsolePrinter printer = console ? new ConsolePrinter(context.console(), meters) : null;
    reader =
        new AlertLogReader(
            config.kafka().clientProperties(),
            new AlertLogFanOut(book, router, log, digests, influx, printer, meters, clock));
    closeables.add(reader);

    streams.setGlobalStateRestoreListener(new StateRestoreProgress("alerts"));
    streams.start();
    awaitRunning();
    reader.start();

    ScheduledExecutorService ticks =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "alerts-timers");
              t.setDaemon(true);
              return t;
            });
    closeables.add(ticks::shutdownNow);
    ticks.scheduleWithFixedDelay(
        () -> guard("routing flush", router::flushDue),
        FLUSH_TICK.toMillis(),
        FLUSH_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    ticks.scheduleWithFixedDelay(
        () -> {
          if (reader.caughtUp()) {
            guard("daily digest", digests::runDue);
          }
        },
        5,
        30,
        TimeUnit.SECONDS);

    if (config.api().enabled()) {
      HistoryReads history =
          influxStore == null
              ? HistoryReads.NONE
              : new HistoryReads(new TrendReader(influxStore), new ArticleReader(influxStore));
      api =
          new ApiServer(
              config.api().address(),
              config.api().consoleAddress(),
              ApiToken.resolve(config.api(), context.stateDir()),
              new ApiServer.Backends(
                  registry, apiSubscriptions, fileStatus, silences, book, queue, waiters, history),
              clock,
              ApiServer.Limits.DEFAULT);
      api.start();
      closeables.add(api);
      addresses().forEach((what, where) -> LOG.info("Alerts {} on {}", what, where));
    }
    LOG.info(
        "Alerts service running: {} subscription(s), windows {}, console {}",
        registry.names().size(),
        config.detection().windows().stream().map(w -> w.label()).toList(),
        console ? "on" : "off");
  }

  private void ensureTopics() {
    short rf = (short) config.streams().replicationFactor();
    Set<String> needed =
        Set.of(Topics.SENTIMENT_TRENDS, Topics.NEWS_SCORED, Topics.ALERTS, Topics.NEWS_DLQ);
    List<TopicSpec> specs =
        Topics.all(3, rf).stream().filter(t -> needed.contains(t.name())).toList();
    TopicProvisioner.ensure(config.kafka().clientProperties(), specs, Duration.ofSeconds(60));
  }

  private Properties streamsProperties() {
    Properties p = new Properties();
    p.putAll(config.kafka().clientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.streams().applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.streams().replicationFactor());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.streams().commitInterval().toMillis());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.streams().standbyReplicas());
    p.put(StreamsConfig.STATE_DIR_CONFIG, context.stateDir().resolve("streams").toString());
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PoisonRecordHandler.class.getName());
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG),
        config.streams().startFrom());
    String instance = staticInstanceId();
    if (instance != null) {
      // A restart (also after a crash) takes its partitions back at once instead of waiting out
      // the session of its dead predecessor in a rebalance; Kafka Streams appends the thread index.
      p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
    }
    return p;
  }

  /** The static member id: configured, else {@code <host>-<hash of the state directory>}. */
  @Nullable String staticInstanceId() {
    if (!config.streams().staticMembership()) {
      return null;
    }
    if (!config.streams().instanceId().isEmpty()) {
      return config.streams().instanceId();
    }
    String dir = context.stateDir().resolve("streams").toAbsolutePath().normalize().toString();
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    }
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(dir.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return host.trim() + "-alerts-" + java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Producer<String, byte[]> producer() {
    Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "finpulse-alerts-outcomes");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private DetectorMetrics detectorMetrics() {
    return window ->
        meters.counter(MeterNames.ALERTS_LATE_UPDATES, "window", window.label()).increment();
  }

  private void awaitRunning() throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + START_TIMEOUT.toNanos();
    long nextNote = started + 5_000_000_000L;
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (failed
          || streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(
            "alert detection did not start (state " + streams.state() + "); see the log above");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "alert detection not running after "
                + START_TIMEOUT.toSeconds()
                + " s (state "
                + streams.state()
                + "); is Kafka at "
                + config.kafka().bootstrapServers()
                + " reachable?");
      }
      if (System.nanoTime() >= nextNote) {
        LOG.info(
            "Alert detection starting: Kafka Streams is {} ({} s)",
            streams.state(),
            (System.nanoTime() - started) / 1_000_000_000);
        nextNote = System.nanoTime() + 5_000_000_000L;
      }
      Thread.sleep(50);
    }
  }

  /** Records behind the end of an input topic, summed over its partitions. */
  private double inputLag(String topic) {
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName n = e.getKey();
      if (n.name().equals("records-lag")
          && topic.equals(n.tags().get("topic"))
          && !String.valueOf(n.tags().get("client-id")).endsWith("restore-consumer")) {
        Object v = e.getValue().metricValue();
        if (v instanceof Double d && !d.isNaN()) {
          sum += d;
        }
      }
    }
    return sum;
  }

  private void registerLagGauges() {
    for (String topic : List.of(Topics.SENTIMENT_TRENDS, Topics.NEWS_SCORED)) {
      meters.gauge(
          MeterNames.ALERTS_CONSUMER_LAG,
          List.of(io.micrometer.core.instrument.Tag.of("topic", topic)),
          this,
          s -> s.streams == null ? 0 : s.inputLag(topic));
    }
  }

  private void guard(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("{} failed; will try again", what, e);
    }
  }

  /**
   * No lag on the inputs (the source topics and the detector's repartition topics), the alert
   * history read to its end, no group waiting to be flushed, and nothing left to deliver.
   */
  @Override
  public boolean isIdle() {
    if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName n = e.getKey();
      if (n.name().equals("records-lag")
          && !String.valueOf(n.tags().get("client-id")).endsWith("restore-consumer")
          && e.getValue().metricValue() instanceof Double d
          && !d.isNaN()
          && d > 0) {
        return false;
      }
    }
    return reader.caughtUp()
        && reader.lag() == 0
        && !router.hasUnflushedChanges()
        && queue.pending() == 0;
  }

  @Override
  public boolean isHealthy() {
    if (failed) {
      return false;
    }
    if (streams != null
        && (streams.state() == KafkaStreams.State.ERROR
            || streams.state() == KafkaStreams.State.PENDING_ERROR)) {
      return false;
    }
    return reader == null || reader.healthy();
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("Stopping a part of the alerts service failed: {}", e.toString());
      }
    }
    closeables.clear();
  }
}
