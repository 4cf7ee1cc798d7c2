package com.finpulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.app.FinPulse;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.ChildJvm;
import com.finpulse.embedded.InfluxdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack killed during an alert episode: {@code ./finpulse up --source simulate:spike} in
 * a JVM of its own, with its own broker and influxd, is killed with SIGKILL the moment a local
 * webhook receiver gets the first notification of the spike (before the receiver answers, so the
 * notification is certainly in flight: received, its outcome never recorded). The same {@code up}
 * on the same state directory then starts without any clean-up (the dead run's lock and its
 * orphaned influxd are its own business) and sends the notification again with the same {@code
 * Idempotency-Key}. A receiver that de-duplicates by that key processes every notification once;
 * the raw re-sends are only those in flight at the kill; every alert of the episode reached the
 * receiver; every intent of the killed run ends with a final outcome.
 *
 * <p>The restarted {@code up} runs the scenario again on a timeline of its own (new article ids:
 * new news), so it may raise alerts of its own; they are not the episode's and only the key
 * accounting applies to them.
 */
class UpCrashIT {

  private static final String SPIKED_TOPIC = "Energy | Oil";
  private static final String SECRET = "crash-it-webhook-secret-0123456789";
  private static final Duration FIRST_WEBHOOK_BUDGET = Duration.ofMinutes(4);
  private static final Duration RESEND_BUDGET = Duration.ofMinutes(3);

