package com.finpulse.ingest.fetch;

import com.finpulse.ingest.config.HttpSettings;
import com.finpulse.ingest.config.PolitenessSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one URL politely: robots.txt first, a slot from the {@link HostGate}, conditional GET,
 * redirects followed by hand (each hop checked against robots.txt and counted, loops detected),
 * gzip/deflate undone, the body capped, and 429/503 turned into a host back-off that honours
 * Retry-After. Never throws for anything the network or the server does: every outcome is a {@link
 * FetchOutcome}.
 */
public final class HttpFetcher implements AutoCloseable {

  private static final Pattern CHARSET =
      Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

  /** Error bodies are not needed: only this much of them is read before the stream is dropped. */
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpSettings http;
  private final PolitenessSettings politeness;
  private final HostGate gate;
  private final RobotsRules robots;
  private final Clock clock;
  private final HttpClient client;

  public HttpFetcher(HttpSettings http, PolitenessSettings politeness, HostGate gate, Clock clock) {
    this.http = http;
    this.politeness = politeness;
    this.gate = gate;
    this.clock = clock;
    this.robots =
        new RobotsRules(
            http.userAgent(), politeness.robotsCacheTtl(), politeness.backoffInitial(), clock);
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(http.connectTimeout())
            .build();
  }

  public HostGate gate() {
    return gate;
  }

  public RobotsRules robots() {
    return robots;
  }

  /** The User-Agent every request sends ({@code http.user_agent}). */
  public String userAgent() {
    return http.userAgent();
  }

  /**
   * @param accept the Accept header (feeds and pages ask for different types)
   * @param validators from the last successful fetch of {@code uri}, or null
   */
  public FetchOutcome fetch(URI uri, String accept, @Nullable Validators validators)
      throws InterruptedException {
    long started = System.nanoTime();
    if (!isHttp(uri)) {
      return FetchOutcome.Failed.of(uri, FailureKind.HTTP, "not an absolute http(s) URL: " + uri);
    }
    URI current = uri;
    Set<URI> visited = new HashSet<>();
    for (int hop = 0; ; hop++) {
      if (!visited.add(current)) {
        return FetchOutcome.Failed.of(
            uri, FailureKind.REDIRECT, "redirect loop at " + current + " after " + hop + " hops");
      }
      if (politeness.obeyRobots()) {
        RobotsRules.Verdict verdict = robots.check(current, this::fetchRobotsTxt);
        switch (verdict) {
          case RobotsRules.Disallowed d -> {
            return FetchOutcome.Failed.of(
                uri, FailureKind.ROBOTS, current + " is disallowed by " + d.robotsUrl());
          }
          case RobotsRules.Unavailable u -> {
            return new FetchOutcome.Deferred(uri, u.until(), u.reason());
          }
          case RobotsRules.Allowed a -> gate.crawlDelay(host(current), a.crawlDelay());
        }
      }
      Optional<Instant> blocked = gate.blockedUntil(host(current));
      if (blocked.isPresent()) {
        return new FetchOutcome.Deferred(
            uri, blocked.get(), host(current) + " asked us to wait (429/503 earlier)");
      }
      Response r;
      try (HostGate.Permit permit = gate.acquire(host(current))) {
        r = send(current, accept, validators);
      }
      if (r.failure != null) {
        return r.failure.uri().equals(uri)
            ? r.failure
            : new FetchOutcome.Failed(
                uri,
                r.failure.kind(),
                r.failure.message(),
                r.failure.status(),
                r.failure.retryAfter());
      }
      int status = r.response.statusCode();
      Duration latency = Duration.ofNanos(System.nanoTime() - started);
      if (REDIRECTS.contains(status)) {
        Optional<String> location = r.response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return new FetchOutcome.Failed(
              uri, FailureKind.REDIRECT, "HTTP " + status + " without a Location", status, null);
        }
        if (hop >= http.maxRedirects()) {
          return new FetchOutcome.Failed(
              uri,
              FailureKind.REDIRECT,
              "more than " + http.maxRedirects() + " redirects (last to " + location.get() + ")",
              status,
              null);
        }
        try {
          current = current.resolve(location.get().trim().replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
          return new FetchOutcome.Failed(
              uri, FailureKind.REDIRECT, "bad Location '" + location.get() + "'", status, null);
        }
        if (!isHttp(current)) {
          return new FetchOutcome.Failed(
              uri, FailureKind.REDIRECT, "redirect to a non-http URL " + current, status, null);
        }
        continue;
      }
      if (status == 304) {
        gate.succeeded(host(current));
        return new FetchOutcome.NotModified(uri, latency);
      }
      if (status == 429 || status == 503) {
        Duration retryAfter =
            r.response
                .headers()
                .firstValue("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, clock.instant()))
                .orElse(null);
        Duration wait = gate.backOff(host(current), retryAfter);
        return new FetchOutcome.Failed(
            uri,
            FailureKind.HTTP,
            "HTTP "
                + status
                + (retryAfter != null ? " (Retry-After " + retryAfter.toSeconds() + "s)" : "")
                + "; "
                + host(current)
                + " left alone for "
                + wait.toSeconds()
                + "s",
            status,
            wait);
      }
      if (status < 200 || status >= 300) {
        return new FetchOutcome.Failed(uri, FailureKind.HTTP, "HTTP " + status, status, null);
      }
      gate.succeeded(host(current));
      HttpHeaders headers = r.response.headers();
      byte[] body;
      try {
        body =
            ContentDecoding.decode(
                r.response.body(),
                headers.firstValue("Content-Encoding").orElse(null),
                http.maxBodySize().bytes());
      } catch (CappedBody.TooLargeException e) {
        return new FetchOutcome.Failed(
            uri, FailureKind.TOO_LARGE, "decompressed " + e.getMessage(), status, null);
      } catch (IOException e) {
        return new FetchOutcome.Failed(
            uri, FailureKind.HTTP, "cannot decode the body: " + e.getMessage(), status, null);
      }
      String contentType = headers.firstValue("Content-Type").orElse(null);
      return new FetchOutcome.Fetched(
          uri,
          current,
          status,
          body,
          contentType,
          charsetOf(contentType),
          new Validators(
              headers.firstValue("ETag").orElse(null),
              headers.firstValue("Last-Modified").orElse(null)),
          latency);
    }
  }

  private record Response(HttpResponse<byte[]> response, FetchOutcome.Failed failure) {}

  private Response send(URI uri, String accept, @Nullable Validators validators)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(http.requestTimeout())
            .header("User-Agent", http.userAgent())
            .header("Accept", accept)
            .header("Accept-Encoding", "gzip, deflate");
    if (uri.getScheme().equalsIgnoreCase("http")) {
      // No h2c upgrade dance on plain http.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    if (validators != null) {
      if (validators.etag() != null) {
        b.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        b.header("If-Modified-Since", validators.lastModified());
      }
    }
    long cap = http.maxBodySize().bytes();
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(
            b.build(),
            info -> {
              boolean ok = info.statusCode() >= 200 && info.statusCode() < 300;
              long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
              if (ok && declared > cap) {
                return new CappedBody(0, false);
              }
              return new CappedBody(cap, !ok);
            });
    try {
      // The request timeout covers the headers; this bounds the body as well.
      return new Response(
          future.get(http.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS), null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failed(
          uri,
          FailureKind.TIMEOUT,
          "no complete response within " + http.requestTimeout().toSeconds() + "s");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CappedBody.TooLargeException tl) {
        return failed(uri, FailureKind.TOO_LARGE, tl.getMessage());
      }
      if (cause instanceof HttpConnectTimeoutException) {
        return failed(
            uri,
            FailureKind.TIMEOUT,
            "connect timed out after " + http.connectTimeout().toSeconds() + "s");
      }
      if (cause instanceof HttpTimeoutException) {
        return failed(
            uri,
            FailureKind.TIMEOUT,
            "no response within " + http.requestTimeout().toSeconds() + "s");
      }
      if (cause instanceof ConnectException) {
        return failed(uri, FailureKind.NETWORK, "connection refused or unreachable");
      }
      return failed(uri, FailureKind.NETWORK, describe(cause));
    } catch (RuntimeException e) {
      return failed(uri, FailureKind.NETWORK, describe(e));
    }
  }

