package com.finpulse.ingest.source;

import com.finpulse.common.metrics.MeterNames;
import com.finpulse.ingest.dedup.DuplicateKind;
import com.finpulse.ingest.fetch.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The ingest meters ({@link MeterNames}), tagged by source. */
public final class IngestMetrics {

  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * @param outcome {@code ok}, {@code not_modified}, {@code deferred} or {@code error}
   */
  public void fetch(String source, String outcome, Duration latency) {
    Counter.builder(MeterNames.INGEST_FETCHES)
        .description("feed, page and sitemap fetches")
        .tag("source", source)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (latency != null) {
      Timer.builder(MeterNames.INGEST_FETCH_LATENCY)
          .description("time to fetch a feed or page, redirects included")
          .tag("source", source)
          .register(registry)
          .record(latency);
    }
  }

  public void published(String source) {
    Counter.builder(MeterNames.INGEST_ARTICLES)
        .description("new articles acknowledged by Kafka on news.raw")
        .tag("source", source)
        .register(registry)
        .increment();
  }

  /** A duplicate ({@link DuplicateKind#EXACT}, {@link DuplicateKind#NEAR}) or a known item. */
  public void notNew(String source, DuplicateKind kind) {
    if (kind == DuplicateKind.KNOWN) {
      Counter.builder(MeterNames.INGEST_KNOWN)
          .description("items a source listed again after delivering them")
          .tag("source", source)
          .register(registry)
          .increment();
      return;
    }
    Counter.builder(MeterNames.INGEST_DUPLICATES)
        .description("articles dropped as duplicates of one already sent")
        .tag("source", source)
        .tag("kind", kind.tag())
        .register(registry)
        .increment();
  }

  /** Rows of a replay file that could not be read and were skipped. */
  public void replaySkipped(String source, long rows) {
    Counter.builder(MeterNames.INGEST_REPLAY_SKIPPED)
        .description("rows of a replay file skipped as unreadable")
        .tag("source", source)
        .register(registry)
        .increment(rows);
  }

  public void error(String source, FailureKind kind) {
    Counter.builder(MeterNames.INGEST_ERRORS)
        .description("failed fetches, unreadable documents, refused articles")
        .tag("source", source)
        .tag("kind", kind.tag())
        .register(registry)
        .increment();
  }
}
