package com.finpulse.alerts.detect;

import com.finpulse.common.event.TrendPoint;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps the latest state of every key's 1h windows for eight days: what the daily digest needs (the
 * day against the prior week). Held here rather than queried from InfluxDB so the digest depends
 * only on what this service consumed, works while InfluxDB is down, and costs a few hundred bytes
 * per key and hour.
 */
final class HourlyStatsRecorder implements Processor<String, TrendPoint, Void, Void> {

  private WindowStore<String, HourStats> stats;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    stats = context.getStateStore(DetectionTopology.HOURLY_STATS);
  }

  @Override
  public void process(Record<String, TrendPoint> record) {
    TrendPoint p = record.value();
    if (p == null) {
      return;
    }
    stats.put(
        PartitionKeys.of(p.keyKind(), p.key()), HourStats.of(p), p.windowStart().toEpochMilli());
  }
}
