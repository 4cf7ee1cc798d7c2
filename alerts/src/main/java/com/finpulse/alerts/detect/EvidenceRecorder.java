package com.finpulse.alerts.detect;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps the most negative headlines per key in minute buckets (alert evidence for any window size:
 * the top stories of a window are among the union of its minutes' top stories) and hour buckets
 * (the digest). Input: negative articles, keyed by {@link PartitionKeys}.
 */
final class EvidenceRecorder implements Processor<String, StoredHeadline, Void, Void> {

  static final int HOURLY_HEADLINES = 20;
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final int perMinute;
  private WindowStore<String, HeadlineList> minutes;
  private WindowStore<String, HeadlineList> hours;

  EvidenceRecorder(int perMinute) {
    this.perMinute = Math.max(1, perMinute);
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    minutes = context.getStateStore(DetectionTopology.EVIDENCE_MINUTES);
    hours = context.getStateStore(DetectionTopology.EVIDENCE_HOURS);
  }

  @Override
  public void process(Record<String, StoredHeadline> record) {
    StoredHeadline h = record.value();
    if (h == null || record.key() == null) {
      return;
    }
    long t = h.headline().eventTime().toEpochMilli();
    add(minutes, record.key(), Math.floorDiv(t, MINUTE) * MINUTE, h, perMinute);
    add(hours, record.key(), Math.floorDiv(t, HOUR) * HOUR, h, HOURLY_HEADLINES);
  }

  private static void add(
      WindowStore<String, HeadlineList> store,
      String key,
      long bucket,
      StoredHeadline h,
      int limit) {
    HeadlineList current = store.fetch(key, bucket);
    HeadlineList next = (current == null ? HeadlineList.empty() : current).add(h, limit);
    if (!next.equals(current)) {
      // Once a bucket's list is full, most headlines do not make it: writing the same list
      // again would only grow the changelog.
      store.put(key, next, bucket);
    }
  }
}
