package com.finpulse.alerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.notify.Backoff;
import com.finpulse.alerts.notify.DeliveryQueue;
import com.finpulse.alerts.notify.DeliveryResult;
import com.finpulse.alerts.notify.IntentJournal;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.Channels;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {

  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final AlertBook book = new AlertBook(100);
  private SubscriptionRegistry registry;
  private DeliveryQueue queue;
  private ApiServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
    registry = new SubscriptionRegistry(config.detection());
    registry.replaceFile(
        List.of(
            new Subscription(
                "file-desk",
                List.of("banking"),
                List.of(),
                false,
                List.of(),
                null,
                null,
                null,
                new Channels(List.of("desk@example.com"), List.of()),
                null)),
        "subscriptions.yml");
    ApiSubscriptionStore store = new ApiSubscriptionStore(dir, registry, url -> null);
    OutcomeWaiters waiters = new OutcomeWaiters();
    queue =
        new DeliveryQueue(
            Map.of(
                NotificationChannel.EMAIL,
                (n, attempt) -> {
                  sent.add(n);
                  return DeliveryResult.delivered(null);
                },
                NotificationChannel.WEBHOOK,
                (n, attempt) -> DeliveryResult.permanent(404, "HTTP 404 (not retried)")),
            Map.of(NotificationChannel.EMAIL, 3, NotificationChannel.WEBHOOK, 3),
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
                store,
                () ->
                    new SubscriptionFileWatcher.Status("subscriptions.yml", Instant.now(), 1, null),
                new SilenceStore(dir),
                book,
                queue,
                waiters),
            Clock.systemUTC());
    server.start();
    base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1/");
  }

  @AfterEach
  void stop() {
    server.close();
    queue.close();
  }

  private HttpResponse<String> call(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return call(method, path, body, TOKEN);
  }

  @Test
  void everyRouteButHealthWantsTheBearerToken() throws Exception {
    assertThat(call("GET", "health", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> none = call("GET", "subscriptions", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(call("GET", "subscriptions", null, "wrong-token-0123456789").statusCode())
        .isEqualTo(401);
    assertThat(call("GET", "nothing-here", null).statusCode()).isEqualTo(404);
  }

  @Test
  void subscriptionsAreListedAddedAndRemovedWithSecretsNeverShown() throws Exception {
    String body =
        """
        {"name": "api-desk", "tickers": ["acme"], "min_severity": "critical",
         "thresholds": {"warning_z": 3.5, "min_articles": {"5m": 4}},
         "quiet_hours": {"from": "22:00", "to": "06:30", "time_zone": "Europe/Paris"},
         "channels": {"webhooks": [{"url": "https://hooks.example.com/services/T/B/TOKEN123", "secret": "api-secret-0123456789", "format": "slack"}]}}
        """;
    HttpResponse<String> created = call("POST", "subscriptions", body);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("api-secret").doesNotContain("TOKEN123");

    JsonNode list = JSON.readTree(call("GET", "subscriptions", null).body());
    assertThat(list.get("subscriptions")).hasSize(2);
    JsonNode api = list.get("subscriptions").get(1);
    assertThat(api.get("name").asText()).isEqualTo("api-desk");
    assertThat(api.get("source").asText()).isEqualTo("api");
    assertThat(api.get("tickers").get(0).asText()).isEqualTo("ACME");
    assertThat(api.get("webhooks").get(0).get("target").asText())
        .startsWith("https://hooks.example.com#");
    assertThat(api.get("webhooks").get(0).get("signed").asBoolean()).isTrue();
    assertThat(list.toString()).doesNotContain("api-secret").doesNotContain("TOKEN123");
    assertThat(registry.find("api-desk").orElseThrow().profile().warningZ()).isEqualTo(3.5);

    assertThat(call("POST", "subscriptions", body).statusCode()).isEqualTo(409);
    HttpResponse<String> bad =
        call(
            "POST",
            "subscriptions",
            "{\"name\": \"x\", \"topics\": [\"Macro\"], \"channels\": {\"email\": [\"nope\"]}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("problems").get(0).asText())
        .startsWith("channels.email[0]:");
    HttpResponse<String> typo =
        call("POST", "subscriptions", "{\"name\": \"x\", \"topicz\": [\"a\"]}");
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body()).contains("topicz");

    assertThat(call("DELETE", "subscriptions/file-desk", null).statusCode()).isEqualTo(409);
    assertThat(call("DELETE", "subscriptions/api-desk", null).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "subscriptions/api-desk", null).statusCode()).isEqualTo(404);
    assertThat(registry.names()).containsExactly("file-desk");
  }

  @Test
  void silencesAreAddedListedAndExpired() throws Exception {
    HttpResponse<String> created =
        call(
            "POST",
            "silences",
            "{\"key_kind\": \"topic\", \"key\": \"banking\", \"created_by\": \"ops\", \"comment\": \"earnings day\", \"duration\": \"2h\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode s = JSON.readTree(created.body());
    String id = s.get("id").asText();
    assertThat(
            Duration.between(
                Instant.parse(s.get("starts_at").asText()),
                Instant.parse(s.get("ends_at").asText())))
        .isEqualTo(Duration.ofHours(2));
    assertThat(call("GET", "silences", null).body()).contains(id);
    assertThat(
            call(
                    "POST",
                    "silences",
                    "{\"created_by\": \"ops\", \"comment\": \"all\", \"duration\": \"1h\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "silences",
                    "{\"key\": \"x\", \"created_by\": \"ops\", \"comment\": \"c\", \"duration\": \"soon\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(call("DELETE", "silences/" + id, null).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "silences/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void openAndRecentAlertsAreListed() throws Exception {
    var a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, Instant.now());
    var b =
        TestAlerts.firing(
            KeyKind.TOPIC, "energy", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, Instant.now());
    book.apply(a);
    book.apply(b);
    book.apply(TestAlerts.resolved(b, Instant.now()));
    JsonNode open = JSON.readTree(call("GET", "alerts?state=open", null).body());
    assertThat(open.get("alerts")).hasSize(1);
    assertThat(open.get("alerts").get(0).get("id").asText()).isEqualTo(a.id());
    JsonNode recent = JSON.readTree(call("GET", "alerts?state=recent&limit=2", null).body());
    assertThat(recent.get("alerts")).hasSize(2);
    assertThat(recent.get("alerts").get(0).get("status").asText()).isEqualTo("resolved");
    assertThat(call("GET", "alerts?state=closed", null).statusCode()).isEqualTo(400);
  }

  @Test
  void testNotificationGoesToEveryTargetAndReportsTheOutcomes() throws Exception {
    call(
        "POST",
        "subscriptions",
        "{\"name\": \"both\", \"topics\": [\"Financials\"], \"channels\": {\"email\": [\"a@example.com\"],"
            + " \"webhooks\": [{\"url\": \"https://hooks.example.com/x\", \"secret\": \"0123456789abcdefgh\"}]}}");
    HttpResponse<String> r = call("POST", "subscriptions/both/test", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = JSON.readTree(r.body()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("target").asText()).isEqualTo("a@example.com");
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("delivered");
    assertThat(results.get(1).get("outcome").asText()).isEqualTo("dead_letter");
    assertThat(results.get(1).get("http_status").asInt()).isEqualTo(404);
    assertThat(sent)
        .singleElement()
        .satisfies(n -> assertThat(n.kind()).isEqualTo(NotificationKind.TEST));
    assertThat(call("POST", "subscriptions/nobody/test", null).statusCode()).isEqualTo(404);
  }
}
