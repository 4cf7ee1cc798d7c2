package com.finpulse.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import com.finpulse.processor.testing.KafkaTopics;
import com.finpulse.processor.testing.PipelineVerifier;
import com.finpulse.processor.testing.TestNews;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety: the processor runs in a child JVM and is killed with SIGKILL at several points
 * (inside a model call, right after a batch came back while its results are being published, during
 * start-up and state restoration), restarted each time on the same state directory; new articles
 * and duplicates of old ones arrive between crashes. Afterwards every article is on news.scored
 * exactly once (read_committed), the trends on sentiment.trends and in InfluxDB equal a
 * recomputation from news.scored, and each bad record is dead-lettered exactly once.
 */
class ProcessorCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessorCrashIT.class);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  static final String APP = "crash-it";
  static final Duration STEP = Duration.ofSeconds(90);

  @AfterEach
  void noChildOutlivesTheTest() throws InterruptedException {
    ChildProcessor.killAll();
  }

  @Test
  void killedAtAnyPointAndRestartedEveryArticleIsScoredExactlyOnce(@TempDir Path state)
      throws Exception {
    TopicProvisioner.ensure(
        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        Topics.all(3, (short) 1),
        Duration.ofSeconds(60));
    KafkaTopics kafka = new KafkaTopics(KAFKA.bootstrapServers());
    Instant from = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES);
    List<NewsArticle> waveA = TestNews.wave("a", 400, from, Duration.ofMinutes(25), 21);
    List<NewsArticle> waveB =
        TestNews.wave("b", 150, from.plus(Duration.ofMinutes(25)), Duration.ofMinutes(20), 22);
    Set<String> expected = new TreeSet<>(PipelineVerifier.ids(waveA, NewsArticle::id));
    expected.addAll(PipelineVerifier.ids(waveB, NewsArticle::id));

    List<NewsArticle> first = new ArrayList<>(waveA);
    first.addAll(waveA.subList(100, 130));
    kafka.publish(Topics.NEWS_RAW, first);
    kafka.publishRaw(invalid("a"));

    List<String> args =
        List.of(KAFKA.bootstrapServers(), INFLUX.url(), state.resolve("processor").toString(), APP);
    Path log = state.resolve("child.log");
    int textsSentToModel = 0;

    LOG.info("Run 1: kill -9 inside the third model call");
    ChildProcessor run = ChildProcessor.start(args, log);
    run.await(line -> line.startsWith(CrashableProcessorMain.CALL_START + " 3 "), STEP);
    run.kill();
    textsSentToModel += run.textsSentToModel();

    LOG.info("Run 2: kill -9 while a returned batch is published and counted, uncommitted");
    run = ChildProcessor.start(args, log);
    run.await(line -> line.startsWith(CrashableProcessorMain.CALL_END + " 2 "), STEP);
    Thread.sleep(300);
    run.kill();
    textsSentToModel += run.textsSentToModel();

    LOG.info("Run 3: kill -9 as soon as it runs again (buffers restored and resubmitted)");
    run = ChildProcessor.start(args, log);
    run.await(line -> line.equals(CrashableProcessorMain.RUNNING), STEP);
    run.kill();
    textsSentToModel += run.textsSentToModel();

    List<NewsArticle> second = new ArrayList<>(waveB);
    second.addAll(waveA.subList(0, 20)); // duplicates of articles scored before the crashes
    kafka.publish(Topics.NEWS_RAW, second);
    kafka.publishRaw(invalid("b"));

    LOG.info("Run 4: kill -9 inside the second model call, with new and duplicate articles");
    run = ChildProcessor.start(args, log);
    run.await(line -> line.startsWith(CrashableProcessorMain.CALL_START + " 2 "), STEP);
    run.kill();
    textsSentToModel += run.textsSentToModel();

    LOG.info("Run 5: kill -9 in the middle of a commit interval, with work on every hop");
    run = ChildProcessor.start(args, log);
    run.await(line -> line.startsWith(CrashableProcessorMain.CALL_END + " 4 "), STEP);
    Thread.sleep(700);
    run.kill();
    textsSentToModel += run.textsSentToModel();

    LOG.info("Run 6: to the end");
    run = ChildProcessor.start(args, log);
    try (InfluxStore influx =
        new InfluxStore(
            CrashableProcessorMain.config(KAFKA.bootstrapServers(), INFLUX.url(), APP).influx())) {
      PipelineVerifier verifier =
          new PipelineVerifier(kafka, influx, CrashableProcessorMain.WINDOWS);
      verifier.awaitScored(expected, Duration.ofSeconds(180));
      verifier.awaitTrendTopicMatches(Duration.ofSeconds(60));
      verifier.awaitInfluxMatches(expected, Duration.ofSeconds(60));
      run.stop();
      textsSentToModel += run.textsSentToModel();

      verifier.assertExactlyOnce(expected);
      assertThat(kafka.readCommitted(Topics.NEWS_DLQ)).hasSize(6);
      LOG.info(
          "{} articles published once each; the model saw {} texts across the 6 runs",
          expected.size(),
          textsSentToModel);
      assertThat(textsSentToModel)
          .describedAs("kills inside model calls make the model score some articles twice")
          .isGreaterThan(expected.size());
    }
  }

  private static List<ProducerRecord<byte[], byte[]>> invalid(String tag) {
    return List.of(
        new ProducerRecord<>(Topics.NEWS_RAW, bytes("x" + tag), bytes("{not json " + tag)),
        new ProducerRecord<>(Topics.NEWS_RAW, bytes("y" + tag), bytes("{\"id\":\"" + tag + "\"}")),
        new ProducerRecord<>(Topics.NEWS_RAW, null, new byte[] {(byte) 0xc3, (byte) 0x28}));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
