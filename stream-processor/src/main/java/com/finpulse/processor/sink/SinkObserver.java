package com.finpulse.processor.sink;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import java.util.List;

/**
 * Told about every write InfluxDB accepted, on the sink's thread, right after the acceptance:
 * benchmarks measure produce-to-point latency with it. Must be quick.
 */
@FunctionalInterface
public interface SinkObserver {

  SinkObserver NONE = (articles, trends, acceptedAtMillis) -> {};

  void written(List<ScoredArticle> articles, List<TrendPoint> trends, long acceptedAtMillis);
}
