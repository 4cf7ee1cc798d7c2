package com.finpulse.bench.soak;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.bench.Percentiles;
import com.finpulse.bench.failover.Replay;
import com.finpulse.bench.pipeline.BenchHeadlines;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.streams.ConsumerGroupLag;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.ChildJvm;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.embedded.KafkaBroker;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.service.ProcessorService;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The stack at a steady rate for a number of minutes, sampled once a minute. This JVM runs the
 * Kafka broker, the paced replay and the sampling; influxd, the processor ({@code ./finpulse
 * process}) and the alerts service ({@code ./finpulse alerts}) each run in a process of their own
 * with the shipped configuration, pointed at this broker and influxd.
 */
final class SoakRun {

  /**
   * @param minutes how long articles are sent
   * @param rate articles per second
   * @param workDir the broker's, influxd's and the services' data, deleted afterwards
   * @param logDir the services' logs, kept after the run
   */
  record Options(int minutes, int rate, Path workDir, Path logDir) {}

  /**
   * One minute of the soak, sampled at its end. Sizes in bytes, latencies in ms, GC in ms spent in
   * that minute (NaN when it could not be read); heap committed and old generation used as {@code
   * jstat} reads them (-1 when it could not).
   *
   * @param sent articles sent since the start
   * @param latencies articles whose latency was measured in that minute
   */
  record Minute(
      int minute,
      long sent,
      double sentPerSecond,
      long rssBench,
      long rssProcessor,
      long rssAlerts,
      long rssInfluxd,
      long stateProcessor,
      long stateAlerts,
      long changelog,
      long lagProcessor,
      long lagWriter,
      long lagAlerts,
      int latencies,
      double p50,
      double p99,
      double gcBench,
      double gcProcessor,
      double gcAlerts,
      long heapProcessor,
      long heapAlerts,
      long oldProcessor,
      long oldAlerts) {}

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final String MAIN_CLASS = "com.finpulse.app.FinPulse";

  private final List<Headline> headlines;
  private final Options o;
  private final PrintStream err;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
  private volatile boolean sending = true;
  private final Map<Long, Double> gcBefore = new HashMap<>();
  private boolean gcUnreadableReported;

  SoakRun(List<Headline> headlines, Options o, PrintStream err) {
    this.headlines = headlines;
    this.o = o;
    this.err = err;
  }

