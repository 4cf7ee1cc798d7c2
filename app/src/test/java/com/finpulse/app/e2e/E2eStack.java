package com.finpulse.app.e2e;

import com.finpulse.app.up.InProcessServices;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.config.LocalEndpoints;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real stack in this JVM, as the end-to-end tests run it: the topics on the broker, the
 * services on the classpath started with a config directory and a state directory each under {@code
 * work/state/<service>}, against the broker and influxd of the test's extensions, with the shipped
 * model and the meters published to influxd. Closing stops the services, then the meters (which
 * publishes their last step).
 */
final class E2eStack implements AutoCloseable {

  /** The repository root: the tests run in {@code app/}. */
  static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  /** The model the product ships, {@code models/default}. */
  static final Path SHIPPED_MODEL = REPOSITORY.resolve("models/default");

  private final Map<String, String> env;
  private final Path config;
  private final Path work;
  private final CompositeMeterRegistry meters;
  private final PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final InProcessServices services = new InProcessServices();

  private E2eStack(
      KafkaBrokerExtension kafka,
      InfluxdExtension influx,
      Path work,
      Path config,
      Map<String, String> env) {
    this.work = work;
    this.config = config;
    Map<String, String> all = new HashMap<>();
    all.put(LocalEndpoints.ENV_KAFKA_BOOTSTRAP, kafka.bootstrapServers());
    all.put(LocalEndpoints.ENV_INFLUX_URL, influx.url());
    all.put("FINPULSE_MODEL_DIR", SHIPPED_MODEL.toString());
    all.putAll(env);
    this.env = Map.copyOf(all);
    this.meters =
        MeterRegistries.create(
            "finpulse",
            new MetricsSettings(true, false, Duration.ofSeconds(1)),
            InfluxSettings.local().withUrl(influx.url()));
  }

  /** Creates every topic of the product (3 partitions) on the broker, if not there yet. */
  static void provisionTopics(KafkaBrokerExtension kafka) {
    TopicProvisioner.ensure(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        Topics.all(3, (short) 1),
        Duration.ofSeconds(30));
  }

  /**
   * Provisions the topics and starts every service; returns once each has started. The source
   * starts once the consumers run (not beside them, as {@code up} starts it), so that the time from
   * publishing an article to its alert is the running pipeline's from the first article: what the
   * latency checks measure, not how long the processor takes to start.
   *
   * @param env added to (or replacing) the broker's and influxd's addresses and the model directory
   * @param options the launcher's options, e.g. {@code source=simulate:spike}
   */
  static E2eStack start(
      KafkaBrokerExtension kafka,
      InfluxdExtension influx,
      Path work,
      Path config,
      Map<String, String> env,
      Map<String, String> options)
      throws Exception {
    provisionTopics(kafka);
    E2eStack stack = new E2eStack(kafka, influx, work, config, env);
    try {
      stack.services.start(
          InProcessServices.discover(),
          provider -> stack.context(provider.name(), options),
          InProcessServices.SourceStart.AFTER_CONSUMERS);
    } catch (Exception e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /** The context a service of this stack gets: its state in {@code work/state/<stateName>}. */
  ServiceContext context(String stateName, Map<String, String> options) {
    return new ServiceContext(env, config, meters, stateOf(stateName), console, options);
  }

  /** The state directory of a service ({@code alerts} keeps its API token there). */
  Path stateOf(String service) {
    return work.resolve("state").resolve(service);
  }

  InProcessServices services() {
    return services;
  }

  CompositeMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    try {
      services.close();
    } finally {
      meters.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
