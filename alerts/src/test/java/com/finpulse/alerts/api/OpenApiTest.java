package com.finpulse.alerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-kept OpenAPI description cannot drift from the routes the server registers. */
class OpenApiTest {

  @TempDir Path dir;

  @Test
  void describesExactlyTheRegisteredRoutesAndWhichNeedNoCredentials() throws Exception {
    AlertsConfig config = AlertsConfig.load(new ConfigLoader(Map.of()), null);
    SubscriptionRegistry registry = new SubscriptionRegistry(config.detection());
    try (ApiServer server =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "test-token-0123456789abcdef",
            new ApiServer.Backends(
                registry,
                new ApiSubscriptionStore(dir, registry, url -> null),
                () -> new SubscriptionFileWatcher.Status("none", null, 0, null),
                new SilenceStore(dir),
                new AlertBook(10),
                n -> {},
                new OutcomeWaiters()),
            Clock.systemUTC())) {
      server.start();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.address().getPort()
                                  + "/api/v1/openapi.json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode doc = new ObjectMapper().readTree(r.body());
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      assertThat(doc.get("servers").get(0).get("url").asText()).isEqualTo(Routes.PREFIX);

      Set<String> described = new TreeSet<>();
      Set<String> describedPublic = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
          paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            ops.hasNext(); ) {
          Map.Entry<String, JsonNode> op = ops.next();
          String key = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
          described.add(key);
          JsonNode security = op.getValue().get("security");
          if (security != null && security.isEmpty()) {
            describedPublic.add(key);
          }
        }
      }
      Set<String> registered = new TreeSet<>();
      Set<String> registeredPublic = new TreeSet<>();
      for (Route route : server.routes()) {
        String key = route.method().name() + " " + route.path();
        registered.add(key);
        if (route.access() == Access.PUBLIC) {
          registeredPublic.add(key);
        }
      }
      assertThat(described).isEqualTo(registered);
      assertThat(describedPublic).isEqualTo(registeredPublic);
    }
  }
}
