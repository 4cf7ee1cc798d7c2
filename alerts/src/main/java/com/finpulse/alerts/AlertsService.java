package com.finpulse.alerts;

import com.finpulse.alerts.api.ApiServer;
import com.finpulse.alerts.api.HistoryReads;
import com.finpulse.alerts.api.ModelLoop;
import com.finpulse.alerts.api.auth.ApiToken;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.config.StreamsSettings;
import com.finpulse.alerts.detect.DetectionStreams;
import com.finpulse.alerts.digest.DigestBuilder;
import com.finpulse.alerts.digest.DigestScheduler;
import com.finpulse.alerts.digest.StreamsStatsSource;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.alerts.feedback.KafkaFeedbackSink;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.AlertLogReader;
import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.alerts.history.ConsolePrinter;
import com.finpulse.alerts.history.DeliveryJournal;
import com.finpulse.alerts.history.InfluxHistory;
import com.finpulse.alerts.history.OutcomeRecorder;
import com.finpulse.alerts.history.TrendReader;
import com.finpulse.alerts.history.UnfinishedIntents;
import com.finpulse.alerts.models.ModelDesk;
import com.finpulse.alerts.notify.Backoff;
import com.finpulse.alerts.notify.ChannelWarmUp;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.role.DeliveryDuty;
import com.finpulse.alerts.role.DeliveryRole;
import com.finpulse.alerts.route.Inhibitor;
import com.finpulse.alerts.route.NotificationLog;
import com.finpulse.alerts.route.Router;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.subscription.SubscriptionsFile;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.FinPulseHome;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.common.streams.StaticMemberId;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service: the detection topology (Kafka Streams, exactly-once), the alert log reader
 * feeding the router, the delivery queue with its channels, the digest scheduler and the REST API
 * with the console. Wiring only: each part is a class of its own. Runs in {@code ./finpulse up},
 * alone with {@code ./finpulse alerts}, or in a test.
 */
public final class AlertsService implements ManagedService {

