package com.finpulse.alerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.notify.Backoff;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.DeliveryResult;
import com.finpulse.alerts.notify.IntentJournal;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.notify.webhook.AlertmanagerPayload;
import com.finpulse.alerts.notify.webhook.NetworkRange;
import com.finpulse.alerts.notify.webhook.SlackPayload;
import com.finpulse.alerts.notify.webhook.TargetGuard;
import com.finpulse.alerts.notify.webhook.WebhookChannel;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.testing.WebhookReceiver;
import com.finpulse.common.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** What an attacker of the API tries, and the console's sign-in. */
class ApiSecurityTest {

  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "0123456789abcdefgh";

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final WebhookReceiver receiver;
  private DeliveryQueue queue;
  private ApiServer server;
  private URI base;

  ApiSecurityTest() throws Exception {
    receiver = new WebhookReceiver();
  }

  /**
   * @param allowed {@code delivery.allowed_private_networks}
   */
  private void start(ApiServer.Limits limits, List<NetworkRange> allowed) throws Exception {
    AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
    SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
    TargetGuard guard =
        new TargetGuard(
            allowed,
            host -> {
              if (host.equals("hooks.example.com")) {
                return new InetAddress[] {InetAddress.getByName("93.184.215.14")};
              }
              return InetAddress.getAllByName(host);
            });
    OutcomeWaiters waiters = new OutcomeWaiters();
    queue =
        new DeliveryQueue(
            Map.of(
                NotificationChannel.EMAIL,
                (n, attempt) -> DeliveryResult.delivered(null),
                NotificationChannel.WEBHOOK,
                new WebhookChannel(
                    guard,
                    new AlertmanagerPayload(config.grafana()),
                    new SlackPayload(config.grafana()),
                    Duration.ofSeconds(10),
                    Clock.systemUTC())),
            Map.of(NotificationChannel.EMAIL, 1, NotificationChannel.WEBHOOK, 1),
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)),
            2,
            (n, attempt) -> IntentJournal.Permit.SEND,
            waiters,
            Clock.systemUTC(),
            new SimpleMeterRegistry());
    server =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TOKEN,
            new ApiServer.Backends(
                registry,
                new ApiSubscriptionStore(dir, registry, guard),
                () -> new SubscriptionFileWatcher.Status("none", null, 0, null),
                new SilenceStore(dir),
                new AlertBook(100),
                queue,
                waiters),
            Clock.systemUTC(),
            limits);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1/");
  }

  /** As shipped: no private network allowed. */
  private void start() throws Exception {
    start(ApiServer.Limits.DEFAULT, List.of());
  }

  /** The test webhook receiver listens on 127.0.0.1: allowed, as an operator would. */
  private void startAllowingTheReceiver(ApiServer.Limits limits) throws Exception {
    start(limits, List.of(NetworkRange.parse("127.0.0.1/32")));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      queue.close();
    }
    receiver.close();
  }

  private HttpRequest.Builder request(String method, String path, String body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return send(request(method, path, body).header("Authorization", "Bearer " + TOKEN));
  }

  private static void assertJsonError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
    assertThat(r.body())
        .doesNotContain("com.finpulse")
        .doesNotContain("java.")
        .doesNotContain("jackson")
        .doesNotContain("io.javalin")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void everyRefusalIsAClearJsonErrorWithoutJavaClassNames() throws Exception {
    start();
    assertJsonError(send(request("GET", "alerts", null)), 401);
    assertJsonError(
        send(request("GET", "alerts", null).header("Authorization", "Basic eDp5")), 401);
    assertJsonError(call("GET", "nothing-here", null), 404);
    HttpResponse<String> wrongMethod = call("PUT", "alerts", "{}");
    assertJsonError(wrongMethod, 405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    assertJsonError(call("POST", "silences", "{\"key_kind\": \"planet\"}"), 400);
    assertThat(call("POST", "silences", "{\"key_kind\": \"planet\"}").body())
        .contains("key_kind")
        .contains("topic, ticker, market");
    assertJsonError(call("POST", "silences", "{\"starts_at\": \"yesterday\"}"), 400);
    assertJsonError(call("POST", "silences", "{\"key\": [1, 2]}"), 400);
    assertJsonError(call("POST", "silences", "{not json"), 400);
    assertJsonError(call("POST", "subscriptions", "{\"name\": \"x\", \"windows\": [\"2m\"]}"), 400);
    assertJsonError(call("GET", "alerts?limit=-1", null), 400);
    // Jetty's own refusal of a malformed request is JSON too.
    String jetty =
        raw("GET /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", null);
    assertThat(jetty).startsWith("HTTP/1.1 400").contains("application/json").contains("\"error\"");
    assertThat(jetty).doesNotContain("Exception").doesNotContain("org.eclipse");
  }

  @Test
  void bodiesOverTheLimitGet413WhetherDeclaredOrStreamed() throws Exception {
    start();
    byte[] sixMegabytes = new byte[6 * 1024 * 1024];
    java.util.Arrays.fill(sixMegabytes, (byte) ' ');
    String auth = "Authorization: Bearer " + TOKEN + "\r\n";
    // As curl sends a large body: Expect: 100-continue, so the refusal comes before the body.
    String expecting =
        raw(
            "POST /api/v1/silences HTTP/1.1\r\nHost: x\r\n"
                + auth
                + "Content-Type: application/json\r\nContent-Length: "
                + sixMegabytes.length
                + "\r\nExpect: 100-continue\r\n\r\n",
            null);
    assertThat(expecting).startsWith("HTTP/1.1 413").contains("request body over");
    // The body sent at once, declared, and streamed in chunks without a length.
    String declared =
        raw(
            "POST /api/v1/silences HTTP/1.1\r\nHost: x\r\n"
                + auth
                + "Content-Length: "
                + sixMegabytes.length
                + "\r\n\r\n",
            sixMegabytes);
    assertThat(declared).startsWith("HTTP/1.1 413").contains("request body over");
    String chunked =
        raw(
            "POST /api/v1/silences HTTP/1.1\r\nHost: x\r\n"
                + auth
                + "Transfer-Encoding: chunked\r\n\r\n",
            chunked(sixMegabytes));
    assertThat(chunked).startsWith("HTTP/1.1 413").contains("request body over");
    assertThat(chunked).doesNotContain("Exception");
    assertThat(call("GET", "health", null).statusCode()).isEqualTo(200);
  }

  private static byte[] chunked(byte[] body) {
    var out = new java.io.ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 65536) {
      int n = Math.min(65536, body.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /**
   * One exchange on a raw connection, as a client that does not stop sending when refused: writes
   * {@code head} and, from another thread, {@code body}; returns what the server answered.
   */
  private String raw(String head, byte[] body) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      if (body != null) {
                        out.write(body);
                        out.flush();
                      }
                    } catch (IOException e) {
                      // the server refused and closed: expected
                    }
                  });
      InputStream in = socket.getInputStream();
      var answer = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          answer.write(buf, 0, n);
          String text = answer.toString(StandardCharsets.UTF_8);
          int headEnd = text.indexOf("\r\n\r\n");
          if (headEnd > 0 && text.indexOf('}', headEnd) > 0) {
            break;
          }
        }
      } catch (IOException e) {
        // reset after the answer
      }
      writer.join(10_000);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.2/x",
        "http://localhost/x",
        "http://[::1]/x",
        "http://2130706433/x",
        "http://0x7f000001/x",
        "http://017700000001/x",
        "http://0177.0.0.1/x",
        "http://127.1/x",
        "http://0.0.0.0/x",
        "http://0/x",
        "http://10.0.0.1/x",
        "http://[::ffff:169.254.169.254]/x"
      })
  void webhooksTheGuardWouldRefuseAreRefusedWhenTheSubscriptionIsAdded(String url)
      throws Exception {
    start();
    HttpResponse<String> r =
        call(
            "POST",
            "subscriptions",
            "{\"name\": \"probe\", \"topics\": [\"*\"], \"channels\": {\"webhooks\": [{\"url\": \""
                + url
                + "\", \"secret\": \""
                + SECRET
                + "\"}]}}");
    assertJsonError(r, 400);
    assertThat(JSON.readTree(r.body()).get("problems"))
        .anySatisfy(
            p ->
                assertThat(p.asText())
                    .startsWith("channels.webhooks[0].url: ")
                    .contains("SSRF guard"));
    assertThat(call("GET", "subscriptions", null).body()).doesNotContain("probe");
  }

  @Test
  void publicAndExplicitlyAllowedWebhooksAreAccepted() throws Exception {
    startAllowingTheReceiver(ApiServer.Limits.DEFAULT);
    for (String url : List.of("https://hooks.example.com/x", receiver.url("/ok"))) {
      String name = "ok" + url.length();
      assertThat(
              call(
                      "POST",
                      "subscriptions",
                      "{\"name\": \""
                          + name
                          + "\", \"topics\": [\"*\"], \"channels\": {\"webhooks\": [{\"url\": \""
                          + url
                          + "\", \"secret\": \""
                          + SECRET
                          + "\"}]}}")
                  .statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void silenceTextCannotForgeALogLine() throws Exception {
    start();
    Logger log = (Logger) LoggerFactory.getLogger(SilencesResource.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      HttpResponse<String> r =
          call(
              "POST",
              "silences",
              "{\"key\": \"banking\", \"created_by\": \"x\\u001b[31m\\nFAKE LOG LINE\","
                  + " \"comment\": \"c\\r\\nERROR forged\", \"duration\": \"1h\"}");
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(lines.list).hasSize(1);
      String line = lines.list.get(0).getFormattedMessage();
      assertThat(line)
          .doesNotContain("\n")
          .doesNotContain("\r")
          .doesNotContain("\u001b")
          .contains("x\\u001b[31m\\nFAKE LOG LINE")
          .contains("c\\r\\nERROR forged");
    } finally {
      log.detachAppender(lines);
    }
  }

  @Test
  void durationsAreReadAsInYamlAndOverlongOnesAre400() throws Exception {
    start();
    HttpResponse<String> ms =
        call(
            "POST",
            "silences",
            "{\"key\": \"x\", \"created_by\": \"ops\", \"comment\": \"c\", \"duration\": \"250ms\"}");
    assertThat(ms.statusCode()).as(ms.body()).isEqualTo(201);
    JsonNode s = JSON.readTree(ms.body());
    assertThat(
            Duration.between(
                Instant.parse(s.get("starts_at").asText()),
                Instant.parse(s.get("ends_at").asText())))
        .isEqualTo(Duration.ofMillis(250));
    for (String d : List.of("99999999999999d", "99999999999999999999d", "1h30x")) {
      HttpResponse<String> r =
          call(
              "POST",
              "silences",
              "{\"key\": \"x\", \"created_by\": \"ops\", \"comment\": \"c\", \"duration\": \""
                  + d
                  + "\"}");
      assertJsonError(r, 400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("duration: ");
    }
  }

  @Test
  void theConsoleSignsInOnceAndNeedsTheCsrfTokenToChangeState() throws Exception {
    start();
    assertJsonError(
        send(request("POST", "session", "{\"token\": \"wrong-token-0123456789\"}")), 401);
    HttpResponse<String> login = send(request("POST", "session", "{\"token\": \"" + TOKEN + "\"}"));
    assertThat(login.statusCode()).isEqualTo(201);
    assertThat(login.body()).doesNotContain(TOKEN);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("finpulse_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .doesNotContain("Max-Age")
        .doesNotContain(TOKEN);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = JSON.readTree(login.body()).get("csrf_token").asText();
    assertThat(csrf).hasSizeGreaterThanOrEqualTo(40);

    assertThat(send(request("GET", "alerts", null).header("Cookie", cookie)).statusCode())
        .isEqualTo(200);
    String silence =
        "{\"key\": \"x\", \"created_by\": \"ops\", \"comment\": \"c\", \"duration\": \"1h\"}";
    HttpResponse<String> forged =
        send(request("POST", "silences", silence).header("Cookie", cookie));
    assertJsonError(forged, 403);
    assertThat(forged.body()).contains("X-CSRF-Token");
    assertJsonError(
        send(
            request("POST", "silences", silence)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf + "x")),
        403);
    assertThat(
            send(request("POST", "silences", silence)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf))
                .statusCode())
        .isEqualTo(201);
    assertThat(call("POST", "silences", silence).statusCode()).isEqualTo(201);
    HttpResponse<String> again = send(request("GET", "session", null).header("Cookie", cookie));
    assertThat(JSON.readTree(again.body()).get("csrf_token").asText()).isEqualTo(csrf);

    assertJsonError(send(request("DELETE", "session", null).header("Cookie", cookie)), 403);
    assertThat(
            send(request("DELETE", "session", null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf))
                .statusCode())
        .isEqualTo(204);
    assertJsonError(send(request("GET", "alerts", null).header("Cookie", cookie)), 401);
  }

  @Test
  void slowWebhooksNeverBlockTheApi() throws Exception {
    startAllowingTheReceiver(ApiServer.Limits.DEFAULT);
    receiver.answerAfter(Duration.ofMillis(1500));
    assertThat(
            call(
                    "POST",
                    "subscriptions",
                    "{\"name\": \"slow\", \"topics\": [\"*\"], \"channels\": {\"webhooks\": [{\"url\": \""
                        + receiver.url("/slow")
                        + "\", \"secret\": \""
                        + SECRET
                        + "\"}]}}")
                .statusCode())
        .isEqualTo(201);
    List<CompletableFuture<HttpResponse<String>>> tests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tests.add(
          http.sendAsync(
              request("POST", "subscriptions/slow/test", null)
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(receiver.next(5000)).isNotNull();
    long started = System.nanoTime();
    HttpResponse<String> health = call("GET", "health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(call("GET", "subscriptions", null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(tests).noneMatch(CompletableFuture::isDone);
    for (CompletableFuture<HttpResponse<String>> t : tests) {
      HttpResponse<String> r = t.get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("results").get(0).get("outcome").asText())
          .isEqualTo("delivered");
    }
  }

  @Test
  void moreSlowTestSendsThanRequestThreadsStillLeaveTheApiAnswering() throws Exception {
    ApiServer.Limits limits = new ApiServer.Limits(256 * 1024, Duration.ofSeconds(1), 16);
    startAllowingTheReceiver(limits);
    receiver.answerAfter(Duration.ofSeconds(5));
    call(
        "POST",
        "subscriptions",
        "{\"name\": \"slow\", \"topics\": [\"*\"], \"channels\": {\"webhooks\": [{\"url\": \""
            + receiver.url("/slow")
            + "\", \"secret\": \""
            + SECRET
            + "\"}]}}");
    List<CompletableFuture<HttpResponse<String>>> tests = new ArrayList<>();
    for (int i = 0; i < 2 * limits.threads(); i++) {
      tests.add(
          http.sendAsync(
              request("POST", "subscriptions/slow/test", null)
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(receiver.next(5000)).isNotNull();
    long started = System.nanoTime();
    assertThat(call("GET", "health", null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    for (CompletableFuture<HttpResponse<String>> t : tests) {
      HttpResponse<String> r = t.get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode result = JSON.readTree(r.body()).get("results").get(0);
      assertThat(result.get("outcome").asText()).isEqualTo("pending");
      assertThat(result.get("error").asText()).contains("still retrying");
    }
  }
}
