package com.finpulse.processor.aggregate;

import com.finpulse.common.event.ScoredArticle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows trends on the article's event time (publish time bounded by fetch time), not on the
 * news.scored record's timestamp, which is the fetch time (kept so the topic's time-based retention
 * works on replays of old news).
 */
public final class ScoredArticleEventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof ScoredArticle a) {
      return a.eventTime().toEpochMilli();
    }
    return record.timestamp();
  }
}
