package com.finpulse.ingest.fetch;

import com.finpulse.ingest.config.PolitenessSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host politeness: at most {@code host_concurrency} requests in flight to one host, at least
 * {@code host_interval} (or the host's robots.txt Crawl-delay) between two request starts, at most
 * {@code max_concurrency} requests overall, and a back-off window after the host said 429/503.
 *
 * <p>Callers block in {@link #acquire} (virtual threads make that cheap); a host in back-off is not
 * waited for here: {@link #blockedUntil} tells the caller to come back later.
 */
public final class HostGate {

  private final PolitenessSettings settings;
  private final Clock clock;
  private final Semaphore global;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();

  public HostGate(PolitenessSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.global = new Semaphore(settings.maxConcurrency(), true);
  }

  /** A held request slot; close it when the response is done. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final class Host {
    final Semaphore permits = new Semaphore(settings.hostConcurrency(), true);
    long nextStartNanos = System.nanoTime();
    Duration crawlDelay = Duration.ZERO;
    Instant blockedUntil = Instant.MIN;
    int failures;

    Duration interval() {
      return crawlDelay.compareTo(settings.hostInterval()) > 0
          ? crawlDelay
          : settings.hostInterval();
    }
  }

  private Host host(String name) {
    return hosts.computeIfAbsent(name, n -> new Host());
  }

  /** Waits for a slot to {@code host}, then for its turn after the previous request started. */
  public Permit acquire(String host) throws InterruptedException {
    Host h = host(host);
    h.permits.acquire();
    try {
      global.acquire();
    } catch (InterruptedException e) {
      h.permits.release();
      throw e;
    }
    try {
      long startAt;
      synchronized (h) {
        long now = System.nanoTime();
        startAt = Math.max(now, h.nextStartNanos);
        h.nextStartNanos = startAt + h.interval().toNanos();
      }
      long wait = startAt - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
    } catch (InterruptedException e) {
      global.release();
      h.permits.release();
      throw e;
    }
    return () -> {
      global.release();
      h.permits.release();
    };
  }

  /** When the host may be asked again, if it is in back-off now. */
  public Optional<Instant> blockedUntil(String host) {
    Host h = hosts.get(host);
    if (h == null) {
      return Optional.empty();
    }
    synchronized (h) {
      return h.blockedUntil.isAfter(clock.instant())
          ? Optional.of(h.blockedUntil)
          : Optional.empty();
    }
  }

  /**
   * The host answered 429 or 503: keep away for {@code retryAfter} when it said so (capped at
   * {@code backoff_max}), else for an exponentially growing wait.
   *
   * @return the wait applied
   */
  public Duration backOff(String host, Duration retryAfter) {
    Host h = host(host);
    synchronized (h) {
      h.failures++;
      Duration wait = retryAfter != null ? retryAfter : exponential(h.failures);
      if (wait.compareTo(settings.backoffMax()) > 0) {
        wait = settings.backoffMax();
      }
      h.blockedUntil = clock.instant().plus(wait);
      return wait;
    }
  }

  /** The host served a request normally: forget earlier back-offs. */
  public void succeeded(String host) {
    Host h = hosts.get(host);
    if (h != null) {
      synchronized (h) {
        h.failures = 0;
      }
    }
  }

  /** A robots.txt Crawl-delay for the host (zero for none). */
  public void crawlDelay(String host, Duration delay) {
    Host h = host(host);
    synchronized (h) {
      h.crawlDelay = delay;
    }
  }

  /** {@code backoff_initial * 2^(failures-1)}, capped at {@code backoff_max}. */
  public Duration exponential(int failures) {
    Duration d = settings.backoffInitial();
    for (int i = 1; i < failures && d.compareTo(settings.backoffMax()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : d;
  }
}
