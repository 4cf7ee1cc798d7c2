package com.finpulse.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * robots.txt of every origin ingest talks to, parsed by crawler-commons and cached for {@code
 * robots_cache_ttl}. A missing robots.txt (4xx) allows everything; one that cannot be read (5xx,
 * network) blocks the origin for a while, as RFC 9309 §2.3.1.4 asks.
 */
public final class RobotsRules {

  /** What robots.txt says about one URL. */
  public sealed interface Verdict {}

  public record Allowed(Duration crawlDelay) implements Verdict {}

  public record Disallowed(String robotsUrl) implements Verdict {}

  /** robots.txt could not be read: come back at {@code until}. */
  public record Unavailable(Instant until, String reason) implements Verdict {}

  private record Entry(BaseRobotRules rules, Instant expires, String robotsUrl, String failure) {}

  /** robots.txt bodies are cut here (RFC 9309 asks parsers to read at least 500 KiB). */
  static final int MAX_ROBOTS_BYTES = 512 * 1024;

  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final List<String> robotNames;
  private final Duration ttl;
  private final Duration failureTtl;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /**
   * @param userAgent the full User-Agent; its product token ({@code FinPulse} of {@code
   *     FinPulse/0.1 (...)}) is the name matched against robots.txt groups
   */
  public RobotsRules(String userAgent, Duration ttl, Duration failureTtl, Clock clock) {
    this.robotNames = List.of(productToken(userAgent));
    this.ttl = ttl;
    this.failureTtl = failureTtl;
    this.clock = clock;
  }

  static String productToken(String userAgent) {
    String token = userAgent.trim().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
    return token.isEmpty() ? "finpulse" : token;
  }

  static String origin(URI uri) {
    int port = uri.getPort();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean defaultPort =
        port < 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  /**
   * @param loader fetches a robots.txt URL (following redirects, without asking robots.txt)
   */
  public Verdict check(URI uri, Function<URI, FetchOutcome> loader) {
    String origin = origin(uri);
    Instant now = clock.instant();
    Entry e = cache.get(origin);
    if (e == null || !e.expires.isAfter(now)) {
      e = load(origin, loader, now);
      cache.put(origin, e);
    }
    if (e.failure != null) {
      return new Unavailable(e.expires, e.failure);
    }
    if (!e.rules.isAllowed(uri.toString())) {
      return new Disallowed(e.robotsUrl);
    }
    long delay = e.rules.getCrawlDelay();
    return new Allowed(delay > 0 ? Duration.ofMillis(delay) : Duration.ZERO);
  }

  private Entry load(String origin, Function<URI, FetchOutcome> loader, Instant now) {
    String robotsUrl = origin + "/robots.txt";
    FetchOutcome outcome = loader.apply(URI.create(robotsUrl));
    return switch (outcome) {
      case FetchOutcome.Fetched f ->
          new Entry(
              parser.parseContent(
                  robotsUrl,
                  f.body().length > MAX_ROBOTS_BYTES
                      ? java.util.Arrays.copyOf(f.body(), MAX_ROBOTS_BYTES)
                      : f.body(),
                  f.contentType() == null ? "text/plain" : f.contentType(),
                  robotNames),
              now.plus(ttl),
              robotsUrl,
              null);
      case FetchOutcome.Failed f when f.status() >= 400 && f.status() < 500 && f.status() != 429 ->
          // No robots.txt (or not for us to read): everything is allowed.
          new Entry(parser.failedFetch(f.status()), now.plus(ttl), robotsUrl, null);
      case FetchOutcome.Failed f ->
          new Entry(
              parser.failedFetch(f.status() == 0 ? 503 : f.status()),
              now.plus(failureTtl),
              robotsUrl,
              robotsUrl + " could not be read (" + f.message() + ")");
      case FetchOutcome.Deferred d ->
          new Entry(parser.failedFetch(503), d.until(), robotsUrl, robotsUrl + ": " + d.reason());
      case FetchOutcome.NotModified n ->
          new Entry(parser.failedFetch(404), now.plus(ttl), robotsUrl, null);
    };
  }
}
