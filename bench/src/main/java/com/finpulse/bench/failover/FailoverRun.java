package com.finpulse.bench.failover;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.streams.ConsumerGroupLag;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.ChildJvm;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.embedded.KafkaBroker;
import com.finpulse.processor.service.ProcessorService;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Two processors, one killed: the same paced replay through a fresh broker twice, first with one
 * processor instance, then with two instances of the same application (standby replicas 1), one of
 * which is killed with SIGKILL midway while the other finishes. Each instance is a JVM of its own.
 * The runs write to separate InfluxDB databases; afterwards the second run's scored articles and
 * final trend points are compared with the first's.
 */
public final class FailoverRun {

  /** The command line of one processor instance. */
  public interface Launcher {
    List<String> command(Path configFile, Path stateDir);
  }

  /**
   * @param partitions of news.raw, news.scored and sentiment.trends
   * @param killAt share of the replay sent when one instance is killed
   * @param sessionTimeout the consumers' {@code session.timeout.ms}; null keeps Kafka's default
   * @param drainTimeout longest wait, after the replay, for the pipeline to finish
   */
  public record Options(
      int partitions,
      double killAt,
      @Nullable Duration sessionTimeout,
      Duration drainTimeout,
      Path workDir) {}

  /**
   * Kill to take-over, per news.raw partition the killed instance owned: from the SIGKILL to the
   * first committed offset of the application on that partition beyond the one it had committed.
   *
   * @param victim the killed instance
   * @param partitions the news.raw partitions it owned
   * @param committedAtKill the offsets it had committed on them (the work it had done)
   * @param sentAtKill articles of the replay sent before the kill
   * @param firstSeconds to the first partition taken over
   * @param allSeconds to the last one (NaN if not all within the timeout)
   */
  public record Takeover(
      String victim,
      List<Integer> partitions,
      long committedAtKill,
      int sentAtKill,
      double firstSeconds,
      double allSeconds) {}

  /** One run: what it left behind and how long it took from the first article to the drain. */
  public record Run(RunOutput output, double seconds, @Nullable Takeover takeover) {}

  /**
   * @param lost articles missing after the fail-over: ids not on news.scored or without an InfluxDB
   *     point, or (if more) how many fewer the market-wide 1m trends count than the single run's
   * @param doubleCounted extra committed news.scored copies, or (if more) how many more the
   *     market-wide 1m trends count than the single run's
   * @param trendPointsDiffering final trend points whose counts differ from the single run's, or
   *     that only one run has
   */
  public record Result(
      int articles,
      Set<String> expectedIds,
      Run single,
      Run pair,
      long singleMissing,
      long lost,
      long doubleCounted,
      int trendPointsDiffering,
      double maxMeanScoreDifference) {

    public Takeover takeover() {
      return pair.takeover();
    }
  }

  public static final String APPLICATION_ID = "finpulse-failover";
  private static final Duration GROUP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration TAKEOVER_TIMEOUT = Duration.ofMinutes(5);
  private static final List<String> APP_INPUTS = List.of(Topics.NEWS_RAW, Topics.NEWS_SCORED);
  private static final List<String> SINK_INPUTS =
      List.of(Topics.NEWS_SCORED, Topics.SENTIMENT_TRENDS);

  private final Replay replay;
  private final Launcher launcher;
  private final Options o;
  private final PrintStream err;

  FailoverRun(Replay replay, Launcher launcher, Options o, PrintStream err) {
    this.replay = replay;
    this.launcher = launcher;
    this.o = o;
    this.err = err;
  }

  public Result run() throws Exception {
    try (InfluxdServer influxd = InfluxdServer.onFreePorts(o.workDir().resolve("influxd"))) {
      influxd.start(Duration.ofSeconds(30));
      err.println("Run 1 of 2: one processor instance");
      Run single = once("single", 1, false, influxd.url());
      err.println("Run 2 of 2: two processor instances, one killed with SIGKILL midway");
      Run pair = once("pair", 2, true, influxd.url());
      return compare(single, pair);
    }
  }

