package com.finpulse.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real InfluxDB 1.x server: Debian's {@code influxd} run as a child process with our own config,
 * HTTP and RPC bound to 127.0.0.1, data, meta and WAL under {@code dataDir}.
 *
 * <p>The child's PID is written to {@code influxd.pid}; a start finding a live influxd from a run
 * that died without stopping it ends that process first, so no orphan survives a crash for long.
 */
public final class InfluxdServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxdServer.class);
  private static final List<Path> KNOWN_LOCATIONS =
      List.of(
          Path.of("/usr/bin/influxd"),
          Path.of("/usr/local/bin/influxd"),
          Path.of("/usr/sbin/influxd"));

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /** The command that installs the server on Debian and Ubuntu. */
  public static final String INSTALL_HINT =
      "sudo apt-get update && sudo apt-get install -y --no-install-recommends influxdb";

  private final Path dataDir;
  private final int httpPort;
  private final int rpcPort;
  private Process process;

  public InfluxdServer(Path dataDir, int httpPort, int rpcPort) {
    this.dataDir = dataDir;
    this.httpPort = httpPort == 0 ? KafkaBroker.freePort() : httpPort;
    this.rpcPort = rpcPort == 0 ? KafkaBroker.freePort() : rpcPort;
  }

  public static InfluxdServer onFreePorts(Path dataDir) {
    return new InfluxdServer(dataDir, 0, 0);
  }

  /** The influxd binary on PATH or in the usual places, if installed. */
  public static Optional<Path> findBinary() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir).resolve("influxd");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return KNOWN_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** PID of the running child, or -1. */
  public long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  public synchronized void start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    Path binary =
        findBinary()
            .orElseThrow(
                () ->
                    new IOException(
                        "influxd is not installed. Install it with: "
                            + INSTALL_HINT
                            + "  (or set INFLUX_URL to use a running InfluxDB 1.x/2.x/3.x)"));
    Files.createDirectories(dataDir);
    stopStale();
    ensurePortFree(httpPort);
    ensurePortFree(rpcPort);
    Path config = dataDir.resolve("influxdb.conf");
    Files.writeString(config, configText(), StandardCharsets.UTF_8);
    Path log = dataDir.resolve("influxd.log");
    long started = System.nanoTime();
    List<String> command = new java.util.ArrayList<>();
    // Its own session: Ctrl-C in a terminal signals the whole foreground process group, and
    // influxd must outlive the services that still flush to it during the orderly shutdown.
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.addAll(List.of(binary.toString(), "-config", config.toString()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Files.writeString(dataDir.resolve("influxd.pid"), Long.toString(process.pid()));
    waitForPing(timeout, log);
    LOG.info(
        "influxd up on {} (pid {}) in {} ms (data in {})",
        url(),
        process.pid(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        dataDir);
  }

  private String configText() {
    String dir = dataDir.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    return """
        # Written by FinPulse at every start: loopback only, state under %1$s
        reporting-enabled = false
        bind-address = "127.0.0.1:%3$d"
        [meta]
          dir = "%1$s/meta"
        [data]
          dir = "%1$s/data"
          wal-dir = "%1$s/wal"
          query-log-enabled = false
        [monitor]
          store-enabled = false
        [http]
          enabled = true
          bind-address = "127.0.0.1:%2$d"
          auth-enabled = false
          log-enabled = false
          pprof-enabled = false
        [continuous_queries]
          enabled = false
        """
        .formatted(dir, httpPort, rpcPort);
  }

  private void waitForPing(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "influxd exited with code "
                + process.exitValue()
                + " at start; see "
                + log
                + ":\n"
                + tail(log));
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IOException(
        "influxd did not answer /ping within " + timeout.toSeconds() + " s; see " + log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Ends an influxd left running by an earlier run that died without stopping it. */
  private void stopStale() throws IOException {
    Path pidFile = dataDir.resolve("influxd.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Optional<ProcessHandle> stale = ProcessHandle.of(pid);
      if (stale.isPresent()
          && stale.get().isAlive()
          && stale.get().info().command().map(c -> c.endsWith("influxd")).orElse(false)) {
        LOG.warn("Stopping influxd (pid {}) left running by an earlier run", pid);
        stale.get().destroy();
        stale.get().onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (NumberFormatException e) {
      // unreadable pid file: nothing to stop
    } catch (Exception e) {
      LOG.warn("Could not stop the stale influxd: {}", e.toString());
    }
    Files.deleteIfExists(pidFile);
  }

  private static void ensurePortFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new IOException(
          "InfluxDB port 127.0.0.1:"
              + port
              + " is already in use. Is another influxd running? Stop it, or set INFLUX_URL to use it.",
          e);
    }
  }

  /** Stops the server: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    long started = System.nanoTime();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        LOG.warn("influxd (pid {}) did not stop within 10 s; killing it", process.pid());
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(dataDir.resolve("influxd.pid"));
    } catch (IOException e) {
      // best effort: a stale pid file is checked against the live process at the next start
    }
    LOG.info("influxd stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    process = null;
  }

  /** Stops the process without waiting (for crash tests: simulates the server going away). */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      process = null;
    }
  }
}
