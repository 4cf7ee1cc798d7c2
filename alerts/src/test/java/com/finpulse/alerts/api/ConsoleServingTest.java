package com.finpulse.alerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.config.ConfigLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files come from the jar on both listeners, with the strict headers. */
class ConsoleServingTest {

  private static final String TOKEN = "console-token-0123456789abcdef";

  @TempDir Path dir;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
    SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    server =
        new ApiServer(
            loopback,
            loopback,
            TOKEN,
            new ApiServer.Backends(
                registry,
                new ApiSubscriptionStore(dir, registry, url -> null),
                () -> new SubscriptionFileWatcher.Status("none", null, 0, null),
                new SilenceStore(dir),
                new AlertBook(10),
                n -> {},
                new OutcomeWaiters()),
            Clock.systemUTC(),
            ApiServer.Limits.DEFAULT);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bothListenersServeThePagesAndUplotWithAStrictPolicy() throws Exception {
    int console = server.consoleAddress().getPort();
    assertThat(console).isNotEqualTo(server.address().getPort());
    for (int port : new int[] {console, server.address().getPort()}) {
      HttpResponse<String> page = get(port, "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<script type=\"module\" src=\"/js/app.js\">");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValue(ConsoleAssets.CONTENT_SECURITY_POLICY);
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
    HttpResponse<String> uplot = get(console, "/vendor/uplot/uPlot.esm.js");
    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(uplot.body()).contains("export");
    assertThat(get(console, "/vendor/uplot/package.json").statusCode()).isEqualTo(404);
    HttpResponse<String> js = get(console, "/js/pages/overview.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).doesNotContain("innerHTML");
  }

  @Test
  void aSubscriptionAddedThroughTheApiIsChangedWithTheChecksOfTheYamlFile() throws Exception {
    int port = server.address().getPort();
    String base = "http://127.0.0.1:" + port + "/api/v1/subscriptions";
    String desk =
        "{\"name\":\"desk\",\"topics\":[\"Financials\"],\"channels\":{\"email\":[\"a@example.com\"]}}";
    assertThat(send("POST", base, desk).statusCode()).isEqualTo(201);
    HttpResponse<String> changed =
        send(
            "PUT",
            base + "/desk",
            "{\"name\":\"desk\",\"topics\":[\"Energy | Oil\"],"
                + "\"channels\":{\"email\":[\"a@example.com\"]}}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("Energy | Oil").doesNotContain("Financials");
    HttpResponse<String> refused =
        send("PUT", base + "/desk", "{\"name\":\"desk\",\"topics\":[\"Financials\"]}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("subscription not changed", "channels: needs at least one e-mail address");
    assertThat(send("PUT", base + "/desk", desk.replace("\"desk\"", "\"other\"")).statusCode())
        .isEqualTo(400);
    assertThat(send("PUT", base + "/nobody", desk.replace("\"desk\"", "\"nobody\"")).statusCode())
        .isEqualTo(404);
  }

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readEndpointsNeedCredentialsAndInfluxDb() throws Exception {
    int console = server.consoleAddress().getPort();
    assertThat(get(console, "/api/v1/trends").statusCode()).isEqualTo(401);
    assertThat(get(console, "/api/v1/events").statusCode()).isEqualTo(401);
    HttpResponse<String> off = get(console, "/api/v1/articles", "Authorization", "Bearer " + TOKEN);
    assertThat(off.statusCode()).isEqualTo(503);
    assertThat(off.body()).contains("history.influx");
    HttpResponse<String> bad =
        get(console, "/api/v1/trends?window=2m", "Authorization", "Bearer " + TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("window must be 1m or 5m or 1h");
  }
}