  List<Minute> run(Consumer<Minute> onMinute) throws Exception {
    Path work = o.workDir();
    err.println("Starting the Kafka broker and influxd...");
    try (KafkaBroker broker = KafkaBroker.onFreePorts(work.resolve("kafka"));
        InfluxdServer influxd = InfluxdServer.onFreePorts(work.resolve("influxd"))) {
      broker.start();
      influxd.start(Duration.ofSeconds(30));
      // influxd runs in a session of its own: stopped with Ctrl-C or SIGTERM, this JVM does not
      // reach the try's end, and the server would outlive it.
      Thread stopInfluxd = new Thread(influxd::close, "soak-stop-influxd");
      Runtime.getRuntime().addShutdownHook(stopInfluxd);
      try {
        return runOn(broker, influxd, onMinute);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopInfluxd);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook stops influxd
        }
      }
    }
  }

  private List<Minute> runOn(KafkaBroker broker, InfluxdServer influxd, Consumer<Minute> onMinute)
      throws Exception {
    Path work = o.workDir();
    Map<String, String> env = serviceEnv(broker.bootstrapServers(), influxd.url());
    ConfigLoader loader = new ConfigLoader(env);
    ProcessorConfig processor = loader.load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, null);
    AlertsConfig alerts = AlertsConfig.load(loader, null);
    TopicProvisioner.ensure(
        Map.of("bootstrap.servers", broker.bootstrapServers()),
        Topics.all(processor.topics().partitions(), processor.topics().replicationFactor()),
        Duration.ofSeconds(60));
    try (InfluxStore store = new InfluxStore(processor.influx())) {
      store.ensureDatabase(Duration.ofSeconds(30));
    }
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    Path processorState = work.resolve("processor");
    Path alertsState = work.resolve("alerts");
    Files.createDirectories(o.logDir());
    Path processorLog = o.logDir().resolve("processor.log");
    Path alertsLog = o.logDir().resolve("alerts.log");
    Files.deleteIfExists(processorLog);
    Files.deleteIfExists(alertsLog);
    List<ChildJvm> services = new ArrayList<>();
    try {
      services.add(
          ChildJvm.start(
              "processor",
              command(
                  jvm,
                  "process",
                  "--state-dir",
                  processorState.toString(),
                  "--status-every",
                  "60s"),
              env,
              processorLog));
      services.add(
          ChildJvm.start(
              "alerts",
              command(jvm, "alerts", "--state-dir", alertsState.toString(), "--no-console"),
              env,
              alertsLog));
      String processorGroup = processor.streams().applicationId();
      String writerGroup = ProcessorService.sinkGroupId(processorGroup);
      String alertsGroup = alerts.streams().applicationId();
      Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
      try (Admin admin = Admin.create(client);
          ConsumerGroupLag lag = new ConsumerGroupLag(client)) {
        awaitGroups(admin, services, List.of(processorGroup, writerGroup, alertsGroup));
        err.printf(
            "Stack up (service logs in %s); sending %d articles/s for %d min%n",
            o.logDir(), o.rate(), o.minutes());
        Path jstat = StackProbe.jstat();
        long self = ProcessHandle.current().pid();
        long[] jvms = {self, services.get(0).pid(), services.get(1).pid()};
        for (long pid : jvms) {
          gcSince(pid, jvmGc(jstat, pid)); // the baseline of the first minute
        }
        List<Minute> minutes = new ArrayList<>();
        try (ScoredLatency latency = new ScoredLatency(broker.bootstrapServers())) {
          long start = System.nanoTime();
          Thread sender =
              Thread.ofPlatform()
                  .name("soak-sender")
                  .start(() -> send(broker.bootstrapServers(), latency, start));
          ProgressBar bar =
              new ProgressBar(err, "soak", (long) o.minutes() * 60 * o.rate(), "articles");
          long sentBefore = 0;
          try {
            for (int m = 1; m <= o.minutes(); m++) {
              long due = start + TimeUnit.MINUTES.toNanos(m);
              while (System.nanoTime() < due) {
                for (ChildJvm p : services) {
                  p.assertAlive();
                }
                latency.assertReading();
                if (sendFailure.get() != null) {
                  throw new IllegalStateException(
                      "the replay could not publish: " + sendFailure.get(), sendFailure.get());
                }
                bar.update(sent.get());
                TimeUnit.NANOSECONDS.sleep(
                    Math.max(0, Math.min(1_000_000_000L, due - System.nanoTime())));
              }
              long sentNow = sent.get();
              double[] ms = latency.drain();
              StackProbe.JvmGc benchGc = jvmGc(jstat, jvms[0]);
              StackProbe.JvmGc processorGc = jvmGc(jstat, jvms[1]);
              StackProbe.JvmGc alertsGc = jvmGc(jstat, jvms[2]);
              Minute minute =
                  new Minute(
                      m,
                      sentNow,
                      (sentNow - sentBefore) / 60.0,
                      StackProbe.rssBytes(self),
                      StackProbe.rssBytes(jvms[1]),
                      StackProbe.rssBytes(jvms[2]),
                      StackProbe.rssBytes(influxd.pid()),
                      StackProbe.bytesUnder(processorState.resolve("streams")),
                      StackProbe.bytesUnder(alertsState.resolve("streams")),
                      StackProbe.changelogBytes(broker.logDir()),
                      lag.total(processorGroup, List.of(Topics.NEWS_RAW)),
                      lag.total(writerGroup, List.of(Topics.NEWS_SCORED, Topics.SENTIMENT_TRENDS)),
                      lag.total(alertsGroup, List.of(Topics.SENTIMENT_TRENDS, Topics.NEWS_SCORED)),
                      ms.length,
                      Percentiles.of(ms, 0.50),
                      Percentiles.of(ms, 0.99),
                      gcSince(jvms[0], benchGc),
                      gcSince(jvms[1], processorGc),
                      gcSince(jvms[2], alertsGc),
                      processorGc == null ? -1 : processorGc.heapCommittedBytes(),
                      alertsGc == null ? -1 : alertsGc.heapCommittedBytes(),
                      processorGc == null ? -1 : processorGc.oldUsedBytes(),
                      alertsGc == null ? -1 : alertsGc.oldUsedBytes());
              sentBefore = sentNow;
              minutes.add(minute);
              bar.update(sentNow);
              onMinute.accept(minute);
            }
          } finally {
            sending = false;
            sender.join();
          }
          bar.finish(sent.get());
        }
        return minutes;
      }
    } finally {
      err.println("Stopping the stack (service logs stay in " + o.logDir() + ")...");
      for (ChildJvm p : services) {
        p.stop();
      }
    }
  }

  /**
   * The environment of the services: the shipped configuration (an empty config directory, so local
   * overrides in ./config do not apply) pointed at this run's broker and influxd, with the alerts
   * API on free ports.
   */
  private Map<String, String> serviceEnv(String bootstrap, String influxUrl) throws IOException {
    Path configDir = Files.createDirectories(o.workDir().resolve("config"));
    Map<String, String> env = new TreeMap<>();
    env.put("FINPULSE_CONFIG_DIR", configDir.toString());
    env.put(LocalEndpoints.ENV_KAFKA_BOOTSTRAP, bootstrap);
    env.put(LocalEndpoints.ENV_INFLUX_URL, influxUrl);
    env.put("INFLUX_DATABASE", LocalEndpoints.INFLUX_DATABASE);
    env.put("ALERTS_API_BIND", LocalEndpoints.KAFKA_HOST + ":" + KafkaBroker.freePort());
    env.put("ALERTS_CONSOLE_BIND", LocalEndpoints.KAFKA_HOST + ":" + KafkaBroker.freePort());
    return env;
  }

  private static List<String> command(List<String> jvm, String... args) {
    List<String> cmd = ChildJvm.javaCommand(jvm, MAIN_CLASS);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Sends headline after headline at the paced rate, each with an id of its own, until the run's
   * articles are sent.
   */
  private void send(String bootstrap, ScoredLatency latency, long start) {
    long total = (long) o.minutes() * 60 * o.rate();
    try (KafkaProducer<byte[], byte[]> producer = Replay.producer(bootstrap)) {
      for (long i = 0; i < total && sending; i++) {
        long wait = start + (long) (i * 1e9 / o.rate()) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!sending) {
          break;
        }
        NewsArticle a =
            BenchHeadlines.article(
                headlines.get((int) (i % headlines.size())), Instant.now(), "soak-" + i);
        latency.sending(a.id());
        producer.send(
            BenchHeadlines.record(a),
            (meta, e) -> {
              if (e != null) {
                sendFailure.compareAndSet(null, e);
              }
            });
        sent.incrementAndGet();
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      sendFailure.compareAndSet(null, e);
    }
  }

  /** What jstat reads of {@code pid}; null (said once) when it cannot. */
  private StackProbe.JvmGc jvmGc(Path jstat, long pid) throws InterruptedException {
    try {
      return StackProbe.jvmGc(jstat, pid);
    } catch (IOException e) {
      if (!gcUnreadableReported) {
        err.println("GC time and heap not available: " + e.getMessage());
        gcUnreadableReported = true;
      }
      return null;
    }
  }

  /** GC milliseconds of {@code pid} since the last sample; NaN without two samples. */
  private double gcSince(long pid, StackProbe.JvmGc now) {
    if (now == null) {
      return Double.NaN;
    }
    Double before = gcBefore.put(pid, now.gcMillis());
    return before == null ? Double.NaN : now.gcMillis() - before;
  }

  /** Waits until every group is stable with members, failing early when a service exits. */
  private void awaitGroups(Admin admin, List<ChildJvm> services, List<String> groups)
      throws Exception {
    long started = System.nanoTime();
    long deadline = started + START_TIMEOUT.toNanos();
    long nextNote = started + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      for (ChildJvm p : services) {
        p.assertAlive();
      }
      List<String> waiting = new ArrayList<>();
      for (String g : groups) {
        if (!stable(admin, g)) {
          waiting.add(g);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException(
            "the services did not join within " + START_TIMEOUT + "; still waiting for " + waiting);
      }
      if (now > nextNote) {
        err.printf(
            "  waiting for consumer groups %s to join (%d s)%n",
            waiting, TimeUnit.NANOSECONDS.toSeconds(now - started));
        nextNote = now + TimeUnit.SECONDS.toNanos(15);
      }
      Thread.sleep(500);
    }
  }

  private static boolean stable(Admin admin, String group) throws Exception {
    try {
      ConsumerGroupDescription g =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      return g != null && g.groupState() == GroupState.STABLE && !g.members().isEmpty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return false;
      }
      throw e;
    }
  }
}
