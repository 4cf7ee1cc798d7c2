package com.finpulse.embedded.junit;

import com.finpulse.embedded.InfluxdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code influxd} on 127.0.0.1 with free ports and a temp directory, one per test class.
 *
 * <p>When the binary is missing the tests are skipped with a loud message, unless influxd is
 * required, in which case they fail: under CI (the environment variable {@code CI} is {@code true},
 * as GitHub Actions, GitLab CI and most others set it) or when the system property {@value
 * #REQUIRE_PROPERTY} is true ({@code ./finpulse test} sets it after installing influxd).
 */
public final class InfluxdExtension implements BeforeAllCallback, AfterAllCallback {

  public static final String REQUIRE_PROPERTY = "finpulse.require.influxd";

  private Path dir;
  private InfluxdServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (InfluxdServer.findBinary().isEmpty()) {
      String message =
          "\n*** influxd is not installed: SKIPPING "
              + context.getDisplayName()
              + ". Install it with: "
              + InfluxdServer.INSTALL_HINT
              + " ***\n";
      if (required(System.getenv("CI"), Boolean.getBoolean(REQUIRE_PROPERTY))) {
        throw new IllegalStateException(message);
      }
      System.err.println(message);
      Assumptions.abort(message);
    }
    dir = Files.createTempDirectory("finpulse-influxd-test");
    server = InfluxdServer.onFreePorts(dir);
    server.start(Duration.ofSeconds(30));
  }

  /**
   * Whether a missing influxd fails the tests instead of skipping them ({@code ciVariable} may be
   * null).
   */
  static boolean required(String ciVariable, boolean requireProperty) {
    return requireProperty || "true".equalsIgnoreCase(ciVariable == null ? "" : ciVariable.strip());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
    }
    TempDirs.deleteRecursively(dir);
  }

  public String url() {
    return server.url();
  }

  public InfluxdServer server() {
    return server;
  }

  /** Stops influxd, keeping its data and port: for server-down tests. */
  public void stop() {
    server.close();
  }

  /** Starts influxd again on the same port with the same data. */
  public void restart() throws IOException, InterruptedException {
    server.start(Duration.ofSeconds(30));
  }
}