  private static Response failed(URI uri, FailureKind kind, String message) {
    return new Response(null, FetchOutcome.Failed.of(uri, kind, message));
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** robots.txt itself: redirects followed, no robots check, no politeness wait skipped. */
  private FetchOutcome fetchRobotsTxt(URI robotsUri) {
    URI current = robotsUri;
    try {
      for (int hop = 0; hop <= 5; hop++) {
        Response r;
        try (HostGate.Permit permit = gate.acquire(host(current))) {
          r = send(current, "text/plain, */*;q=0.1", null);
        }
        if (r.failure != null) {
          return r.failure;
        }
        int status = r.response.statusCode();
        if (REDIRECTS.contains(status)) {
          Optional<String> location = r.response.headers().firstValue("Location");
          if (location.isEmpty()) {
            return new FetchOutcome.Failed(
                robotsUri, FailureKind.HTTP, "redirect without Location", 404, null);
          }
          current = current.resolve(location.get().trim());
          continue;
        }
        if (status < 200 || status >= 300) {
          return new FetchOutcome.Failed(
              robotsUri, FailureKind.HTTP, "HTTP " + status, status, null);
        }
        byte[] body =
            ContentDecoding.decode(
                r.response.body(),
                r.response.headers().firstValue("Content-Encoding").orElse(null),
                http.maxBodySize().bytes());
        return new FetchOutcome.Fetched(
            robotsUri,
            current,
            status,
            body,
            r.response.headers().firstValue("Content-Type").orElse(null),
            null,
            new Validators(null, null),
            Duration.ZERO);
      }
      // RFC 9309: more than five redirects means no robots.txt.
      return new FetchOutcome.Failed(
          robotsUri, FailureKind.REDIRECT, "too many redirects", 404, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FetchOutcome.Failed.of(robotsUri, FailureKind.NETWORK, "interrupted");
    } catch (IOException e) {
      return FetchOutcome.Failed.of(robotsUri, FailureKind.NETWORK, describe(e));
    }
  }

  static String host(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  static boolean isHttp(URI uri) {
    String s = uri.getScheme();
    return s != null
        && (s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))
        && uri.getHost() != null;
  }

  static @Nullable Charset charsetOf(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET.matcher(contentType);
    if (!m.find()) {
      return null;
    }
    try {
      return Charset.forName(m.group(1).trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
