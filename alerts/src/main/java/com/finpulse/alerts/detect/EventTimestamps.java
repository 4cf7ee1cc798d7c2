package com.finpulse.alerts.detect;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of the inputs. An article: its event time. A trend update: when it was emitted,
 * bounded to its window ({@code updatedAt} live, the window's end in a replay where updates are
 * emitted long after their window). Kafka Streams processes a task's buffered records in timestamp
 * order, so an update is processed after the articles that made it, and the alert it may fire finds
 * them as evidence. The window stores' retention (evidence, hourly stats) runs on these times, so a
 * replay keeps what it needs.
 */
final class EventTimestamps implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object v = record.value();
    if (v instanceof TrendPoint p) {
      long start = p.windowStart().toEpochMilli();
      long lastInWindow = p.windowEnd().toEpochMilli() - 1;
      return Math.max(start, Math.min(lastInWindow, p.updatedAt().toEpochMilli()));
    }
    if (v instanceof ScoredArticle a) {
      return a.eventTime().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
