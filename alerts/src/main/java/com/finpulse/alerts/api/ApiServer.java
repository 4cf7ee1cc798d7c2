package com.finpulse.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.finpulse.alerts.api.auth.Authenticator;
import com.finpulse.alerts.api.auth.Sessions;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.notify.Dispatcher;
import com.finpulse.alerts.notify.OutcomeWaiters;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.serde.JsonCodec;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JsonMapper;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API on Javalin (Jetty), JSON in and out (snake_case). One resource class per resource;
 * every route needs the bearer token or a signed-in session (see {@link Authenticator}) except
 * {@code GET /api/v1/health}, {@code GET /api/v1/openapi.json} and {@code POST /api/v1/session}.
 * Every error, also 401/403/404/405/413 and Jetty's own, is {@code {"error": ...}} JSON without
 * Java class names or stack traces.
 *
 * <pre>
 * GET    /api/v1/health
 * GET    /api/v1/openapi.json                  the OpenAPI 3 description
 * POST   /api/v1/session                       {"token"}: session cookie + csrf_token
 * GET    /api/v1/session                       the session's csrf_token again
 * DELETE /api/v1/session                       sign out
 * GET    /api/v1/subscriptions                 both sources; webhooks redacted
 * POST   /api/v1/subscriptions                 add (persisted in the state directory)
 * DELETE /api/v1/subscriptions/{name}          remove one added through the API
 * POST   /api/v1/subscriptions/{name}/test     a test notification to each target, bounded wait
 * GET    /api/v1/silences
 * POST   /api/v1/silences                      matchers + created_by + comment + ends_at|duration
 * DELETE /api/v1/silences/{id}                 expire now
 * PUT    /api/v1/subscriptions/{name}          change one added through the API
 * GET    /api/v1/alerts?state=open|recent&amp;limit=N&amp;key_kind=K&amp;key=X
 * GET    /api/v1/notifications?limit=N         recent delivery outcomes
 * GET    /api/v1/trends?key_kind&amp;key&amp;window&amp;range   trend points from InfluxDB
 * GET    /api/v1/articles?topic&amp;ticker&amp;sentiment&amp;source&amp;q&amp;range|from,to&amp;order
 * GET    /api/v1/trends/baseline?key_kind&amp;key&amp;window&amp;range   the detector's baseline over time
 * POST   /api/v1/feedback                      an analyst's correction of the model
 * GET    /api/v1/feedback?limit=N              corrections, newest first, with agreement stats
 * GET    /api/v1/feedback/export.csv           every correction with its text, for training
 * GET    /api/v1/review?range&amp;limit         the articles most worth a look (active learning)
 * GET    /api/v1/events                        server-sent events: alerts, trends
 * </pre>
 *
 * <p>The analyst console is served by the same server at {@code /} (files from the jar, see {@link
 * ConsoleAssets}); with a console address the server listens there too, and both addresses serve
 * both, so the page calls the API on its own origin.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** What the API works on. */
  public record Backends(
      SubscriptionRegistry registry,
      ApiSubscriptionStore apiSubscriptions,
      Supplier<SubscriptionFileWatcher.Status> fileStatusNow,
      SilenceStore silences,
      AlertBook book,
      Dispatcher dispatcher,
      OutcomeWaiters waiters,
      HistoryReads history,
      ModelLoop loop) {

    /**
     * Without InfluxDB and corrections: {@code /trends}, {@code /articles}, {@code /feedback} and
     * {@code /review} answer 503.
     */
    public Backends(
        SubscriptionRegistry registry,
        ApiSubscriptionStore apiSubscriptions,
        Supplier<SubscriptionFileWatcher.Status> fileStatusNow,
        SilenceStore silences,
        AlertBook book,
        Dispatcher dispatcher,
        OutcomeWaiters waiters) {
      this(
          registry,
          apiSubscriptions,
          fileStatusNow,
          silences,
          book,
          dispatcher,
          waiters,
          HistoryReads.NONE,
          ModelLoop.NONE);
    }
  }

  /**
   * @param maxBodyBytes larger request bodies get 413
   * @param testWait how long a test notification's answer waits for the outcomes
   * @param threads Jetty's request threads (none is held while a test notification waits)
   */
  public record Limits(int maxBodyBytes, Duration testWait, int threads) {
    public static final Limits DEFAULT = new Limits(256 * 1024, Duration.ofSeconds(20), 16);
  }

  private final Javalin app;
  private final InetSocketAddress bind;
  private final @Nullable InetSocketAddress consoleBind;
  private final List<Route> routes;
  private final EventsResource events;
  private @Nullable ServerConnector apiConnector;
  private @Nullable ServerConnector consoleConnector;

  public ApiServer(InetSocketAddress bind, String token, Backends backends, Clock clock) {
    this(bind, null, token, backends, clock, Limits.DEFAULT);
  }

  public ApiServer(
      InetSocketAddress bind, String token, Backends backends, Clock clock, Limits limits) {
    this(bind, null, token, backends, clock, limits);
  }

  /**
   * @param consoleBind a second address to listen on (the console's), or null
   */
  public ApiServer(
      InetSocketAddress bind,
      @Nullable InetSocketAddress consoleBind,
      String token,
      Backends backends,
      Clock clock,
      Limits limits) {
    this.bind = bind;
    this.consoleBind = consoleBind;
    this.events = new EventsResource(backends.book());
    Requests requests = new Requests(limits.maxBodyBytes());
    Sessions sessions = new Sessions(clock);
    Authenticator auth = new Authenticator(token, sessions);
    List<ApiResource> resources =
        List.of(
            new HealthResource(),
            new OpenApiResource(),
            new SessionResource(auth, sessions, requests),
            new SubscriptionsResource(
                backends.registry(),
                backends.apiSubscriptions(),
                backends.fileStatusNow(),
                new TestSends(backends.dispatcher(), backends.waiters(), clock, limits.testWait()),
                requests),
            new SilencesResource(backends.silences(), requests, clock),
            new AlertsResource(backends.book()),
            new NotificationsResource(backends.book()),
            new TrendsResource(backends.history(), clock),
            new BaselineResource(
                backends.history(), backends.book(), backends.registry().detection(), clock),
            new ArticlesResource(backends.history(), clock),
            new FeedbackResource(backends.history(), backends.loop(), auth, requests, clock),
            new ReviewResource(backends.history(), backends.loop(), backends.book(), clock),
            new ModelsResource(backends.loop(), auth, requests),
            events);
    Routes[] registered = new Routes[1];
    this.app =
        Javalin.create(
            config -> {
              configure(config, bind, limits);
              ConsoleAssets.register(config);
              if (consoleBind != null) {
                // With a connector of its own, Javalin adds none: both listeners are declared.
                config.jetty.addConnector(
                    (server, http) -> apiConnector = connector(server, http, bind));
                config.jetty.addConnector(
                    (server, http) -> consoleConnector = connector(server, http, consoleBind));
              }
              config.routes.before(ctx -> guardSize(ctx, requests));
              config.routes.beforeMatched(auth::check);
              config.routes.exception(ApiException.class, ApiServer::answer);
              config.routes.exception(HttpResponseException.class, ApiServer::answer);
              config.routes.exception(Exception.class, ApiServer::answerInternal);
              registered[0] = new Routes(config.routes);
              resources.forEach(r -> r.register(registered[0]));
            });
    this.routes = registered[0].registered();
  }

  private static void configure(JavalinConfig config, InetSocketAddress bind, Limits limits) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jetty.host = hostOf(bind);
    config.jetty.port = bind.getPort();
    QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), 2);
    pool.setName("alerts-api");
    pool.setDaemon(true);
    config.jetty.threadPool = pool;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    config.http.maxRequestSize = limits.maxBodyBytes();
    config.http.prefer405over404 = true;
    config.router.ignoreTrailingSlashes = false;
    config.jsonMapper(new Json());
  }

  /** The address itself, not a name: "localhost" could bind ::1 where 127.0.0.1 was meant. */
  private static String hostOf(InetSocketAddress address) {
    return address.getAddress() != null
        ? address.getAddress().getHostAddress()
        : address.getHostString();
  }

  private static ServerConnector connector(
      Server server, HttpConfiguration http, InetSocketAddress address) {
    ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
    c.setHost(hostOf(address));
    c.setPort(address.getPort());
    return c;
  }

  public void start() {
    app.start();
  }

  /** Where it listens (the port chosen when bound to port 0). */
  public InetSocketAddress address() {
    return new InetSocketAddress(
        bind.getAddress(), apiConnector != null ? apiConnector.getLocalPort() : app.port());
  }

  /** Where the console's own listener is (after start), or null when there is none. */
  public @Nullable InetSocketAddress consoleAddress() {
    return consoleConnector == null || consoleBind == null
        ? null
        : new InetSocketAddress(consoleBind.getAddress(), consoleConnector.getLocalPort());
  }

  /** Every route, for the check of the OpenAPI description. */
  public List<Route> routes() {
    return routes;
  }

  /** A declared body over the limit is refused before anything reads it, token or not. */
  private static void guardSize(Context ctx, Requests requests) {
    ctx.header("Cache-Control", "no-store");
    ConsoleAssets.HEADERS.forEach(ctx::header);
    if (ctx.contentLength() > requests.maxBody()) {
      throw requests.tooLarge();
    }
  }

  private static void answer(ApiException e, Context ctx) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("error", e.getMessage());
    if (!e.problems().isEmpty()) {
      err.put("problems", e.problems());
    }
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"finpulse-alerts\"");
    }
    ctx.status(e.status()).json(err);
  }

  /** Javalin's own refusals (no route, wrong method, body too large) in the API's words. */
  private static void answer(HttpResponseException e, Context ctx) {
    String message =
        switch (e.getStatus()) {
          case 404 -> "no route " + ctx.method() + " " + ctx.path();
          case 405 ->
              "method " + ctx.method() + " not allowed on " + ctx.path() + allowed(e.getDetails());
          case 413 -> "request body too large";
          default -> "request refused: " + e.getStatus();
        };
    if (e.getStatus() == 405 && e.getDetails().containsKey("availableMethods")) {
      ctx.header("Allow", e.getDetails().get("availableMethods").replaceAll("[\\[\\]]", ""));
    }
    ctx.status(e.getStatus()).json(Map.of("error", message));
  }

  private static String allowed(Map<String, String> details) {
    String methods = details.get("availableMethods");
    return methods == null ? "" : "; allowed: " + methods.replaceAll("[\\[\\]]", "");
  }

  private static void answerInternal(Exception e, Context ctx) {
    LOG.error("API {} {} failed", ctx.method(), ctx.path(), e);
    ctx.status(500).json(Map.of("error", "internal error; see the service log"));
  }

  @Override
  public void close() {
    events.close();
    app.stop();
  }

  /** Jackson as the rest of FinPulse configures it; answers pretty-printed. */
  private static final class Json implements JsonMapper {

    private final ObjectMapper mapper = JsonCodec.mapper();
    private final ObjectWriter writer = mapper.writerWithDefaultPrettyPrinter();

    @Override
    public String toJsonString(Object obj, Type type) {
      try {
        return writer.writeValueAsString(obj);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
      try {
        return mapper.readValue(json, mapper.constructType(targetType));
      } catch (JsonProcessingException e) {
        throw new ApiException(400, "not valid JSON");
      }
    }
  }
}
