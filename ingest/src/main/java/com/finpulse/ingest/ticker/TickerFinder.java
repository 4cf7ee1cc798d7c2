package com.finpulse.ingest.ticker;

import java.util.List;

/** Finds the stock symbols a text mentions. Thread-safe. */
public interface TickerFinder {

  /** Upper-case symbols in order of first mention, without duplicates. */
  List<String> find(String text);
}
