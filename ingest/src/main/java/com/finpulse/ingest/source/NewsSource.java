package com.finpulse.ingest.source;

/** Where articles come from: a polled feed or page, a replayed file, the simulator. */
public interface NewsSource {

  /** The {@code source} of its articles and the metrics tag. */
  String name();

  /** True when {@link #run} returns by itself once everything was offered. */
  boolean isFinite();

  /**
   * Offers articles to the sink until exhausted (finite sources) or interrupted. Errors of one
   * fetch or row are logged and counted, never thrown: only interruption ends a live source.
   */
  void run(ArticleSink sink) throws InterruptedException;
}
