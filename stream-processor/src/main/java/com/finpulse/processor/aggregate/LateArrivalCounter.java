package com.finpulse.processor.aggregate;

import com.finpulse.common.event.TrendWindow;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the contributions a window aggregation will drop as too late (its window ended more than
 * the grace period before the stream time the aggregation has observed), so a late drop is a meter
 * and a log line, not a silent loss. The article itself is in news.scored and in InfluxDB's scored
 * articles either way.
 */
final class LateArrivalCounter
    implements FixedKeyProcessor<String, TrendContribution, TrendContribution> {

  private static final Logger LOG = LoggerFactory.getLogger(LateArrivalCounter.class);

  private final List<TrendWindow> windows;
  private final long graceMillis;
  private final ProcessorMetrics metrics;
  private FixedKeyProcessorContext<String, TrendContribution> context;
  private ObservedStreamTime observed;
  private long lateSoFar;

  LateArrivalCounter(List<TrendWindow> windows, Duration grace, ProcessorMetrics metrics) {
    this.windows = windows;
    this.graceMillis = grace.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TrendContribution> context) {
    this.context = context;
    // As the window aggregation does, a (re)initialised processor starts from no stream time.
    observed = new ObservedStreamTime();
  }

  @Override
  public void process(FixedKeyRecord<String, TrendContribution> record) {
    long ts = record.timestamp();
    long streamTime = observed.observe(ts);
    for (TrendWindow w : windows) {
      long size = w.size().toMillis();
      long windowEnd = ts - Math.floorMod(ts, size) + size;
      if (ObservedStreamTime.closed(windowEnd, graceMillis, streamTime)) {
        metrics.late(w);
        if (lateSoFar++ % 100 == 0) {
          LOG.warn(
              "Article for {} at {} arrived after its {} window closed (stream time {}, grace {}"
                  + " s); it is not counted in that window ({} late so far in this task)",
              record.key(),
              java.time.Instant.ofEpochMilli(ts),
              w.label(),
              java.time.Instant.ofEpochMilli(streamTime),
              graceMillis / 1000,
              lateSoFar);
        }
      }
    }
    context.forward(record);
  }
}
