package com.finpulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.testing.AlertsInstanceMain;
import com.finpulse.alerts.testing.TestTrends;
import com.finpulse.alerts.testing.WebhookReceiver;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.ChildJvm;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two alerts instances, each in a JVM of its own, on one broker: the first delivers, the second
 * stands by. During an alert episode the delivering instance is killed with SIGKILL the moment the
 * webhook receiver gets its first notification (before the answer: received, never recorded). The
 * standby takes delivery over within the delivery group's session timeout plus a few seconds, sends
 * the notification that was in flight again with the same {@code Idempotency-Key}, and delivers the
 * rest of the episode (a second key's alert, then both resolves): from the kill on, every key
 * arrives exactly once, and no alert's firing or resolve is missing.
 */
class AlertsFailoverIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final String EARNINGS = "Earnings";
  private static final String ENERGY = "Energy | Oil";
  private static final String SECRET = "ha-it-webhook-secret-0123456789";
  private static final Duration SESSION = Duration.ofSeconds(6);

  /**
   * The stated bound: the session timeout, a heartbeat interval (a quarter of it) for the survivor
   * to hear of the rebalance, and a few seconds to fence, read the topic to its end and send.
   */
  private static final Duration TAKEOVER_BOUND = SESSION.plus(SESSION.dividedBy(4)).plusSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theStandbyTakesOverWithinTheBoundAndDeliversEveryKeyOnceFromThenOn() throws Exception {
    Path config = writeConfig();
    List<ChildJvm> children = new ArrayList<>();
    try (WebhookReceiver hooks = new WebhookReceiver();
        KafkaProducer<String, byte[]> producer = producer()) {
      Files.writeString(
          dir.resolve("subscriptions.yml"),
          """
          subscriptions:
            - name: desk
              topics: [Earnings, "Energy | Oil"]
              windows: [1m]
              channels:
                webhooks:
                  - url: %s
                    secret: ${DESK_SECRET}
          """
              .formatted(hooks.url("/desk")));
      ChildJvm a = instance("alerts-a", config, children);
      awaitLog(a, "Delivering notifications", Duration.ofSeconds(120));
      ChildJvm b = instance("alerts-b", config, children);
      awaitLog(b, "Standing by", Duration.ofSeconds(120));
      assertThat(log(b)).doesNotContain("Delivering notifications");

      AtomicLong killedAt = new AtomicLong();
      AtomicReference<String> inFlight = new AtomicReference<>();
      CountDownLatch killed = new CountDownLatch(1);
      hooks.beforeAnswer(
          r -> {
            if (killed.getCount() == 1) {
              try {
                a.kill(); // received, never answered: its outcome is never recorded
                killedAt.set(System.nanoTime());
                inFlight.set(r.header("Idempotency-Key"));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                killed.countDown();
              }
            }
          });

      // Baselines for both keys, then the first spike.
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
      for (int i = 0; i < 30; i++) {
        trend(producer, EARNINGS, t0.plus(Duration.ofMinutes(i)), 12, 2);
        trend(producer, ENERGY, t0.plus(Duration.ofMinutes(i)), 12, 2);
      }
      Instant spike = t0.plus(Duration.ofMinutes(30));
      trend(producer, EARNINGS, spike, 20, 16);
      assertThat(killed.await(90, TimeUnit.SECONDS))
          .describedAs("the active instance delivered the first alert; B: " + b.logTail(20))
          .isTrue();

      // The survivor sends the in-flight notification again after taking over.
      String key = inFlight.get();
      b.await(() -> countOf(hooks, key) >= 2, Duration.ofSeconds(60), "the in-flight re-send");
      long resentAt =
          hooks.all().stream()
              .filter(r -> key.equals(r.header("Idempotency-Key")))
              .skip(1)
              .findFirst()
              .orElseThrow()
              .receivedNanos();
      double takeover = (resentAt - killedAt.get()) / 1e9;

      // The rest of the episode, delivered by the survivor: a second key fires, both resolve.
      trend(producer, ENERGY, spike, 20, 16);
      for (int i = 1; i <= 5; i++) {
        trend(producer, EARNINGS, spike.plus(Duration.ofMinutes(i)), 12, 2);
        trend(producer, ENERGY, spike.plus(Duration.ofMinutes(i)), 12, 2);
      }
      b.await(
          () -> notified(hooks).values().stream().filter(s -> s.equals("resolved")).count() >= 2,
          Duration.ofSeconds(90),
          "both resolves");
      Thread.sleep(2_000); // anything sent twice would arrive by now

      Map<String, Integer> afterKill = new LinkedHashMap<>();
      for (WebhookReceiver.Request r : hooks.all()) {
        if (r.receivedNanos() >= killedAt.get()) {
          afterKill.merge(r.header("Idempotency-Key"), 1, Integer::sum);
        }
      }
      Set<String> alertIds = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r :
          TopicReads.committed(KAFKA.bootstrapServers(), Topics.ALERTS, Duration.ofSeconds(30))) {
        if ("Alert".equals(HeaderNames.schemaType(r.headers()))) {
          Alert al = AlertSerdes.alert().read(r.value());
          alertIds.add(al.id() + "/" + al.status().label());
        }
      }
      Map<String, String> seen = notified(hooks);
      Set<String> notifiedStates = new HashSet<>();
      for (WebhookReceiver.Request r : hooks.all()) {
        for (JsonNode al : JSON.readTree(r.body()).get("alerts")) {
          notifiedStates.add(al.get("fingerprint").asText() + "/" + al.get("status").asText());
        }
      }
      System.out.printf(
          "MEASURED takeover (kill of the delivering instance -> the survivor's re-send of the"
              + " notification in flight) %.1f s with session_timeout %d s (bound %d s);"
              + " %d webhook(s), %d after the kill, keys after the kill %s; alerts %s%n",
          takeover,
          SESSION.toSeconds(),
          TAKEOVER_BOUND.toSeconds(),
          hooks.all().size(),
          afterKill.values().stream().mapToInt(Integer::intValue).sum(),
          afterKill,
          seen);

      assertThat(afterKill)
          .describedAs("from the takeover on, one delivery per Idempotency-Key")
          .containsKey(key)
          .allSatisfy((k, n) -> assertThat(n).describedAs(k).isEqualTo(1));
      assertThat(alertIds).describedAs("two alerts, each fired and resolved").hasSize(4);
      assertThat(notifiedStates).describedAs("none lost").containsAll(alertIds);
      assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND.toMillis() / 1000.0);
      String bLog = log(b);
      assertThat(bLog.indexOf("Standing by")).isLessThan(bLog.indexOf("Delivering notifications"));
      assertThat(bLog).contains("sending again, with the same idempotency key, 1 notification");
    } finally {
      for (ChildJvm c : children) {
        if (c.isAlive()) {
          c.kill();
        }
      }
    }
  }

  /** Each alert id the receiver was told about, with the status it was last told. */
  private static Map<String, String> notified(WebhookReceiver hooks) {
    Map<String, String> out = new LinkedHashMap<>();
    for (WebhookReceiver.Request r : hooks.all()) {
      try {
        for (JsonNode al : JSON.readTree(r.body()).get("alerts")) {
          out.put(al.get("fingerprint").asText(), al.get("status").asText());
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }

  private static long countOf(WebhookReceiver hooks, String key) {
    return hooks.all().stream().filter(r -> key.equals(r.header("Idempotency-Key"))).count();
  }

  private Path writeConfig() throws IOException {
    Path file = dir.resolve("alerts.yml");
    Files.writeString(
        file,
        """
        kafka:
          # The detector's Kafka Streams members too fail over within seconds.
          properties:
            session.timeout.ms: "6000"
        streams:
          application_id: alerts-ha-it
        history:
          influx: false
        metrics:
          influx: false
          jmx: false
        routing:
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        delivery:
          initial_backoff: 100ms
          max_backoff: 1s
          allowed_private_networks: [127.0.0.1/32]
          session_timeout: %ds
        api:
          bind: 127.0.0.1:0
          console_bind: ""
          token: ha-it-api-token-0123456789
        digest:
          enabled: false
        """
            .formatted(SESSION.toSeconds()));
    return file;
  }

  private ChildJvm instance(String name, Path config, List<ChildJvm> children) throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx512m");
    jvm.add("-XX:TieredStopAtLevel=1");
    jvm.add("-Dlogback.configurationFile=logback-test.xml");
    if (Runtime.version().feature() >= 23) {
      jvm.add("--sun-misc-unsafe-memory-access=allow");
    }
    List<String> cmd = ChildJvm.javaCommand(jvm, AlertsInstanceMain.class.getName());
    cmd.addAll(
        List.of(
            "--config",
            config.toString(),
            "--subscriptions",
            dir.resolve("subscriptions.yml").toString(),
            "--state-dir",
            dir.resolve(name).toString(),
            "--no-console"));
    ChildJvm c =
        ChildJvm.start(
            name,
            cmd,
            Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(), "DESK_SECRET", SECRET),
            dir.resolve(name + ".log"));
    children.add(c);
    return c;
  }

  private static String log(ChildJvm c) throws IOException {
    return new String(Files.readAllBytes(c.log()), StandardCharsets.UTF_8);
  }

  private static void awaitLog(ChildJvm c, String line, Duration budget) throws Exception {
    c.await(
        () -> {
          try {
            return log(c).contains(line);
          } catch (IOException e) {
            return false;
          }
        },
        budget,
        "'" + line + "' in its log");
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> p = KAFKA.producerConfig();
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static void trend(
      KafkaProducer<String, byte[]> producer,
      String topic,
      Instant windowStart,
      long novel,
      long negative)
      throws Exception {
    TrendPoint p = TestTrends.topicMinute(topic, windowStart, novel, negative);
    producer
        .send(
            new ProducerRecord<>(
                Topics.SENTIMENT_TRENDS,
                p.recordKey(),
                EventSerdes.trendPoint().serialize(Topics.SENTIMENT_TRENDS, p)))
        .get();
  }
}
