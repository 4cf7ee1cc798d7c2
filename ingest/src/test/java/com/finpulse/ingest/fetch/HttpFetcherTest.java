package com.finpulse.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.ingest.config.ByteSize;
import com.finpulse.ingest.config.HttpSettings;
import com.finpulse.ingest.testing.LoopbackServer;
import com.finpulse.ingest.testing.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Politeness and robustness of fetching, against a real HTTP server on loopback. */
class HttpFetcherTest {

  static final String FEED = "application/rss+xml";
  LoopbackServer server;
  HttpFetcher fetcher;

  @BeforeEach
  void setUp() {
    server = new LoopbackServer();
    fetcher = fetcher(TestSettings.http());
  }

  HttpFetcher fetcher(HttpSettings http) {
    return new HttpFetcher(
        http,
        TestSettings.politeness(),
        new HostGate(TestSettings.politeness(), Clock.systemUTC()),
        Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    server.close();
  }

  FetchOutcome get(String path) throws InterruptedException {
    return fetcher.fetch(server.uri(path), "*/*", null);
  }

  @Test
  void robotsTxtDisallowIsHonoured() throws Exception {
    server.serve(
        "/robots.txt",
        "text/plain",
        "User-agent: *\nDisallow: /private/\n\nUser-agent: FinPulse\nDisallow: /no-finpulse/\nDisallow: /private/\n"
            .getBytes(StandardCharsets.UTF_8));
    server.serve("/private/feed.xml", FEED, "<rss/>".getBytes());
    server.serve("/no-finpulse/feed.xml", FEED, "<rss/>".getBytes());
    server.serve("/public/feed.xml", FEED, "<rss/>".getBytes());

    FetchOutcome denied = get("/private/feed.xml");
    assertThat(denied).isInstanceOf(FetchOutcome.Failed.class);
    assertThat(((FetchOutcome.Failed) denied).kind()).isEqualTo(FailureKind.ROBOTS);
    assertThat(get("/no-finpulse/feed.xml"))
        .as("the group for our product token applies")
        .isInstanceOf(FetchOutcome.Failed.class);
    assertThat(get("/public/feed.xml")).isInstanceOf(FetchOutcome.Fetched.class);
    assertThat(server.requests("/private/feed.xml")).as("never requested").isEmpty();
    assertThat(server.requests("/no-finpulse/feed.xml")).isEmpty();
    assertThat(server.requests("/robots.txt")).as("robots.txt cached").hasSize(1);
    assertThat(server.requests("/public/feed.xml").get(0).header("User-Agent"))
        .isEqualTo(TestSettings.USER_AGENT);
  }

  @Test
  void robotsTxtServerErrorDefersTheHost() throws Exception {
    server.on("/robots.txt", ex -> LoopbackServer.send(ex, 503, "text/plain", "busy"));
    server.serve("/feed.xml", FEED, "<rss/>".getBytes());
    FetchOutcome o = get("/feed.xml");
    assertThat(o).isInstanceOf(FetchOutcome.Deferred.class);
    assertThat(server.requests("/feed.xml")).isEmpty();
  }

  @Test
  void tooManyRequestsHonoursRetryAfter() throws Exception {
    AtomicLong calls = new AtomicLong();
    server.on(
        "/feed.xml",
        ex -> {
          if (calls.incrementAndGet() == 1) {
            ex.getResponseHeaders().set("Retry-After", "2");
            LoopbackServer.send(ex, 429, "text/plain", "slow down");
          } else {
            LoopbackServer.send(ex, 200, FEED, "<rss/>");
          }
        });
    FetchOutcome first = get("/feed.xml");
    assertThat(first).isInstanceOf(FetchOutcome.Failed.class);
    FetchOutcome.Failed failed = (FetchOutcome.Failed) first;
    assertThat(failed.status()).isEqualTo(429);
    assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(2));

    FetchOutcome during = get("/feed.xml");
    assertThat(during).isInstanceOf(FetchOutcome.Deferred.class);
    assertThat(((FetchOutcome.Deferred) during).until())
        .isBetween(Instant.now().plusMillis(500), Instant.now().plusSeconds(3));
    assertThat(calls.get()).as("no request while the host asked us to wait").isEqualTo(1);

    Thread.sleep(2100);
    assertThat(get("/feed.xml")).isInstanceOf(FetchOutcome.Fetched.class);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void serviceUnavailableWithoutRetryAfterBacksOffExponentially() throws Exception {
    server.on("/feed.xml", ex -> LoopbackServer.send(ex, 503, "text/plain", "down"));
    FetchOutcome.Failed f = (FetchOutcome.Failed) get("/feed.xml");
    assertThat(f.retryAfter()).isEqualTo(TestSettings.politeness().backoffInitial());
    assertThat(fetcher.gate().blockedUntil("127.0.0.1")).isPresent();
  }

  @Test
  void conditionalGetGives304() throws Exception {
    server.on(
        "/feed.xml",
        ex -> {
          String inm = ex.getRequestHeaders().getFirst("If-None-Match");
          String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
          if ("\"v1\"".equals(inm) || "Wed, 21 Oct 2015 07:28:00 GMT".equals(ims)) {
            LoopbackServer.send(ex, 304, null, new byte[0]);
            return;
          }
          ex.getResponseHeaders().set("ETag", "\"v1\"");
          ex.getResponseHeaders().set("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
          LoopbackServer.send(ex, 200, FEED, "<rss/>");
        });
    FetchOutcome.Fetched first = (FetchOutcome.Fetched) get("/feed.xml");
    assertThat(first.validators())
        .isEqualTo(new Validators("\"v1\"", "Wed, 21 Oct 2015 07:28:00 GMT"));
    FetchOutcome second = fetcher.fetch(server.uri("/feed.xml"), "*/*", first.validators());
    assertThat(second).isInstanceOf(FetchOutcome.NotModified.class);
    assertThat(server.requests("/feed.xml").get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    FetchOutcome lmOnly =
        fetcher.fetch(
            server.uri("/feed.xml"), "*/*", new Validators(null, "Wed, 21 Oct 2015 07:28:00 GMT"));
    assertThat(lmOnly).isInstanceOf(FetchOutcome.NotModified.class);
  }

  @Test
  void redirectsAreFollowedAndLoopsStopped() throws Exception {
    server.on("/a", ex -> redirect(ex, 301, "/b"));
    server.on("/b", ex -> redirect(ex, 302, server.base() + "/c"));
    server.serve("/c", FEED, "<rss/>".getBytes());
    FetchOutcome.Fetched ok = (FetchOutcome.Fetched) get("/a");
    assertThat(ok.finalUri()).isEqualTo(server.uri("/c"));
    assertThat(ok.uri()).isEqualTo(server.uri("/a"));

    server.on("/x", ex -> redirect(ex, 302, "/y"));
    server.on("/y", ex -> redirect(ex, 307, "/x"));
    FetchOutcome.Failed loop = (FetchOutcome.Failed) get("/x");
    assertThat(loop.kind()).isEqualTo(FailureKind.REDIRECT);
    assertThat(loop.message()).contains("redirect loop");
    assertThat(server.requests("/x")).hasSize(1);

    for (int i = 0; i < 8; i++) {
      int next = i + 1;
      server.on("/chain" + i, ex -> redirect(ex, 302, "/chain" + next));
    }
    FetchOutcome.Failed chain = (FetchOutcome.Failed) get("/chain0");
    assertThat(chain.kind()).isEqualTo(FailureKind.REDIRECT);
    assertThat(chain.message()).contains("more than 5 redirects");

    server.on("/nowhere", ex -> redirect(ex, 302, "ftp://example.com/file"));
    assertThat(((FetchOutcome.Failed) get("/nowhere")).kind()).isEqualTo(FailureKind.REDIRECT);
  }

  @Test
  void redirectTargetsAreCheckedAgainstRobotsTxt() throws Exception {
    server.serve("/robots.txt", "text/plain", "User-agent: *\nDisallow: /secret\n".getBytes());
    server.on("/open", ex -> redirect(ex, 302, "/secret/page"));
    server.serve("/secret/page", "text/html", "<p>x</p>".getBytes());
    assertThat(((FetchOutcome.Failed) get("/open")).kind()).isEqualTo(FailureKind.ROBOTS);
    assertThat(server.requests("/secret/page")).isEmpty();
  }

  @Test
  void fiftyMegabytePageIsAbandonedAtTheCap() throws Exception {
    AtomicLong written = new AtomicLong();
    int size = 50 * 1024 * 1024;
    server.on(
        "/huge-chunked",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
          streamZeros(ex.getResponseBody(), size, written);
        });
    server.on(
        "/huge-declared",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, size);
          streamZeros(ex.getResponseBody(), size, new AtomicLong());
        });
    long t = System.nanoTime();
    FetchOutcome.Failed chunked = (FetchOutcome.Failed) get("/huge-chunked");
    assertThat(chunked.kind()).isEqualTo(FailureKind.TOO_LARGE);
    FetchOutcome.Failed declared = (FetchOutcome.Failed) get("/huge-declared");
    assertThat(declared.kind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(10));
    Thread.sleep(300);
    assertThat(written.get()).as("the transfer was cut, not read to the end").isLessThan(size);
  }

