package com.finpulse.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * bound to 127.0.0.1 only.
 *
 * <p>The storage directory is formatted on first start and reused afterwards, so a second run of
 * {@code ./finpulse up} keeps its topics and offsets. Not {@code KafkaClusterTestKit}: that binds
 * every interface and is an internal test artifact.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final String LOOPBACK = "127.0.0.1";

  /** Written by Kafka into a log directory at a clean stop; missing after a crash. */
  private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

  /** How long a restart after a crash waits for transactions whose markers are being written. */
  private static final Duration HANGING_SETTLE = Duration.ofSeconds(5);

  private static final Duration HANGING_TIMEOUT = Duration.ofSeconds(10);

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  /**
   * @param dataDir where the log segments and metadata live; created and formatted when new
   * @param port client port, 0 for a free one
   * @param controllerPort controller port, 0 for a free one
   */
  public KafkaBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port == 0 ? freePort() : port;
    this.controllerPort = controllerPort == 0 ? freePort() : controllerPort;
  }

  /** A broker on free ports in a fresh directory: for tests. */
  public static KafkaBroker onFreePorts(Path dataDir) {
    return new KafkaBroker(dataDir, 0, 0);
  }

  public String bootstrapServers() {
    return LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker's log directory: a directory per topic partition. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** Formats the storage when it is new, then starts the broker and returns once it serves. */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    ensurePortFree(port, "Kafka client");
    ensurePortFree(controllerPort, "Kafka controller");
    Files.createDirectories(dataDir);
    Path logs = logDir();
    Path config = dataDir.resolve("server.properties");
    Properties props = serverProperties(logs);
    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      props.store(w, "FinPulse embedded broker: written at every start");
    }
    boolean crashed = false;
    if (!Files.exists(logs.resolve("meta.properties"))) {
      format(config);
    } else if (!Files.exists(logs.resolve(CLEAN_SHUTDOWN_FILE))) {
      crashed = true;
      LOG.info(
          "Kafka broker: the last run did not stop cleanly; recovering its logs, and the"
              + " controller keeps the last run's registration until its {} s session ends",
          SESSION_TIMEOUT.toSeconds());
    }
    long started = System.nanoTime();
    KafkaRaftServer raft = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    Thread progress =
        Thread.ofPlatform()
            .name("kafka-start-progress")
            .daemon()
            .start(() -> reportProgress(started));
    try {
      raft.startup();
    } finally {
      progress.interrupt();
    }
    server = raft;
    LOG.info(
        "Kafka broker up on {} in {} ms (data in {})",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        dataDir);
    if (crashed) {
      abortHangingTransactions();
    }
  }

  /**
   * After a crash: ends the transactions the restart left hanging (see {@link
   * HangingTransactions}), before any client of this run starts. A failure here is logged and
   * start-up goes on: the broker serves either way.
   */
  private void abortHangingTransactions() {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      HangingTransactions.abortAll(client, HANGING_SETTLE, HANGING_TIMEOUT);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn(
          "Kafka broker: could not check for transactions the crash left hanging ({}); a consumer"
              + " that then waits for its committed offsets needs `kafka-transactions.sh"
              + " find-hanging` and `abort`",
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Says every few seconds that the broker is still starting, until {@code startup} returns. */
  private static void reportProgress(long started) {
    try {
      while (true) {
        Thread.sleep(PROGRESS_EVERY.toMillis());
        LOG.info(
            "Kafka broker still starting ({} s): loading its logs and registering with its"
                + " controller",
            Duration.ofNanos(System.nanoTime() - started).toSeconds());
      }
    } catch (InterruptedException e) {
      // started (or failed): nothing more to report
    }
  }

  private Properties serverProperties(Path logs) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put(
        "listeners",
        "PLAINTEXT://"
            + LOOPBACK
            + ":"
            + port
            + ",CONTROLLER://"
            + LOOPBACK
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
    p.put("log.dirs", logs.toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // After a kill -9 the controller, restarted with the broker, still holds the old broker
    // registration and refuses the new one until that registration's session expires (9 s by
    // default; Kafka has no other way to retire an unfenced registration). One node, in one
    // process: a shorter session loses nothing; 5 s (heartbeats every second) still rides out a
    // busy machine's pauses. 3 s (every 500 ms) did not: on 2 cores at load 20 the controller
    // fenced the new registration while the broker recovered its logs, and that recovery outlasted
    // the wait anyway.
    p.put("broker.heartbeat.interval.ms", "1000");
    p.put("broker.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
    // Topics are created by the services with the partitions and retention they need.
    p.put("auto.create.topics.enable", "false");
    // The default 128 MiB dedupe buffer would dominate the heap of a single-node local run.
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.partitions", "1");
    p.put("log.retention.check.interval.ms", "60000");
    return p;
  }

  private static void format(Path config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
              ps);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed (rc "
              + rc
              + "): "
              + out.toString(StandardCharsets.UTF_8));
    }
  }

  private static void ensurePortFree(int port, String what) throws IOException {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new IOException(
          what
              + " port "
              + LOOPBACK
              + ":"
              + port
              + " is already in use. Is another FinPulse or Kafka running? Stop it, or point"
              + " KAFKA_BOOTSTRAP_SERVERS at it to use it instead.",
          e);
    }
  }

  /** A port free on loopback now (another process may take it before it is bound). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on loopback", e);
    }
  }

  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    long started = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info(
        "Kafka broker stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
