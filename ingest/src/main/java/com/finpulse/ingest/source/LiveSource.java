package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.fetch.FetchOutcome;
import com.finpulse.ingest.fetch.HostGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured source polled until ingest stops: every {@code poll_interval} (with jitter), later
 * after failures ({@code backoff_initial} doubling, at least the interval, at most {@code
 * backoff_max}), and not before a host's Retry-After. One log line per failure says what failed and
 * when the next attempt is.
 */
abstract class LiveSource implements NewsSource {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);

  protected final SourceSettings settings;
  protected final PolitenessSettings politeness;
  protected final HostGate gate;
  protected final IngestMetrics metrics;
  protected final Clock clock;
  private int failures;

  LiveSource(
      SourceSettings settings,
      PolitenessSettings politeness,
      HostGate gate,
      IngestMetrics metrics,
      Clock clock) {
    this.settings = settings;
    this.politeness = politeness;
    this.gate = gate;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public boolean isFinite() {
    return false;
  }

  /** One fetch-parse-offer round. Must not throw for anything but interruption. */
  abstract PollResult poll(ArticleSink sink) throws InterruptedException;

  /**
   * Counts the fetch of the source's own document (feed, listing page) and returns how the poll
   * ends when there is no body to read: unchanged (304), deferred by the host, or failed. Null when
   * the body was fetched.
   */
  @Nullable PollResult recordFetch(FetchOutcome outcome) {
    return switch (outcome) {
      case FetchOutcome.Fetched f -> {
        metrics.fetch(name(), "ok", f.latency());
        yield null;
      }
      case FetchOutcome.NotModified n -> {
        metrics.fetch(name(), "not_modified", n.latency());
        yield new PollResult.Done(0);
      }
      case FetchOutcome.Deferred d -> {
        metrics.fetch(name(), "deferred", null);
        yield new PollResult.Deferred(d.until(), d.reason());
      }
      case FetchOutcome.Failed f -> {
        metrics.fetch(name(), "error", null);
        metrics.error(name(), f.kind());
        yield new PollResult.Failed(f.kind(), f.message());
      }
    };
  }

  @Override
  public void run(ArticleSink sink) throws InterruptedException {
    LOG.info(
        "Source {} ({}) polls {} every {}",
        name(),
        settings.type().configName(),
        settings.url(),
        settings.pollInterval());
    while (!Thread.currentThread().isInterrupted()) {
      PollResult result;
      try {
        result = poll(sink);
      } catch (InterruptedException e) {
        throw e;
      } catch (RuntimeException e) {
        // A bug, not the network: keep the source alive, say so loudly.
        LOG.error("Source {}: poll of {} failed unexpectedly", name(), settings.url(), e);
        result = new PollResult.Failed(com.finpulse.ingest.fetch.FailureKind.PARSE, e.toString());
      }
      Duration wait = nextWait(result);
      Thread.sleep(wait);
    }
    throw new InterruptedException();
  }

  /** The wait before the next poll; logs failures with it. */
  Duration nextWait(PollResult result) {
    return switch (result) {
      case PollResult.Done d -> {
        if (failures > 0) {
          LOG.info(
              "Source {}: {} reads again after {} failed poll(s)",
              name(),
              settings.url(),
              failures);
        }
        failures = 0;
        yield jittered(settings.pollInterval());
      }
      case PollResult.Deferred d -> {
        Duration until = Duration.between(clock.instant(), d.until());
        Duration wait = until.isNegative() ? Duration.ofSeconds(1) : until.plusSeconds(1);
        LOG.info(
            "Source {}: not polling {} now ({}); next poll in {}",
            name(),
            settings.url(),
            d.reason(),
            human(wait));
        yield wait;
      }
      case PollResult.Failed f -> {
        failures++;
        Duration backoff = gate.exponential(failures);
        Duration wait =
            backoff.compareTo(settings.pollInterval()) > 0 ? backoff : settings.pollInterval();
        if (wait.compareTo(politeness.backoffMax()) > 0) {
          wait =
              politeness.backoffMax().compareTo(settings.pollInterval()) > 0
                  ? politeness.backoffMax()
                  : settings.pollInterval();
        }
        LOG.warn(
            "Source {}: {} failed ({}: {}); next poll in {} (failure {} in a row)",
            name(),
            settings.url(),
            f.kind().tag(),
            f.message(),
            human(wait),
            failures);
        yield wait;
      }
    };
  }

  private Duration jittered(Duration interval) {
    double j = politeness.pollJitter();
    double factor = 1 + (j == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-j, j));
    return Duration.ofMillis((long) (interval.toMillis() * factor));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
  }

  Instant now() {
    return clock.instant();
  }
}