  private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);
  public static final String NAME = "alerts";

  private final AlertsConfig config;
  private final ServiceContext context;
  private final @Nullable Path subscriptionsFile;
  private final Clock clock;
  private final MeterRegistry meters;
  private final boolean console;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** How long taking delivery up may take to read the alerts topic to its end. */
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  private SubscriptionRegistry registry;
  private DeliveryDuty duty;
  private DeliveryRole role;
  private Router router;
  private DeliveryQueue queue;
  private DetectionStreams detection;
  private AlertLogReader reader;
  private @Nullable KafkaFeedbackSink feedbackSink;
  private @Nullable ModelDesk modelDesk;
  private @Nullable ApiServer api;

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

  /**
   * Finds and validates {@code alerts.yml} and {@code subscriptions.yml} ({@link
   * AlertsConfigFiles}) as the launcher does.
   *
   * @throws com.finpulse.common.config.ConfigException listing every problem of both files
   */
  public static AlertsService create(
      ServiceContext context, @Nullable Path configFile, @Nullable Path subscriptionsFile) {
    AlertsConfigFiles files = AlertsConfigFiles.load(context, configFile, subscriptionsFile);
    return new AlertsService(files.config(), context, files.subscriptionsYml(), Clock.systemUTC());
  }

  /**
   * Validates {@code alerts.yml} and the subscriptions file without starting anything.
   *
   * @return every problem of both files; empty when both are valid
   */
  public static List<String> checkConfig(
      ServiceContext context, @Nullable Path configFile, @Nullable Path subscriptionsFile) {
    return ConfigException.problemsOf(
        () -> AlertsConfigFiles.load(context, configFile, subscriptionsFile));
  }

  @Override
  public String name() {
    return NAME;
  }

  public AlertsConfig config() {
    return config;
  }

  /** The subscriptions file this service reads; null when there is none. */
  public @Nullable Path subscriptionsFile() {
    return subscriptionsFile;
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
    InetSocketAddress consoleAt = api.consoleAddress();
    out.put("console", url(consoleAt != null ? consoleAt : api.address(), "/"));
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
    Supplier<SubscriptionFileWatcher.Status> fileStatus = watchSubscriptionsFile();
    SilenceStore silences = new SilenceStore(context.stateDir());
    silences.load();

    InfluxStore influxStore = null;
    InfluxHistory influx = null;
    if (config.history().influx()) {
      influxStore = new InfluxStore(config.influx());
      influx = new InfluxHistory(influxStore);
      closeables.add(influxStore);
      closeables.add(influx);
      influx.start();
    }

    DeliveryJournal journal =
        DeliveryJournal.kafka(config.kafka().clientProperties(), deliveryGroup(config), clock);
    closeables.add(journal);
    NotificationLog log = new NotificationLog();
    UnfinishedIntents unfinished = new UnfinishedIntents();
    OutcomeWaiters waiters = new OutcomeWaiters();
    OutcomeRecorder recorder = new OutcomeRecorder(log, journal, influx);
    queue =
        new DeliveryQueue(
            channels.byKind(),
            Map.of(
                NotificationChannel.EMAIL, config.delivery().emailMaxAttempts(),
                NotificationChannel.WEBHOOK, config.delivery().webhookMaxAttempts()),
            new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff()),
            config.delivery().threads(),
            journal,
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
    registry.onChange(router::onSubscriptionsChanged);

    detection =
        new DetectionStreams(config, registry.thresholdProfiles(), context.stateDir(), meters);
    closeables.add(detection);

    AlertBook book = new AlertBook(1000);
    DigestScheduler digests =
        new DigestScheduler(
            config.digest(),
            registry,
            new DigestBuilder(config.digest(), new StreamsStatsSource(detection.queryable())),
            queue,
            (s, from, to) ->
                (int)
                    book.firedBetween(from, to).stream()
                        .filter(a -> s.covers(a.keyKind(), a.key(), a.window()))
                        .count(),
            clock,
            meters);
    ConsolePrinter printer = console ? new ConsolePrinter(context.console(), meters) : null;
    AtomicReference<AlertLogReader> readerRef = new AtomicReference<>();
    duty =
        new DeliveryDuty(
            journal,
            () -> readerRef.get().readToCommittedEnd(),
            unfinished,
            registry,
            queue,
            router,
            recorder,
            clock,
            CATCH_UP_TIMEOUT,
            meters);
    StreamsSettings streams = config.streams();
    role =
        new DeliveryRole(
            config.kafka().clientProperties(),
            deliveryGroup(config),
            streams.staticMembership()
                ? StaticMemberId.of(
                    streams.instanceId().isBlank() ? "" : streams.instanceId() + "-delivery",
                    "alerts-delivery",
                    context.stateDir())
                : null,
            config.delivery().sessionTimeout(),
            duty);
    reader =
        new AlertLogReader(
            config.kafka().clientProperties(),
            new AlertLogFanOut(
                book,
                router,
                log,
                unfinished,
                () -> role.start(),
                digests,
                influx,
                printer,
                meters,
                clock));
    readerRef.set(reader);
    closeables.add(reader);
    closeables.add(role);

    FeedbackBook feedbackBook = new FeedbackBook();
    feedbackSink = new KafkaFeedbackSink(config.kafka().clientProperties(), feedbackBook);
    closeables.add(feedbackSink);
    modelDesk = new ModelDesk(config.kafka().clientProperties(), clock);
    closeables.add(modelDesk);

    detection.start();
    reader.start();
    feedbackSink.start(Duration.ofSeconds(30));
    modelDesk.start(Duration.ofSeconds(30));
    closeables.add(new AlertsTimers(router, digests, reader, duty::active, detection));

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
                  registry,
                  apiSubscriptions,
                  fileStatus,
                  silences,
                  book,
                  queue,
                  waiters,
                  history,
                  new ModelLoop(
                      feedbackBook,
                      feedbackSink,
                      modelDesk,
                      new ModelRegistry(FinPulseHome.resolve(config.models().registryDir())))),
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

  private Supplier<SubscriptionFileWatcher.Status> watchSubscriptionsFile() {
    if (subscriptionsFile == null) {
      LOG.info(
          "No {} found: no subscribers from a file; alerts go to the console, the history and"
              + " subscriptions added through the API",
          SubscriptionsFile.FILE_NAME);
      SubscriptionFileWatcher.Status none =
          new SubscriptionFileWatcher.Status("none", null, 0, null);
      return () -> none;
    }
    SubscriptionFileWatcher watcher =
        new SubscriptionFileWatcher(subscriptionsFile, context.configLoader(), registry, meters);
    closeables.add(watcher);
    watcher.loadInitial();
    watcher.startWatching(config.subscriptions().reloadInterval());
    return watcher::status;
  }

  /**
   * The consumer group that decides which instance delivers, and the {@code transactional.id} of
   * the delivery records: the same for every instance of one deployment (one application id), so
   * the instance taking delivery up fences its predecessor.
   */
  static String deliveryGroup(AlertsConfig config) {
    return config.streams().applicationId() + "-delivery";
  }

  private void ensureTopics() {
    short rf = (short) config.streams().replicationFactor();
    Set<String> needed =
        Set.of(
            Topics.SENTIMENT_TRENDS,
            Topics.NEWS_SCORED,
            Topics.ALERTS,
            Topics.ALERTS_DELIVERY,
            Topics.NEWS_DLQ,
            Topics.LABELS_FEEDBACK,
            Topics.MODELS_SERVING,
            Topics.MODELS_STATUS,
            Topics.MODELS_SHADOW);
    List<TopicSpec> specs =
        Topics.all(3, rf).stream().filter(t -> needed.contains(t.name())).toList();
    TopicProvisioner.ensure(config.kafka().clientProperties(), specs, Duration.ofSeconds(60));
  }

  /**
   * No lag on the detector's inputs (the source topics and its repartition topics), the alert
   * history read to its end, no group waiting to be flushed, and nothing left to deliver.
   */
  @Override
  public boolean isIdle() {
    if (detection == null || !detection.isRunning()) {
      return false;
    }
    return detection.refreshLag() == 0
        && reader.caughtUp()
        && reader.lag() == 0
        && (duty.active()
            ? !router.hasUnflushedChanges() && queue.pending() == 0
            : role.standingBy());
  }

  @Override
  public boolean isHealthy() {
    return (detection == null || detection.isHealthy())
        && (reader == null || reader.healthy())
        && (feedbackSink == null || feedbackSink.healthy())
        && (modelDesk == null || modelDesk.healthy());
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
