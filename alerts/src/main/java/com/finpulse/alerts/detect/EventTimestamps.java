package com.finpulse.alerts.detect;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of the inputs: a trend point's window start, an article's event time. The window
 * stores' retention (evidence, hourly stats) runs on it, so a replay keeps what it needs.
 */
final class EventTimestamps implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object v = record.value();
    if (v instanceof TrendPoint p) {
      return p.windowStart().toEpochMilli();
    }
    if (v instanceof ScoredArticle a) {
      return a.eventTime().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
