package com.finpulse.processor.aggregate;

import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each update of a window's aggregate into a {@link TrendPoint} keyed by {@link
 * TrendPoint#recordKey()}. The record's timestamp is the wall clock of the update, so
 * sentiment.trends' time-based retention keeps points of a replay of old news.
 */
final class TrendPointEmitter
    implements Processor<Windowed<String>, TrendAggregate, String, TrendPoint> {

  private final TrendWindow window;
  private ProcessorContext<String, TrendPoint> context;

  TrendPointEmitter(TrendWindow window) {
    this.window = window;
  }

  @Override
  public void init(ProcessorContext<String, TrendPoint> context) {
    this.context = context;
  }

  @Override
  public void process(Record<Windowed<String>, TrendAggregate> record) {
    if (record.value() == null) {
      return;
    }
    String groupKey = record.key().key();
    long now = context.currentSystemTimeMs();
    TrendPoint point =
        record
            .value()
            .toPoint(
                TrendKeys.kind(groupKey),
                TrendKeys.key(groupKey),
                window,
                Instant.ofEpochMilli(record.key().window().start()),
                Instant.ofEpochMilli(now));
    context.forward(new Record<>(point.recordKey(), point, now, record.headers()));
  }
}
