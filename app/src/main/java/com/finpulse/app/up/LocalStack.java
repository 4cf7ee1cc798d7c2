package com.finpulse.app.up;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.embedded.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of {@code up}: the embedded broker and influxd when no external server is
 * configured, then the shared topics and the database. Closing stops only what it started.
 */
final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Path stateDir;
  private final Map<String, String> env;
  private KafkaBroker broker;
  private InfluxdServer influxd;
  private String bootstrapServers;
  private String influxUrl;

  LocalStack(Path stateDir, Map<String, String> env) {
    this.stateDir = stateDir;
    this.env = env;
  }

  /**
   * Starts what is not external: influxd (ending one a killed run left behind) on a thread of its
   * own while the broker recovers and registers on this one, since neither needs the other.
   */
  void start(int partitions) throws Exception {
    String externalInflux = env.get(LocalEndpoints.ENV_INFLUX_URL);
    CompletableFuture<Void> influxStarted;
    if (externalInflux == null || externalInflux.isBlank()) {
      influxd =
          new InfluxdServer(
              stateDir.resolve("influxdb"),
              LocalEndpoints.port(
                  env, LocalEndpoints.ENV_INFLUX_PORT, LocalEndpoints.INFLUX_HTTP_PORT),
              LocalEndpoints.port(
                  env, LocalEndpoints.ENV_INFLUX_RPC_PORT, LocalEndpoints.INFLUX_RPC_PORT));
      influxUrl = influxd.url();
      InfluxdServer server = influxd;
      influxStarted =
          CompletableFuture.runAsync(
              () -> {
                try {
                  server.start(Duration.ofSeconds(30));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted while starting influxd", e);
                }
              },
              runnable -> Thread.ofPlatform().name("influxd-start").daemon().start(runnable));
    } else {
      influxUrl = externalInflux.trim();
      LOG.info("Using external InfluxDB at {} ({})", influxUrl, LocalEndpoints.ENV_INFLUX_URL);
      influxStarted = CompletableFuture.completedFuture(null);
    }
    String externalKafka = env.get(LocalEndpoints.ENV_KAFKA_BOOTSTRAP);
    if (externalKafka == null || externalKafka.isBlank()) {
      broker =
          new KafkaBroker(
              stateDir.resolve("kafka"),
              LocalEndpoints.port(env, LocalEndpoints.ENV_KAFKA_PORT, LocalEndpoints.KAFKA_PORT),
              LocalEndpoints.port(
                  env,
                  LocalEndpoints.ENV_KAFKA_CONTROLLER_PORT,
                  LocalEndpoints.KAFKA_CONTROLLER_PORT));
      try {
        broker.start();
      } catch (IOException | RuntimeException e) {
        influxStarted.exceptionally(x -> null).join();
        throw e;
      }
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = externalKafka.trim();
      LOG.info(
          "Using external Kafka at {} ({})", bootstrapServers, LocalEndpoints.ENV_KAFKA_BOOTSTRAP);
    }
    try {
      influxStarted.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw cause instanceof Exception x ? x : e;
    }
    TopicProvisioner.ensure(
        Map.of("bootstrap.servers", bootstrapServers),
        Topics.all(partitions, (short) 1),
        Duration.ofSeconds(60));
    try (InfluxStore store = new InfluxStore(influxSettings())) {
      store.ensureDatabase(Duration.ofSeconds(30));
    }
  }

  /**
   * The environment the services will see once the stack is up, known before anything starts (the
   * embedded servers listen on fixed ports, or those the environment names): for checking their
   * configuration first.
   */
  static Map<String, String> plannedServiceEnv(Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    String kafka = env.get(LocalEndpoints.ENV_KAFKA_BOOTSTRAP);
    out.put(
        LocalEndpoints.ENV_KAFKA_BOOTSTRAP,
        kafka == null || kafka.isBlank()
            ? LocalEndpoints.KAFKA_HOST
                + ":"
                + LocalEndpoints.port(env, LocalEndpoints.ENV_KAFKA_PORT, LocalEndpoints.KAFKA_PORT)
            : kafka.trim());
    String influx = env.get(LocalEndpoints.ENV_INFLUX_URL);
    out.put(
        LocalEndpoints.ENV_INFLUX_URL,
        influx == null || influx.isBlank()
            ? "http://127.0.0.1:"
                + LocalEndpoints.port(
                    env, LocalEndpoints.ENV_INFLUX_PORT, LocalEndpoints.INFLUX_HTTP_PORT)
            : influx.trim());
    return out;
  }

  /** The environment the services' configs are expanded against: points them at this stack. */
  Map<String, String> serviceEnv() {
    Map<String, String> out = new HashMap<>(env);
    out.put(LocalEndpoints.ENV_KAFKA_BOOTSTRAP, bootstrapServers);
    out.put(LocalEndpoints.ENV_INFLUX_URL, influxUrl);
    return out;
  }

  InfluxSettings influxSettings() {
    String db = env.getOrDefault("INFLUX_DATABASE", LocalEndpoints.INFLUX_DATABASE);
    return new InfluxSettings(
        influxUrl, db, env.get("INFLUX_USERNAME"), env.get("INFLUX_PASSWORD"), null);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String influxUrl() {
    return influxUrl;
  }

  @Override
  public void close() {
    if (broker != null) {
      try {
        broker.close();
      } catch (RuntimeException e) {
        LOG.warn("Kafka broker did not stop cleanly: {}", e.toString());
      }
    }
    if (influxd != null) {
      influxd.close();
    }
  }
}
