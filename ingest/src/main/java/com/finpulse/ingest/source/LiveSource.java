package com.finpulse.ingest.source;

import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.dedup.Deduplicator;
import com.finpulse.ingest.feed.FeedItem;
import com.finpulse.ingest.fetch.FetchOutcome;
import com.finpulse.ingest.fetch.HostGate;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured source polled until ingest stops: every {@code poll_interval} (with jitter), later
 * after failures ({@code backoff_initial} doubling, at least the interval, at most {@code
 * backoff_max}), and not before a host's Retry-After. One log line per failure says what failed and
 * when the next attempt is.
 *
 * <p>Also the fetch-and-validate steps every live source shares: the conditional GET of its own
 * document, the skip of links already sent, and remembering the document's validators only once
 * everything read from it is safely sent.
 */
abstract class LiveSource implements NewsSource {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);

  protected final SourceSettings settings;
  protected final PolitenessSettings politeness;
  protected final HttpFetcher fetcher;
  protected final ArticleAssembler assembler;
  protected final IngestMetrics metrics;
  protected final Clock clock;
  private final HostGate gate;
  private final ValidatorStore validators;
  private int failures;

  LiveSource(
      SourceSettings settings,
      PolitenessSettings politeness,
      HttpFetcher fetcher,
      ValidatorStore validators,
      ArticleAssembler assembler,
      IngestMetrics metrics,
      Clock clock) {
    this.settings = settings;
    this.politeness = politeness;
    this.fetcher = fetcher;
    this.gate = fetcher.gate();
    this.validators = validators;
    this.assembler = assembler;
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

  /** Fetches the source's own document (feed, listing page), conditionally on its validators. */
  FetchOutcome fetchDocument(String accept) throws InterruptedException {
    return fetcher.fetch(URI.create(settings.url()), accept, validators.get(settings.url()));
  }

  /**
   * Remembers the document's validators once every offer settles without failure: a crash before
   * that must not turn the next fetch into a 304 that hides unsent items.
   */
  void rememberWhenSent(
      FetchOutcome.Fetched document, List<CompletableFuture<ArticleSink.Settled>> settled) {
    CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new))
        .thenRun(
            () -> {
              if (settled.stream().noneMatch(s -> s.join() == ArticleSink.Settled.FAILED)) {
                validators.put(settings.url(), document.validators());
              }
            });
  }

  /** Whether {@code link} was sent before; the sink counts the skip. */
  boolean alreadySent(String link, ArticleSink sink) {
    Optional<String> linkId = assembler.linkId(link);
    if (linkId.isPresent()) {
      Deduplicator.Verdict known = sink.checkLink(linkId.get(), name());
      if (!known.isNew()) {
        sink.skipped(name(), known);
        return true;
      }
    }
    return false;
  }

  /** An article from an extracted page, with the source's tickers and language. */
  Optional<ArticleAssembler.Assembled> fromPage(
      PageReader.Page page, String link, @Nullable FeedItem item) {
    return assembler.fromPage(
        page.article(),
        page.finalUrl(),
        link,
        item,
        name(),
        settings.tickers(),
        settings.language());
  }

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
