package com.finpulse.alerts.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.notify.Dispatcher;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.route.Silence;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.AlertStatus;
import com.finpulse.common.event.NotificationKind;
import com.finpulse.common.event.NotificationOutcome;
import com.finpulse.common.serde.JsonCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API on the JDK's HttpServer, JSON in and out (snake_case), every route behind {@code
 * Authorization: Bearer <token>} except {@code GET /api/v1/health}.
 *
 * <pre>
 * GET    /api/v1/health
 * GET    /api/v1/subscriptions                 both sources; webhooks redacted
 * POST   /api/v1/subscriptions                 add (persisted in the state directory)
 * DELETE /api/v1/subscriptions/{name}          remove one added through the API
 * POST   /api/v1/subscriptions/{name}/test     send a test notification to each target, wait
 * GET    /api/v1/silences
 * POST   /api/v1/silences                      matchers + created_by + comment + ends_at|duration
 * DELETE /api/v1/silences/{id}                 expire now
 * GET    /api/v1/alerts?state=open|recent&amp;limit=N
 * GET    /api/v1/notifications?limit=N         recent delivery outcomes
 * </pre>
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String PREFIX = "/api/v1/";
  private static final Pattern SUBSCRIPTION = Pattern.compile("subscriptions/([^/]+)");
  private static final Pattern SUBSCRIPTION_TEST = Pattern.compile("subscriptions/([^/]+)/test");
  private static final Pattern SILENCE = Pattern.compile("silences/([^/]+)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)");
  private static final int MAX_BODY = 256 * 1024;
  private static final Duration TEST_WAIT = Duration.ofSeconds(20);

  /** What the API works on. */
  public record Backends(
      SubscriptionRegistry registry,
      ApiSubscriptionStore apiSubscriptions,
      java.util.function.Supplier<SubscriptionFileWatcher.Status> fileStatusNow,
      SilenceStore silences,
      AlertBook book,
      Dispatcher dispatcher,
      OutcomeWaiters waiters) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] token;
  private final Backends backends;
  private final Clock clock;
  private final ObjectMapper json = JsonCodec.mapper();
  private final ObjectMapper strict =
      JsonCodec.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ApiServer(InetSocketAddress bind, String token, Backends backends, Clock clock)
      throws IOException {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.backends = backends;
    this.clock = clock;
    this.server = HttpServer.create(bind, 0);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "alerts-api");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/api/", this::handle);
  }

  public void start() {
    server.start();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      if (!path.startsWith(PREFIX)) {
        throw new ApiException(404, "unknown path; the API lives under " + PREFIX);
      }
      String route = path.substring(PREFIX.length());
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      if (route.equals("health") && method.equals("GET")) {
        send(ex, 200, Map.of("status", "ok"));
        return;
      }
      authorize(ex);
      Object body = dispatch(ex, method, route);
      if (body == null) {
        ex.sendResponseHeaders(204, -1);
      } else if (body instanceof Created c) {
        send(ex, 201, c.body());
      } else {
        send(ex, 200, body);
      }
    } catch (ApiException e) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", e.getMessage());
      if (!e.problems.isEmpty()) {
        err.put("problems", e.problems);
      }
      if (e.status == 401) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"finpulse-alerts\"");
      }
      send(ex, e.status, err);
    } catch (RuntimeException e) {
      LOG.error("API {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      send(ex, 500, Map.of("error", "internal error; see the service log"));
    } finally {
      ex.close();
    }
  }

  private record Created(Object body) {}

  private Object dispatch(HttpExchange ex, String method, String route) throws IOException {
    Matcher m;
    switch (method + " " + route) {
      case "GET subscriptions" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
            "subscriptions",
            backends.registry().entries().stream().map(SubscriptionView::of).toList());
        out.put("file", backends.fileStatusNow().get());
        return out;
      }
      case "POST subscriptions" -> {
        Subscription s = read(ex, Subscription.class);
        List<String> problems = backends.apiSubscriptions().add(s);
        if (!problems.isEmpty()) {
          boolean exists = problems.stream().anyMatch(p -> p.endsWith("exists already"));
          throw new ApiException(exists ? 409 : 400, "subscription not added", problems);
        }
        LOG.info("Subscription {} added through the API", s.name());
        return new Created(SubscriptionView.of(backends.registry().find(s.name()).orElseThrow()));
      }
      case "GET silences" -> {
        return Map.of("silences", backends.silences().list(clock.instant()));
      }
      case "POST silences" -> {
        return new Created(addSilence(read(ex, SilenceRequest.class)));
      }
      case "GET alerts" -> {
        Map<String, String> q = query(ex);
        int limit = limit(q);
        String state = q.getOrDefault("state", "open");
        return switch (state) {
          case "open" -> Map.of("alerts", backends.book().open());
          case "recent" -> Map.of("alerts", backends.book().recent(limit));
          default -> throw new ApiException(400, "state must be open or recent");
        };
      }
      case "GET notifications" -> {
        return Map.of("notifications", backends.book().recentOutcomes(limit(query(ex))));
      }
      default -> {
        // parameterised routes below
      }
    }
    if (method.equals("POST") && (m = SUBSCRIPTION_TEST.matcher(route)).matches()) {
      return testNotification(decode(m.group(1)));
    }
    if (method.equals("DELETE") && (m = SUBSCRIPTION.matcher(route)).matches()) {
      String name = decode(m.group(1));
      var entry = backends.registry().find(name);
      if (entry.isEmpty()) {
        throw new ApiException(404, "no subscription named '" + name + "'");
      }
      if (entry.get().source() == SubscriptionRegistry.Source.FILE) {
        throw new ApiException(
            409, "'" + name + "' is defined in subscriptions.yml; remove it there");
      }
      backends.apiSubscriptions().remove(name);
      LOG.info("Subscription {} removed through the API", name);
      return null;
    }
    if (method.equals("DELETE") && (m = SILENCE.matcher(route)).matches()) {
      if (!backends.silences().expire(decode(m.group(1)), clock.instant())) {
        throw new ApiException(404, "no active or pending silence with that id");
      }
      return null;
    }
    throw new ApiException(404, "no route " + method + " " + PREFIX + route);
  }

  private Silence addSilence(SilenceRequest r) {
    Instant now = clock.instant();
    Instant start = r.startsAt() == null ? now : r.startsAt();
    Instant end = r.endsAt();
    if (end == null && r.duration() != null) {
      end = start.plus(duration(r.duration()));
    }
    if (end == null) {
      throw new ApiException(400, "give ends_at or duration");
    }
    Silence draft =
        new Silence(
            "",
            r.keyKind(),
            r.key(),
            r.window(),
            r.subscription(),
            r.createdBy() == null ? "" : r.createdBy(),
            r.comment() == null ? "" : r.comment(),
            start,
            end);
    Validation v = Validation.root();
    draft.validate(v);
    if (!v.problems().isEmpty()) {
      throw new ApiException(
          400,
          "silence not added",
          v.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }
    Silence s = backends.silences().add(draft);
    LOG.info("Silence {} added by {} until {}: {}", s.id(), s.createdBy(), s.endsAt(), s.comment());
    return s;
  }

  private Object testNotification(String name) {
    Subscription s =
        backends
            .registry()
            .find(name)
            .orElseThrow(() -> new ApiException(404, "no subscription named '" + name + "'"))
            .subscription();
    List<Target> targets = new ArrayList<>();
    s.channels().email().forEach(a -> targets.add(new Target.Email(a)));
    s.channels().webhooks().forEach(w -> targets.add(new Target.Webhook(w)));
    Map<String, CompletableFuture<NotificationOutcome>> waiting = new LinkedHashMap<>();
    for (Target t : targets) {
      String id = UUID.randomUUID().toString().replace("-", "");
      waiting.put(t.key(), backends.waiters().expect(id));
      backends
          .dispatcher()
          .submit(
              new Notification(
                  id,
                  NotificationKind.TEST,
                  s.name(),
                  t,
                  null,
                  AlertStatus.RESOLVED,
                  List.of(),
                  null,
                  clock.instant()));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    long deadline = System.nanoTime() + TEST_WAIT.toNanos();
    for (Map.Entry<String, CompletableFuture<NotificationOutcome>> e : waiting.entrySet()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("target", e.getKey());
      try {
        NotificationOutcome o =
            e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        r.put("outcome", o.outcome().label());
        r.put("attempts", o.attempts());
        if (o.httpStatus() != null) {
          r.put("http_status", o.httpStatus());
        }
        if (o.error() != null) {
          r.put("error", o.error());
        }
      } catch (TimeoutException te) {
        r.put("outcome", "pending");
        r.put("error", "not delivered within " + TEST_WAIT.toSeconds() + " s; still retrying");
      } catch (Exception ie) {
        r.put("outcome", "unknown");
        r.put("error", ie.toString());
      }
      results.add(r);
    }
    return Map.of("subscription", s.name(), "results", results);
  }

  private void authorize(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(401, "send Authorization: Bearer <token>");
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(401, "wrong bearer token");
    }
  }

  private <T> T read(HttpExchange ex, Class<T> type) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new ApiException(413, "request body over " + MAX_BODY + " bytes");
    }
    try {
      T value = strict.readValue(body, type);
      if (value == null) {
        throw new ApiException(400, "expected a JSON object");
      }
      return value;
    } catch (JsonMappingException e) {
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("(root)");
      String msg = e.getOriginalMessage();
      int cut = msg.indexOf('\n');
      throw new ApiException(
          400, "invalid JSON at " + at + ": " + (cut > 0 ? msg.substring(0, cut) : msg));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiException(400, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static int limit(Map<String, String> q) {
    try {
      int n = Integer.parseInt(q.getOrDefault("limit", "50"));
      if (n < 1 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "limit must be a whole number in [1, 1000]");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static Duration duration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new ApiException(
          400, "duration: expected e.g. 90m, 2h, 1d or PT2H, got '" + text + "'");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