  @Test
  void killedAtTheFirstWebhookTheSameUpResendsWhatWasInFlightLosesNothingAndNeedsNoCleanUp(
      @TempDir Path work) throws Exception {
    assertThat(InfluxdServer.findBinary())
        .describedAs("influxd must be installed: " + InfluxdServer.INSTALL_HINT)
        .isPresent();
    // Ports of its own: a developer's ./finpulse up may hold the standard ones.
    Map<String, String> ports =
        Map.of(
            LocalEndpoints.ENV_KAFKA_PORT, Integer.toString(E2eStack.freePort()),
            LocalEndpoints.ENV_KAFKA_CONTROLLER_PORT, Integer.toString(E2eStack.freePort()),
            LocalEndpoints.ENV_INFLUX_PORT, Integer.toString(E2eStack.freePort()),
            LocalEndpoints.ENV_INFLUX_RPC_PORT, Integer.toString(E2eStack.freePort()));
    String bootstrap = "127.0.0.1:" + ports.get(LocalEndpoints.ENV_KAFKA_PORT);
    Path state = work.resolve("state");
    Path influxPid = state.resolve("influxdb").resolve("influxd.pid");
    AtomicReference<ChildJvm> running = new AtomicReference<>();
    CountDownLatch killed = new CountDownLatch(1);
    AtomicReference<History> atKill = new AtomicReference<>();
    try (WebhookReceiver hooks =
        new WebhookReceiver(
            Map.of("/energy-desk", 200),
            r -> {
              if (killed.getCount() == 1 && running.get() != null) {
                try {
                  // What the alerts topic holds now (the target's lane waits for this answer, so
                  // nothing more is sent to it), then kill -9 before answering: the notification
                  // was received and its outcome is never recorded.
                  atKill.set(History.read(bootstrap));
                  running.get().kill();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  killed.countDown();
                }
              }
            })) {
      Path config = writeConfig(work.resolve("config"), hooks.url("/energy-desk"));
      try {
        // 1. up until the first webhook of the spike, then kill -9.
        running.set(up("up-1", config, state, ports, work.resolve("up-1.log")));
        running
            .get()
            .await(
                () -> killed.getCount() == 0,
                FIRST_WEBHOOK_BUDGET,
                "the first webhook of the spike");
        assertThat(hooks.requests("/energy-desk")).hasSize(1);
        History before = atKill.get();
        assertThat(before).describedAs("the alerts topic was read at the kill").isNotNull();
        String firstKey = hooks.requests("/energy-desk").get(0).header("Idempotency-Key");
        long orphan = Long.parseLong(Files.readString(influxPid).trim());

        // 2. The same up again, on the same state directory, nothing cleaned up.
        long restartedAt = System.nanoTime();
        running.set(up("up-2", config, state, ports, work.resolve("up-2.log")));
        ChildJvm second = running.get();
        second.await(() -> keyCount(hooks, firstKey) >= 2, RESEND_BUDGET, "the re-sent webhook");
        double resentAfter = (System.nanoTime() - restartedAt) / 1e9;
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
            .describedAs("the influxd the killed run left behind was ended by the restart")
            .isFalse();
        // Let deliveries that were due settle, then read the history from the running broker.
        Thread.sleep(5_000);
        History after = History.read(bootstrap);
        Set<String> inFlightAtKill = new HashSet<>(before.intents());
        inFlightAtKill.removeAll(before.finalOutcomes().keySet());

        Map<String, Integer> raw = new LinkedHashMap<>();
        for (WebhookReceiver.Request r : hooks.requests("/energy-desk")) {
          raw.merge(r.header("Idempotency-Key"), 1, Integer::sum);
        }
        Set<String> resent = new HashSet<>();
        raw.forEach(
            (key, n) -> {
              if (n > 1) {
                resent.add(key);
              }
            });
        Set<String> processedOnce = raw.keySet(); // what a receiver de-duplicating by key acts on
        System.out.printf(
            "kill at the first webhook (%s); restart re-sent it after %.1f s; %d webhook(s)"
                + " received, %d distinct key(s), raw re-sends %d %s; in flight at the kill %s%n",
            firstKey,
            resentAfter,
            hooks.requests("/energy-desk").size(),
            processedOnce.size(),
            resent.size(),
            resent,
            inFlightAtKill);

        assertThat(inFlightAtKill)
            .describedAs("the first notification's intent was recorded before it was sent")
            .contains(firstKey);
        assertThat(resent)
            .describedAs("only what was in flight at the kill is received twice")
            .isSubsetOf(inFlightAtKill)
            .contains(firstKey);
        assertThat(raw.values()).describedAs("nothing received three times").allMatch(n -> n <= 2);
        List<WebhookReceiver.Request> copies =
            hooks.requests("/energy-desk").stream()
                .filter(r -> firstKey.equals(r.header("Idempotency-Key")))
                .toList();
        assertThat(alertsOf(copies.get(1)))
            .describedAs("the re-send presents what the first did")
            .isEqualTo(alertsOf(copies.get(0)));
        for (String id : before.intents()) {
          assertThat(after.finalOutcomes().get(id))
              .describedAs("notification " + id + " of the killed run ends with an outcome")
              .isNotNull();
        }
        assertThat(after.finalOutcomes().get(firstKey)).isEqualTo(DeliveryOutcome.DELIVERED);
        Set<String> notified = new HashSet<>();
        hooks.requests("/energy-desk").forEach(r -> notified.addAll(alertsOf(r).keySet()));
        assertThat(before.spikeAlerts())
            .describedAs("the episode raised alerts before the kill")
            .isNotEmpty();
        assertThat(notified)
            .describedAs("every alert of the episode reached the receiver")
            .containsAll(before.spikeAlerts());

        // 3. It stops cleanly and leaves nothing running.
        long influxd = Long.parseLong(Files.readString(influxPid).trim());
        int status = second.stop();
        running.set(null);
        // 143: ended by SIGTERM once its shutdown hook closed everything.
        assertThat(status).describedAs(second.logTail(40)).isIn(0, 130, 143);
        assertThat(second.logTail(10)).contains("influxd stopped");
        assertThat(ProcessHandle.of(influxd).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      } finally {
        ChildJvm last = running.get();
        if (last != null && last.isAlive()) {
          last.kill();
        }
        endInfluxd(influxPid);
      }
    }
  }

  /**
   * What the alerts topic holds (committed) when read: the notifications with an intent, their
   * final outcomes, and the alerts of the spiked topic.
   */
  private record History(
      Set<String> intents, Map<String, DeliveryOutcome> finalOutcomes, Set<String> spikeAlerts) {

    static History read(String bootstrap) {
      Set<String> intents = new HashSet<>();
      Map<String, DeliveryOutcome> finalOutcomes = new HashMap<>();
      Set<String> spikeAlerts = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r :
          TopicReads.committed(bootstrap, Topics.ALERTS, Duration.ofSeconds(30))) {
        switch (String.valueOf(HeaderNames.schemaType(r.headers()))) {
          case "NotificationIntent" ->
              intents.add(AlertSerdes.notificationIntent().read(r.value()).notificationId());
          case "NotificationOutcome" -> {
            NotificationOutcome o = AlertSerdes.notificationOutcome().read(r.value());
            if (o.outcome().isFinal()) {
              finalOutcomes.put(o.notificationId(), o.outcome());
            }
          }
          case "Alert" -> {
            Alert a = AlertSerdes.alert().read(r.value());
            if (a.keyKind() == KeyKind.TOPIC
                && a.key().equals(SPIKED_TOPIC)
                && a.window() == TrendWindow.ONE_MINUTE) {
              spikeAlerts.add(a.id());
            }
          }
          default -> {}
        }
      }
      return new History(intents, finalOutcomes, spikeAlerts);
    }
  }

