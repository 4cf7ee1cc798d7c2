package com.finpulse.processor.aggregate;

/**
 * The stream time a window aggregation judges closed windows by: the largest timestamp among the
 * records this processor has seen, which Kafka Streams' windowed aggregate tracks for itself. The
 * task's stream time can run ahead of it (a task over several partitions, or TopologyTestDriver's
 * single task, advances it with records that have not reached the aggregation yet), so deciding
 * "closed" by the task's time would disagree with the aggregation about which contributions count.
 */
final class ObservedStreamTime {

  private long max = Long.MIN_VALUE;

  /** Records {@code timestamp}; returns the stream time including it. */
  long observe(long timestamp) {
    max = Math.max(max, timestamp);
    return max;
  }

  /** True when a window ending at {@code windowEnd} is closed at {@code streamTime}. */
  static boolean closed(long windowEnd, long graceMillis, long streamTime) {
    return windowEnd + graceMillis <= streamTime;
  }

  /** Whether any record was seen yet. */
  boolean started() {
    return max != Long.MIN_VALUE;
  }

  long current() {
    return max;
  }
}