  @Test
  void gzipIsUndoneAndAGzipBombCapped() throws Exception {
    byte[] feed =
        "<rss><channel><title>Zipped</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
    server.on(
        "/gz",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          LoopbackServer.send(ex, 200, FEED, gzip(feed));
        });
    FetchOutcome.Fetched f = (FetchOutcome.Fetched) get("/gz");
    assertThat(new String(f.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(feed, StandardCharsets.UTF_8));
    assertThat(server.requests("/gz").get(0).header("Accept-Encoding")).contains("gzip");

    byte[] bomb = gzip(new byte[60 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    server.on(
        "/bomb",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          LoopbackServer.send(ex, 200, FEED, bomb);
        });
    FetchOutcome.Failed b = (FetchOutcome.Failed) get("/bomb");
    assertThat(b.kind()).isEqualTo(FailureKind.TOO_LARGE);
  }

  @Test
  void slowServerTimesOut() throws Exception {
    server.on(
        "/slow",
        ex -> {
          try {
            Thread.sleep(6000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          LoopbackServer.send(ex, 200, FEED, "<rss/>");
        });
    long t = System.nanoTime();
    FetchOutcome.Failed f = (FetchOutcome.Failed) get("/slow");
    assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void charsetOfTheContentType() throws Exception {
    server.serve("/latin1", "text/xml; charset=ISO-8859-1", "<rss/>".getBytes());
    FetchOutcome.Fetched f = (FetchOutcome.Fetched) get("/latin1");
    assertThat(f.headerCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(HttpFetcher.charsetOf("text/html; charset=\"utf-8\""))
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(HttpFetcher.charsetOf("text/html; charset=bogus-42")).isNull();
  }

  @Test
  void closedPortIsANetworkError() throws Exception {
    HttpFetcher f = fetcher(TestSettings.http());
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FetchOutcome o =
        f.fetch(java.net.URI.create("http://127.0.0.1:" + port + "/feed"), "*/*", null);
    // robots.txt cannot be read either: the host is deferred, not hammered.
    assertThat(o).isInstanceOfAny(FetchOutcome.Deferred.class, FetchOutcome.Failed.class);
    f.close();
  }

  @Test
  void smallerCapApplies() throws Exception {
    HttpFetcher tiny =
        fetcher(
            new HttpSettings(
                TestSettings.USER_AGENT,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                5,
                new ByteSize(2048)));
    server.serve("/page", "text/html", new byte[4096]);
    assertThat(((FetchOutcome.Failed) tiny.fetch(server.uri("/page"), "*/*", null)).kind())
        .isEqualTo(FailureKind.TOO_LARGE);
    tiny.close();
  }

  static void redirect(com.sun.net.httpserver.HttpExchange ex, int status, String location)
      throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  static void streamZeros(OutputStream out, int size, AtomicLong written) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (out) {
      for (int sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }
}