  /**
   * The alerts a webhook presented (Alertmanager's fingerprint is the alert id) and their status.
   */
  private static Map<String, String> alertsOf(WebhookReceiver.Request r) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("the webhook body is not JSON: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode a : root.get("alerts")) {
      out.put(a.get("fingerprint").asText(), a.get("status").asText());
    }
    return out;
  }

  private static long keyCount(WebhookReceiver hooks, String key) {
    return hooks.requests("/energy-desk").stream()
        .filter(r -> key.equals(r.header("Idempotency-Key")))
        .count();
  }

  private static ChildJvm up(
      String name, Path config, Path state, Map<String, String> ports, Path log)
      throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx2g");
    jvm.add("--enable-native-access=ALL-UNNAMED");
    jvm.add("-Dai.djl.offline=true");
    jvm.add("-Dfinpulse.home=" + E2eStack.REPOSITORY);
    if (Runtime.version().feature() >= 23) {
      jvm.add("--sun-misc-unsafe-memory-access=allow");
    }
    List<String> cmd = ChildJvm.javaCommand(jvm, FinPulse.class.getName());
    cmd.addAll(
        List.of(
            "up",
            "--source",
            "simulate:spike",
            "--speed",
            "60",
            "--state-dir",
            state.toString(),
            "--config-dir",
            config.toString()));
    Map<String, String> env = new HashMap<>(ports);
    env.put("FINPULSE_MODEL_DIR", E2eStack.SHIPPED_MODEL.toString());
    env.put("CRASH_IT_WEBHOOK_SECRET", SECRET);
    env.put("OMP_WAIT_POLICY", "PASSIVE");
    return ChildJvm.start(name, cmd, env, log);
  }

  private static Path writeConfig(Path dir, String webhook) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("ingest.yml"),
        """
        sources: []
        simulate:
          seed: 7
          duration: 45m
          baseline_per_minute: 6
          spike_topic: energy
          spike_start: 30m
          spike_length: 5m
          spike_per_minute: 20
        """);
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        routing:
          group_wait: 0s
          group_interval: 2s
        delivery:
          initial_backoff: 200ms
          max_backoff: 1s
          # The receiver reads the alerts topic before it kills: the sender must still be waiting.
          webhook_timeout: 90s
          allowed_private_networks: [127.0.0.0/8]
        api:
          enabled: false
        digest:
          enabled: false
        """);
    Files.writeString(
        dir.resolve("subscriptions.yml"),
        """
        subscriptions:
          - name: energy-desk
            topics: ["%s"]
            windows: [1m]
            channels:
              webhooks:
                - url: %s
                  secret: ${CRASH_IT_WEBHOOK_SECRET}
                  format: alertmanager
        """
            .formatted(SPIKED_TOPIC, webhook));
    return dir;
  }

  /** Ends an influxd this test's stack left behind (only after a failure). */
  private static void endInfluxd(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      Optional<ProcessHandle> p =
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
      if (p.isPresent() && p.get().isAlive()) {
        p.get().destroyForcibly();
        p.get().onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("Could not end the test's influxd: " + e);
    }
  }
}
