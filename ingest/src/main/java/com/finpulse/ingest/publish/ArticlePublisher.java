package com.finpulse.ingest.publish;

import com.finpulse.common.event.NewsArticle;
import java.time.Duration;

/** Hands articles to {@code news.raw}. Thread-safe. */
public interface ArticlePublisher extends AutoCloseable {

  /** How one article's delivery ended. Called once per article, on a producer thread. */
  interface Delivery {
    void delivered(int partition, long offset);

    /** Refused for good (the broker being down is not this: that is waited out). */
    void failed(Exception cause);
  }

  /**
   * Hands the article over. Blocks while {@code max_pending} articles wait for acknowledgement
   * (back-pressure: the sources slow down instead of buffering without bound).
   */
  void publish(NewsArticle article, Delivery delivery) throws InterruptedException;

  /** Articles handed over and not yet acknowledged or refused. */
  int pending();

  /**
   * Called every half second by the service: logs (at most once a minute) when articles are pending
   * and the destination has acknowledged nothing for a while, so an outage is visible.
   */
  void warnIfStalled();

  /** Waits until nothing is pending; false when {@code timeout} passed first. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException;

  /** Sends what is pending (waiting up to {@code timeout}), then releases the producer. */
  void close(Duration timeout);

  @Override
  default void close() {
    close(Duration.ofSeconds(30));
  }
}
