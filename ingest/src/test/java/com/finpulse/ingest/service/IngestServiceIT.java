package com.finpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.extract.ArticleExtractor;
import com.finpulse.ingest.simulate.HeadlineGenerator;
import com.finpulse.ingest.simulate.Scenario;
import com.finpulse.ingest.simulate.SimulatedHeadline;
import com.finpulse.ingest.source.ProgressListener;
import com.finpulse.ingest.testing.CashtagTickerFinder;
import com.finpulse.ingest.testing.SharedData;
import com.finpulse.ingest.testing.SimpleArticleExtractor;
import com.finpulse.ingest.ticker.TickerFinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest against a real broker: what is produced is consumed intact, a restart re-sends nothing
 * (journal, or the read-back of news.raw when the journal lost lines), and a broker that goes down
 * mid-run and comes back loses nothing and duplicates nothing.
 *
 * <p>The tests share one broker and one topic; each counts the records it added, with state of its
 * own, so each stands alone and in any order.
 */
class IngestServiceIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @TempDir Path dir;

  static final Collaborators DOUBLES =
      new Collaborators() {
        @Override
        public ArticleExtractor articleExtractor(IngestConfig config) {
          return new SimpleArticleExtractor();
        }

        @Override
        public TickerFinder tickerFinder(IngestConfig config) {
          return new CashtagTickerFinder(config.watchlist());
        }
      };

  IngestConfig config(String yaml) throws Exception {
    Path file = dir.resolve("ingest-" + System.nanoTime() + ".yml");
    Files.writeString(file, yaml);
    return IngestConfig.load(
        new ConfigLoader(Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers())), file);
  }

  static final String SMALL_SIMULATION =
      """
      simulate:
        seed: 7
        duration: 20m
        baseline_per_minute: 5
        spike_start: 10m
        spike_length: 3m
        spike_per_minute: 20
        speed: max
      """;

  IngestService service(
      IngestConfig config, SourceMode mode, Speed speed, Path state, SimpleMeterRegistry meters) {
    return new IngestService(
        config,
        mode,
        speed,
        state,
        meters,
        DOUBLES,
        Clock.systemUTC(),
        ProgressListener.NONE,
        IngestService::kafkaPublisher);
  }

  static double count(SimpleMeterRegistry m, String meter) {
    return MeterRegistries.count(m, meter);
  }

  /**
   * Records of news.raw past the given end offsets, read until {@code expected} arrived (or 2s of
   * silence after the timeout).
   */
  static List<ConsumerRecord<String, byte[]>> readNew(
      Map<TopicPartition, Long> from, int expected, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            KAFKA.consumerConfig("it-" + System.nanoTime()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>(from.keySet());
      c.assign(parts);
      from.forEach(c::seek);
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietSince = System.nanoTime();
      while (true) {
        var batch = c.poll(Duration.ofMillis(200));
        batch.forEach(out::add);
        if (!batch.isEmpty()) {
          quietSince = System.nanoTime();
        }
        boolean quiet = System.nanoTime() - quietSince > 2_000_000_000L;
        if ((out.size() >= expected && quiet) || System.nanoTime() > deadline) {
          return out;
        }
      }
    }
  }

  /** Current end offsets of news.raw (created first when missing). */
  static Map<TopicPartition, Long> endOffsets() {
    com.finpulse.common.topic.TopicProvisioner.ensure(
        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        Topics.all(3, (short) 1),
        Duration.ofSeconds(30));
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            KAFKA.consumerConfig("ends"), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(Topics.NEWS_RAW, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(Topics.NEWS_RAW, p.partition()))
              .toList();
      return new HashMap<>(c.endOffsets(parts, Duration.ofSeconds(30)));
    }
  }

  @Test
  void simulatedArticlesAreConsumedIntact() throws Exception {
    IngestConfig config = config(SMALL_SIMULATION);
    List<SimulatedHeadline> expected =
        new HeadlineGenerator(config.simulate()).generate(Scenario.SPIKE);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    IngestService s =
        service(
            config,
            new SourceMode.Simulate(Scenario.SPIKE),
            Speed.MAX,
            dir.resolve("state"),
            meters);
    Map<TopicPartition, Long> from = endOffsets();
    s.start();
    assertThat(s.awaitIdle(Duration.ofSeconds(60))).isTrue();
    s.close();
    assertThat(count(meters, MeterNames.INGEST_ARTICLES)).isEqualTo(expected.size());

    List<ConsumerRecord<String, byte[]>> records =
        readNew(from, expected.size(), Duration.ofSeconds(30));
    assertThat(records).hasSize(expected.size());
    Map<String, SimulatedHeadline> byTitle = new HashMap<>();
    expected.forEach(h -> byTitle.put(h.title(), h));
    for (ConsumerRecord<String, byte[]> r : records) {
      NewsArticle a = EventSerdes.newsArticle().read(r.value());
      assertThat(r.key()).isEqualTo(a.id());
      assertThat(
              new String(
                  r.headers().lastHeader(HeaderNames.SOURCE).value(), StandardCharsets.UTF_8))
          .isEqualTo("simulate");
      assertThat(
              new String(
                  r.headers().lastHeader(HeaderNames.SCHEMA).value(), StandardCharsets.UTF_8))
          .isEqualTo("NewsArticle/1");
      SimulatedHeadline h = byTitle.get(a.title());
      assertThat(h).as("a generated headline").isNotNull();
      assertThat(a.body()).isEqualTo(h.body());
      assertThat(a.tickers()).isEqualTo(h.tickers());
      assertThat(a.publishedAt()).isBeforeOrEqualTo(a.fetchedAt());
      assertThat(a.fingerprint()).hasSize(16);
    }
  }

  @Test
  void aRestartReSendsNothingEvenWhenTheJournalLostItsTail() throws Exception {
    Path csv = dir.resolve("sample.csv");
    // Rows of its own: the topic is shared with the other tests (one replays the whole Benzinga
    // file), and a service without a journal reads back what the topic already holds.
    java.util.Random rnd = new java.util.Random(System.nanoTime());
    List<String> lines = new java.util.ArrayList<>();
    lines.add("published_at_utc,ticker,headline");
    for (int i = 0; i < 400; i++) {
      StringBuilder word = new StringBuilder();
      for (int k = 0; k < 10; k++) {
        word.append((char) ('a' + rnd.nextInt(26)));
      }
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "2020-01-01T%02d:%02d:00Z,ACME,Acme unit %s reports quarterly results",
              i / 60,
              i % 60,
              word));
    }
    Files.write(csv, lines);
    IngestConfig config = config("replay:\n  source_name: benzinga\n");
    Path state = dir.resolve("state");
    SourceMode mode = new SourceMode.Replay(csv);
    Map<TopicPartition, Long> from = endOffsets();

    SimpleMeterRegistry first = new SimpleMeterRegistry();
    IngestService s1 = service(config, mode, Speed.MAX, state, first);
    s1.start();
    assertThat(s1.awaitIdle(Duration.ofSeconds(60))).isTrue();
    s1.close();
    long published = (long) count(first, MeterNames.INGEST_ARTICLES);
    assertThat(published).isGreaterThan(350);

    SimpleMeterRegistry second = new SimpleMeterRegistry();
    IngestService s2 = service(config, mode, Speed.MAX, state, second);
    s2.start();
    assertThat(s2.awaitIdle(Duration.ofSeconds(60))).isTrue();
    s2.close();
    assertThat(count(second, MeterNames.INGEST_ARTICLES)).as("nothing sent twice").isZero();
    assertThat(count(second, MeterNames.INGEST_KNOWN)).isEqualTo(published);

    // A crash that kept only half of the journal: the rest is read back from news.raw.
    Path journal = state.resolve("sent-articles.log");
    List<String> kept = Files.readAllLines(journal);
    Files.write(journal, kept.subList(0, kept.size() / 2));
    SimpleMeterRegistry third = new SimpleMeterRegistry();
    IngestService s3 = service(config, mode, Speed.MAX, state, third);
    s3.start();
    assertThat(s3.awaitIdle(Duration.ofSeconds(60))).isTrue();
    s3.close();
    assertThat(count(third, MeterNames.INGEST_ARTICLES)).isZero();

    // No journal at all (a new machine, the same topic): everything is read back.
    Files.delete(journal);
    SimpleMeterRegistry fourth = new SimpleMeterRegistry();
    IngestService s4 = service(config, mode, Speed.MAX, state, fourth);
    s4.start();
    assertThat(s4.awaitIdle(Duration.ofSeconds(60))).isTrue();
    s4.close();
    assertThat(count(fourth, MeterNames.INGEST_ARTICLES)).isZero();

    List<ConsumerRecord<String, byte[]>> records =
        readNew(from, (int) published, Duration.ofSeconds(30));
    assertThat(records).hasSize((int) published);
    assertThat(records.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(published);
  }

  @Test
  void brokerDownMidRunLosesAndDuplicatesNothing() throws Exception {
    // ~400 articles paced over ~8 seconds; at most 20 unacknowledged at a time.
    IngestConfig config =
        config(
            """
            producer:
              max_pending: 20
              linger: 5ms
            simulate:
              seed: 11
              duration: 40m
              baseline_per_minute: 10
              spike_start: 20m
              spike_length: 2m
              spike_per_minute: 1
              speed: "300"
            """);
    int expected = new HeadlineGenerator(config.simulate()).generate(Scenario.STEADY).size();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    IngestService s =
        service(
            config,
            new SourceMode.Simulate(Scenario.STEADY),
            Speed.parse("300"),
            dir.resolve("state"),
            meters);
    Map<TopicPartition, Long> from = endOffsets();
    s.start();
    Thread.sleep(2000);
    double before = count(meters, MeterNames.INGEST_ARTICLES);
    KAFKA.stop();
    Thread.sleep(6000);
    double during = count(meters, MeterNames.INGEST_ARTICLES);
    int pendingWhileDown = s.pending();
    KAFKA.restart();
    assertThat(s.awaitIdle(Duration.ofSeconds(120))).isTrue();
    s.close();
    System.out.printf(
        "broker-down IT: %d expected, %.0f acknowledged before the stop, %.0f while down, %d pending while down%n",
        expected, before, during, pendingWhileDown);
    assertThat(before).isGreaterThan(0).isLessThan(expected);
    // The in-flight count is max_pending unacknowledged articles plus the one the (single) source
    // holds while it waits for room; anything above that would mean the source did not wait.
    assertThat(pendingWhileDown)
        .as("back-pressure: bounded by max_pending + the article the source holds")
        .isBetween(1, 20 + 1);
    assertThat(count(meters, MeterNames.INGEST_ARTICLES)).isEqualTo(expected);
    assertThat(count(meters, MeterNames.INGEST_ERRORS)).isZero();

    List<ConsumerRecord<String, byte[]>> records = readNew(from, expected, Duration.ofSeconds(60));
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.key()));
    assertThat(records).as("every article once, none twice").hasSize(expected);
    assertThat(ids).hasSize(expected);
  }

  @Test
  void theWholeBenzingaFileReplaysAtMaxSpeed() throws Exception {
    IngestConfig config = config("replay:\n  source_name: benzinga-full\n");
    Map<TopicPartition, Long> from = endOffsets();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    IngestService s =
        service(
            config,
            new SourceMode.Replay(SharedData.benzingaByTime()),
            Speed.MAX,
            dir.resolve("state"),
            meters);
    long t = System.nanoTime();
    s.start();
    assertThat(s.awaitIdle(Duration.ofSeconds(300))).isTrue();
    double seconds = (System.nanoTime() - t) / 1e9;
    s.close();
    long published = (long) count(meters, MeterNames.INGEST_ARTICLES);
    long duplicates = (long) count(meters, MeterNames.INGEST_DUPLICATES);
    System.out.printf(
        "Benzinga replay into Kafka: 9991 rows, %d published, %d duplicates, %.1fs, %.0f articles/s%n",
        published, duplicates, seconds, published / seconds);
    // 9,991 rows; rows of one headline at one minute merge (9,719 stories). Dropped and counted:
    // near-duplicates of a story within 48 hours, and the rows an earlier test of this class
    // already sent (read back from news.raw, this state directory being new).
    assertThat(published + duplicates).isEqualTo(9719);
    List<ConsumerRecord<String, byte[]>> records =
        readNew(from, (int) published, Duration.ofSeconds(60));
    assertThat(records).hasSize((int) published);
    NewsArticle first =
        EventSerdes.newsArticle()
            .read(
                records.stream()
                    .filter(r -> r.partition() == records.get(0).partition())
                    .findFirst()
                    .orElseThrow()
                    .value());
    assertThat(first.source()).isEqualTo("benzinga-full");
  }

  @Test
  void theProviderHonoursTheLauncherOptions() throws Exception {
    Path configDir = dir.resolve("config");
    Files.createDirectories(configDir);
    Files.writeString(configDir.resolve("ingest.yml"), SMALL_SIMULATION);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ServiceContext ctx =
        new ServiceContext(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers()),
            configDir,
            meters,
            dir.resolve("state"),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of("source", "simulate:steady", "speed", "max"));
    IngestServiceProvider provider = new IngestServiceProvider(DOUBLES);
    assertThat(provider.name()).isEqualTo("ingest");
    try (ManagedService s = provider.create(ctx)) {
      s.start();
      long t = System.nanoTime();
      while (!s.isIdle() && System.nanoTime() - t < 60_000_000_000L) {
        Thread.sleep(100);
      }
      assertThat(s.isIdle()).isTrue();
      assertThat(s.isHealthy()).isTrue();
    }
    int steady =
        new HeadlineGenerator(
                IngestConfig.load(new ConfigLoader(Map.of()), configDir.resolve("ingest.yml"))
                    .simulate())
            .generate(Scenario.STEADY)
            .size();
    assertThat(count(meters, MeterNames.INGEST_ARTICLES)).isEqualTo(steady);
  }
}
