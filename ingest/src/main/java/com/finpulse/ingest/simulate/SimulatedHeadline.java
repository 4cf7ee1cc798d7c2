package com.finpulse.ingest.simulate;

import java.time.Duration;
import java.util.List;

/**
 * One synthetic article.
 *
 * @param offset time from the start of the scenario
 * @param topic the topic it was written for
 * @param tone the sentiment it was written to carry
 * @param burst part of the spike (not of the background)
 */
public record SimulatedHeadline(
    Duration offset,
    String title,
    String body,
    String topic,
    Tone tone,
    List<String> tickers,
    boolean burst) {

  public SimulatedHeadline {
    tickers = List.copyOf(tickers);
  }
}
