package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * How hard ingest may hit a site.
 *
 * @param obeyRobots honour robots.txt (disallowed URLs are skipped and counted as {@code robots}
 *     errors; a Crawl-delay raises the host interval)
 * @param robotsCacheTtl how long a host's robots.txt is reused before it is fetched again
 * @param hostInterval minimum time between two requests to one host
 * @param hostConcurrency requests in flight to one host at once
 * @param maxConcurrency requests in flight overall
 * @param backoffInitial first wait after a failed poll or a 429/503 without Retry-After; doubles
 *     with each further failure
 * @param backoffMax longest wait after failures, and the cap on a server's Retry-After
 * @param pollJitter each poll interval is stretched or shrunk by up to this fraction, so sources
 *     sharing a host do not fire together
 */
public record PolitenessSettings(
    boolean obeyRobots,
    Duration robotsCacheTtl,
    Duration hostInterval,
    int hostConcurrency,
    int maxConcurrency,
    Duration backoffInitial,
    Duration backoffMax,
    double pollJitter)
    implements Validated {

  @Override
  public void validate(Validation v) {
    v.check(HttpSettings.positive(robotsCacheTtl), "robots_cache_ttl", "must be positive");
    v.check(
        hostInterval != null && !hostInterval.isNegative(),
        "host_interval",
        "must not be negative");
    v.range(hostConcurrency, 1, 64, "host_concurrency");
    v.range(maxConcurrency, 1, 1024, "max_concurrency");
    v.check(HttpSettings.positive(backoffInitial), "backoff_initial", "must be positive");
    v.check(
        HttpSettings.positive(backoffMax)
            && backoffInitial != null
            && backoffMax.compareTo(backoffInitial) >= 0,
        "backoff_max",
        "must be positive and at least backoff_initial");
    v.range(pollJitter, 0, 0.5, "poll_jitter");
  }
}