  private Result compare(Run single, Run pair) {
    Set<String> expected = replay.ids();
    RunOutput a = single.output();
    RunOutput b = pair.output();
    long singleMissing = missing(expected, a).size();
    long lostIds = missing(expected, b).size();
    long extraCopies = b.scoredRecords() - b.scoredCopies().size();
    long marketDelta = b.marketCount() - a.marketCount();
    Set<String> keys = new TreeSet<>(a.trends().keySet());
    keys.addAll(b.trends().keySet());
    int differing = 0;
    double maxMean = 0;
    for (String k : keys) {
      RunOutput.TrendCounts x = a.trends().get(k);
      RunOutput.TrendCounts y = b.trends().get(k);
      if (x == null || y == null || !x.sameCounts(y)) {
        differing++;
      } else {
        maxMean = Math.max(maxMean, Math.abs(x.meanScore() - y.meanScore()));
      }
    }
    return new Result(
        replay.size(),
        expected,
        single,
        pair,
        singleMissing,
        Math.max(lostIds, Math.max(0, -marketDelta)),
        Math.max(extraCopies, Math.max(0, marketDelta)),
        differing,
        maxMean);
  }

  /** Expected ids without a committed news.scored record or without an InfluxDB point. */
  static Set<String> missing(Set<String> expected, RunOutput out) {
    Set<String> missing = new TreeSet<>();
    for (String id : expected) {
      if (!out.scoredCopies().containsKey(id) || !out.influxArticles().containsKey(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  private Run once(String name, int instances, boolean killOne, String influxUrl) throws Exception {
    Path dir = o.workDir().resolve(name);
    InfluxSettings db = new InfluxSettings(influxUrl, "failover_" + name, null, null, null);
    List<ChildJvm> live = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.onFreePorts(dir.resolve("kafka"))) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
      TopicProvisioner.ensure(
          client, Topics.all(o.partitions(), (short) 1), Duration.ofSeconds(60));
      for (int k = 1; k <= instances; k++) {
        String instance = name + "-" + k;
        Path home = dir.resolve(instance);
        Path config = writeConfig(home, bootstrap, db, instance);
        live.add(
            ChildJvm.start(
                instance,
                launcher.command(config, home.resolve("state")),
                home.resolve("process.log")));
      }
      err.printf("  %d instance(s) started; logs under %s%n", instances, dir);
      try (Admin admin = Admin.create(client);
          ConsumerGroupLag lag = new ConsumerGroupLag(client);
          InfluxStore influx = new InfluxStore(db)) {
        awaitGroup(admin, live);
        long started = System.nanoTime();
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        Thread sender =
            Thread.ofPlatform()
                .name("failover-replay")
                .start(
                    () -> {
                      try {
                        replay.send(bootstrap);
                      } catch (Throwable t) {
                        sendFailure.set(t);
                      }
                    });
        err.printf(
            "  replaying %d articles over %d s%n", replay.size(), replay.duration().toSeconds());
        Takeover takeover = killOne ? killOneAndWatch(admin, live, sender) : null;
        sender.join();
        if (sendFailure.get() != null) {
          throw new IllegalStateException("the replay failed", sendFailure.get());
        }
        awaitDrained(lag, influx, live);
        double seconds = (System.nanoTime() - started) / 1e9;
        RunOutput out = RunOutput.read(bootstrap, influx);
        err.printf(
            "  done in %.1f s: %d records on news.scored, %d InfluxDB article points, %d trend"
                + " points%n",
            seconds, out.scoredRecords(), out.influxArticles().size(), out.trends().size());
        return new Run(out, seconds, takeover);
      } finally {
        for (ChildJvm p : live) {
          p.stop();
        }
      }
    }
  }

  /** The processor's overrides of the shipped processor.yml for one instance. */
  private Path writeConfig(Path home, String bootstrap, InfluxSettings db, String instance)
      throws java.io.IOException {
    Files.createDirectories(home);
    StringBuilder y = new StringBuilder();
    y.append("kafka:\n  bootstrap_servers: \"").append(bootstrap).append("\"\n");
    y.append("influx:\n  url: \"").append(db.url()).append("\"\n");
    y.append("  database: \"").append(db.database()).append("\"\n");
    y.append("metrics:\n  influx: false\n  jmx: false\n");
    y.append("streams:\n  application_id: \"").append(APPLICATION_ID).append("\"\n");
    y.append("  threads: 1\n  standby_replicas: 1\n");
    y.append("  instance_id: \"").append(instance).append("\"\n");
    if (o.sessionTimeout() != null) {
      y.append("  properties:\n    session.timeout.ms: \"")
          .append(o.sessionTimeout().toMillis())
          .append("\"\n");
    }
    y.append("topics:\n  partitions: ").append(o.partitions()).append('\n');
    Path file = home.resolve("processor.yml");
    Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Waits until every instance is a member of the application's group, the group is stable and
   * every instance has active news.raw partitions (none of them has state yet, so the tasks are
   * spread evenly from the start).
   */
  private void awaitGroup(Admin admin, List<ChildJvm> live) throws Exception {
    long deadline = System.nanoTime() + GROUP_TIMEOUT.toNanos();
    String last = "no group yet";
    while (System.nanoTime() < deadline) {
      for (ChildJvm p : live) {
        p.assertAlive();
      }
      Map<String, List<Integer>> owned = rawPartitions(admin);
      last = owned.toString();
      if (owned.size() == live.size()
          && owned.values().stream().noneMatch(List::isEmpty)
          && owned.values().stream().mapToInt(List::size).sum() == o.partitions()) {
        err.printf("  news.raw partitions per instance: %s%n", owned);
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the processor instances did not share the partitions within "
            + GROUP_TIMEOUT
            + " (last: "
            + last
            + ")");
  }

  /**
   * The news.raw partitions each instance's consumer owns in a stable group (empty while it
   * rebalances).
   */
  private static Map<String, List<Integer>> rawPartitions(Admin admin) throws Exception {
    Map<String, List<Integer>> out = new TreeMap<>();
    ConsumerGroupDescription g;
    try {
      g =
          admin
              .describeConsumerGroups(List.of(APPLICATION_ID))
              .all()
              .get(10, TimeUnit.SECONDS)
              .get(APPLICATION_ID);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return out; // no instance has joined yet
      }
      throw e;
    }
    if (g == null || g.groupState() != GroupState.STABLE) {
      return out;
    }
    for (MemberDescription m : g.members()) {
      String member = m.groupInstanceId().orElse(m.consumerId());
      List<Integer> raw =
          m.assignment().topicPartitions().stream()
              .filter(tp -> tp.topic().equals(Topics.NEWS_RAW))
              .map(TopicPartition::partition)
              .sorted()
              .toList();
      out.merge(
          member,
          raw,
          (x, y) -> {
            List<Integer> all = new ArrayList<>(x);
            all.addAll(y);
            return all;
          });
    }
    return out;
  }

  private Takeover killOneAndWatch(Admin admin, List<ChildJvm> live, Thread sender)
      throws Exception {
    int killAfter = (int) Math.ceil(o.killAt() * replay.size());
    long deadline = System.nanoTime() + TAKEOVER_TIMEOUT.toNanos();
    ChildJvm victim = null;
    List<Integer> partitions = List.of();
    String last = "";
    // Midway through the replay, and once the victim has committed work of its own.
    while (System.nanoTime() < deadline) {
      if (replay.sent() >= killAfter || !sender.isAlive()) {
        Map<String, List<Integer>> owned = rawPartitions(admin);
        victim = null;
        partitions = List.of();
        for (ChildJvm p : live) {
          for (Map.Entry<String, List<Integer>> e : owned.entrySet()) {
            if (memberOf(e.getKey(), p.name()) && e.getValue().size() > partitions.size()) {
              victim = p;
              partitions = e.getValue();
            }
          }
        }
        last = owned.toString();
        if (victim != null && sum(committed(admin, partitions)) > 0) {
          break;
        }
        victim = null;
      }
      Thread.sleep(20);
    }
    if (victim == null) {
      throw new IllegalStateException(
          "no instance had committed work on news.raw partitions of its own: " + last);
    }
    int sentAtKill = replay.sent();
    victim.kill();
    long killed = System.nanoTime();
    live.remove(victim);
    err.printf(
        "  killed %s (kill -9) after %d of %d articles; it owned news.raw partitions %s%n",
        victim.name(), sentAtKill, replay.size(), partitions);
    // A commit the victim had sent completes at the coordinator within milliseconds.
    Thread.sleep(1000);
    Map<Integer, Long> baseline = committed(admin, partitions);
    long committedAtKill = sum(baseline);
    Map<Integer, Double> takenOver = new TreeMap<>();
    Set<Integer> nothingLeft = new HashSet<>();
    deadline = killed + TAKEOVER_TIMEOUT.toNanos();
    while (takenOver.size() + nothingLeft.size() < partitions.size()
        && System.nanoTime() < deadline) {
      for (ChildJvm p : live) {
        p.assertAlive();
      }
      Map<Integer, Long> now = committed(admin, partitions);
      Map<Integer, Long> ends = sender.isAlive() ? Map.of() : ends(admin, partitions);
      for (int p : partitions) {
        if (takenOver.containsKey(p)) {
          continue;
        }
        if (now.getOrDefault(p, 0L) > baseline.getOrDefault(p, 0L)) {
          takenOver.put(p, (System.nanoTime() - killed) / 1e9);
        } else if (ends.containsKey(p) && ends.get(p) <= baseline.getOrDefault(p, 0L)) {
          nothingLeft.add(p); // everything on it was done before the kill
        }
      }
      Thread.sleep(100);
    }
    double first = takenOver.values().stream().mapToDouble(d -> d).min().orElse(Double.NaN);
    double all =
        takenOver.size() + nothingLeft.size() == partitions.size() && !takenOver.isEmpty()
            ? takenOver.values().stream().mapToDouble(d -> d).max().orElse(Double.NaN)
            : Double.NaN;
    err.printf(
        "  take-over (kill -> first commit beyond the victim's, per partition): %s s%n", takenOver);
    return new Takeover(victim.name(), partitions, committedAtKill, sentAtKill, first, all);
  }

  private static long sum(Map<Integer, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static boolean memberOf(String member, String instance) {
    return member.equals(instance) || member.startsWith(instance + "-");
  }

  private static Map<Integer, Long> committed(Admin admin, List<Integer> partitions)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> all =
        admin
            .listConsumerGroupOffsets(APPLICATION_ID)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    Map<Integer, Long> out = new HashMap<>();
    for (int p : partitions) {
      OffsetAndMetadata c = all.get(new TopicPartition(Topics.NEWS_RAW, p));
      out.put(p, c == null ? 0L : c.offset());
    }
    return out;
  }

  private static Map<Integer, Long> ends(Admin admin, List<Integer> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(
        p -> latest.put(new TopicPartition(Topics.NEWS_RAW, p), OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    Map<Integer, Long> out = new HashMap<>();
    ends.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
    return out;
  }

  /**
   * Waits until the application and its InfluxDB writer have nothing left to read (twice in a row,
   * a second apart) and InfluxDB holds a point per article, or the drain timeout passes (then the
   * comparison shows what is missing).
   */
  private void awaitDrained(ConsumerGroupLag lag, InfluxStore influx, List<ChildJvm> live)
      throws Exception {
    long deadline = System.nanoTime() + o.drainTimeout().toNanos();
    String sinkGroup = ProcessorService.sinkGroupId(APPLICATION_ID);
    int quiet = 0;
    String last = "";
    while (System.nanoTime() < deadline) {
      for (ChildJvm p : live) {
        p.assertAlive();
      }
      long appLag = lag.total(APPLICATION_ID, APP_INPUTS);
      long sinkLag = lag.total(sinkGroup, SINK_INPUTS);
      long points = articlePoints(influx);
      last = "lag " + appLag + ", writer lag " + sinkLag + ", article points " + points;
      quiet = appLag == 0 && sinkLag == 0 && points >= replay.size() ? quiet + 1 : 0;
      if (quiet >= 2) {
        return;
      }
      Thread.sleep(1000);
    }
    err.println("  not drained within " + o.drainTimeout() + " (" + last + ")");
  }

  private static long articlePoints(InfluxStore influx) {
    try {
      return influx.countOf(
          "SELECT count(\""
              + InfluxSchema.Article.FIELD_ARTICLE_ID
              + "\") FROM \""
              + InfluxSchema.Article.MEASUREMENT
              + "\"");
    } catch (RuntimeException e) {
      return 0; // the writer has not created the database yet
    }
  }
}
